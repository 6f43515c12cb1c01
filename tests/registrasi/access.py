from lpse import roles
from tests.access import LOGGED_IN, PUBLIC, Url

from .factories import make_pendaftaran

ALLOWED = {r for r in roles.STAFF_ROLES if "lpse.akses_registrasi" in roles.all_role_permissions()[r]}
VERIFIERS = {roles.KABID_REGISTRASI, roles.REGISTRASI}
KABID = {roles.KABID_REGISTRASI}


def _token(**kw):
    return lambda: {"token": make_pendaftaran(**kw).token}


def _pk(**kw):
    return lambda: {"pk": make_pendaftaran(**kw).pk}


def _berkas():
    return {"pk": make_pendaftaran().berkas.first().pk}


def _keputusan():
    from registrasi.models import Keputusan
    from tests.factories import UserFactory

    p = make_pendaftaran(status="dikembalikan", perbaikan_dokumen=["ktp"])
    k = Keputusan.objects.create(
        pendaftaran=p,
        putaran=1,
        hasil="tolak",
        alasan=["tidak_terbaca"],
        perbaikan_dokumen=["ktp"],
        verifikator=UserFactory(),
    )
    return {"pk": k.pk}


def _penonaktifan():
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from registrasi.models import Penonaktifan
    from tests.factories import UserFactory

    from .factories import pdf_bytes

    p = make_pendaftaran(status="disetujui", user_id_spse=f"uji{timezone.now().timestamp():.0f}")
    item = Penonaktifan(
        pendaftaran=p,
        sumber="permintaan",
        diajukan_oleh=UserFactory(),
        nomor_surat="1/SK",
        tanggal_surat=timezone.localdate(),
        alasan="Daftar hitam",
        bukti_nama="sk.pdf",
    )
    item.bukti.save("sk.pdf", ContentFile(pdf_bytes()), save=False)
    item.save()
    return {"pk": item.pk}


def _permohonan():
    from registrasi.models import PermohonanAkun

    p = make_pendaftaran(status="disetujui", user_id_spse="uji.akun")
    return {"pk": PermohonanAkun.objects.create(pendaftaran=p, jenis="ubah_kontak", uraian="Email baru").pk}


REQUESTERS = {roles.PA_KPA, roles.PPK, roles.POKJA}

ACCESS = [
    Url("registrasi:daftar", PUBLIC),
    Url("registrasi:persiapan", PUBLIC),
    Url("registrasi:daftar-pejabat", PUBLIC),
    Url("registrasi:terkirim", PUBLIC),
    Url(
        "registrasi:konfirmasi",
        PUBLIC,
        kwargs=lambda: {"token": make_pendaftaran(status="menunggu_konfirmasi").token_konfirmasi},
    ),
    Url("registrasi:cek-status", PUBLIC),
    Url("registrasi:status", PUBLIC, kwargs=_token()),
    # An empty fix of a returned application is a form error, never a 500.
    Url(
        "registrasi:perbaikan",
        PUBLIC,
        kwargs=_token(status="dikembalikan", perbaikan_dokumen=["ktp"]),
        method="post",
        ok=400,
    ),
    Url("registrasi:jadwal", PUBLIC, kwargs=_token(), method="post", ok=400),
    # Issued on first request and rendered by a worker: "sedang disiapkan" (202) until then (issue 12).
    Url(
        "registrasi:formulir",
        PUBLIC,
        kwargs=lambda: {"token": make_pendaftaran().token, "jenis": "pendaftaran"},
        ok=202,
    ),
    Url("registrasi:index", ALLOWED),
    Url("registrasi:ekspor", ALLOWED),
    Url("registrasi:slot-list", ALLOWED),
    Url("registrasi:detail", ALLOWED, kwargs=_pk()),
    Url("registrasi:klaim", VERIFIERS, kwargs=_pk(), method="post", ok=302),
    Url("registrasi:tugaskan", KABID, kwargs=_pk(), method="post", ok=400),
    # Not claimed by the caller: the checklist refuses with a form error.
    Url("registrasi:periksa", VERIFIERS, kwargs=_pk(), method="post", ok=400),
    Url("registrasi:putuskan", VERIFIERS, kwargs=_pk(), method="post", ok=400),
    Url("registrasi:batalkan", VERIFIERS, kwargs=_pk(), method="post", ok=400),
    Url("registrasi:berkas", ALLOWED, kwargs=_berkas),
    Url("registrasi:berita-acara", ALLOWED, kwargs=_keputusan, ok=202),  # rendered by a worker (issue 12)
    # Pasal 10(5)
    Url("registrasi:penonaktifan-ajukan", REQUESTERS),
    Url("registrasi:penonaktifan-list", ALLOWED),
    Url("registrasi:penonaktifan-baru", VERIFIERS),
    Url("registrasi:penonaktifan-detail", ALLOWED, kwargs=_penonaktifan),
    Url("registrasi:penonaktifan-putuskan", VERIFIERS, kwargs=_penonaktifan, method="post", ok=400),
    Url("registrasi:penonaktifan-bukti", ALLOWED, kwargs=_penonaktifan),
    # Account services: any logged-in user sees the page (with or without an approved registration).
    Url("registrasi:layanan-akun", LOGGED_IN),
    # Only the account holder gets the receipt; everyone else is told it does not exist.
    Url("registrasi:layanan-akun-tanda-terima", LOGGED_IN, kwargs=_permohonan, ok=404),
    Url("registrasi:lupa-user-id", PUBLIC),
    Url("registrasi:layanan-akun-list", ALLOWED),
    Url("registrasi:layanan-akun-detail", ALLOWED, kwargs=_permohonan),
    Url("registrasi:layanan-akun-proses", VERIFIERS, kwargs=_permohonan, method="post", ok=400),
    # No evidence file on this request: 404 for the staff who may look.
    Url("registrasi:layanan-akun-bukti", ALLOWED, kwargs=_permohonan, ok=404),
    Url("registrasi:kedaluwarsa", ALLOWED),
]
