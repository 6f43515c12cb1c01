from lpse import roles
from tests.access import LOGGED_IN, PUBLIC, Url
from tests.layanan.factories import ArtikelFaqFactory, EskalasiFactory, make_tiket

ALLOWED = {r for r in roles.STAFF_ROLES if "lpse.akses_layanan" in roles.all_role_permissions()[r]}
SLA_EDITORS = {roles.KABID_LAYANAN}


def _tiket():
    return {"pk": make_tiket().pk}


def _token():
    return {"token": make_tiket().token}


def _lampiran_publik():
    from layanan.models import TiketLampiran

    t = make_tiket()
    lampiran = TiketLampiran.objects.create(
        tiket=t, berkas="layanan/tiket/x.pdf", nama_asli="x.pdf", ukuran=1, jenis="pdf"
    )
    return {"token": t.token, "pk": lampiran.pk + 10_000}  # not this ticket's file: 404 for everyone


def _lampiran_staf():
    return {"pk": make_tiket().pk, "lampiran_pk": 999_999}


def _ba():
    return {"pk": 999_999}


ACCESS = [
    # Public helpdesk and FAQ (Pasal 11 ayat 3).
    Url("layanan:tiket-baru", PUBLIC),
    Url("layanan:faq-saran", PUBLIC, data={"subjek": "unggah"}),
    Url("layanan:tiket-saya", LOGGED_IN),
    Url("layanan:tiket-publik", PUBLIC, kwargs=_token),
    # Rating a ticket that is not solved yet is refused with a clear 400.
    Url("layanan:tiket-nilai", PUBLIC, kwargs=_token, method="post", data={"nilai": "5"}, ok=400),
    Url("layanan:tiket-lampiran-publik", PUBLIC, kwargs=_lampiran_publik, ok=404),
    Url("layanan:faq-list", PUBLIC, data={"q": "sandi"}),
    Url("layanan:faq-detail", PUBLIC, kwargs=lambda: {"pk": ArtikelFaqFactory().pk}),
    Url("layanan:faq-vote", PUBLIC, kwargs=lambda: {"pk": ArtikelFaqFactory().pk}, method="post", ok=302),
    # Staff.
    Url("layanan:index", ALLOWED),
    Url("layanan:tiket-catat", ALLOWED),
    Url("layanan:tiket-detail", ALLOWED, kwargs=_tiket),
    Url(
        "layanan:tiket-balas",
        ALLOWED,
        kwargs=_tiket,
        method="post",
        data={"isi": "Sedang kami periksa.", "jenis": "publik"},
        ok=302,
    ),
    Url("layanan:tiket-status", ALLOWED, kwargs=_tiket, method="post", data={"status": "ditangani"}, ok=302),
    Url("layanan:tiket-tugas", ALLOWED, kwargs=_tiket, method="post", data={"petugas": ""}, ok=302),
    Url(
        "layanan:tiket-prioritas",
        ALLOWED,
        kwargs=_tiket,
        method="post",
        data={"urgensi": "tinggi", "dampak": "tinggi"},
        ok=302,
    ),
    Url("layanan:tiket-gabung", ALLOWED, kwargs=_tiket, method="post", data={"ke": ""}, ok=400),
    Url("layanan:tiket-eskalasi", ALLOWED, kwargs=_tiket, method="post", data={}, ok=400),
    Url("layanan:tiket-faq", ALLOWED, kwargs=_tiket, method="post", data={"artikel": ""}, ok=302),
    # The ticket page's rarely used sections, loaded when opened (issue 14); one stands for all five.
    Url("layanan:tiket-bagian", ALLOWED, kwargs=lambda: {"pk": _tiket()["pk"], "bagian": "gabung"}),
    Url("layanan:tiket-lampiran", ALLOWED, kwargs=_lampiran_staf, ok=404),
    Url("layanan:ba-create", ALLOWED, kwargs=_tiket),
    Url("layanan:ba-download", ALLOWED, kwargs=_ba, ok=404),
    Url("layanan:eskalasi-jawab", ALLOWED, kwargs=lambda: {"pk": EskalasiFactory().pk}, method="post", data={}, ok=400),
    Url("layanan:sla-target", SLA_EDITORS),
    Url("layanan:sla-laporan", ALLOWED),
    Url("layanan:templat-list", ALLOWED),
    Url("layanan:faq-kelola", ALLOWED),
    Url("layanan:faq-create", ALLOWED),
    Url("layanan:faq-edit", ALLOWED, kwargs=lambda: {"pk": ArtikelFaqFactory().pk}),
]


BOOKERS = set(roles.STAFF_ROLES) | {roles.POKJA}
DECIDERS = {roles.KABID_LAYANAN}


def _pemesanan():
    from datetime import timedelta

    from django.utils import timezone

    from layanan.models import PemesananRuang
    from tests.factories import UserFactory
    from tests.layanan.factories import make_ruang

    mulai = timezone.now() + timedelta(days=3)
    # Booked by someone else: only a decider may cancel or decide it; others get a clear message.
    p = PemesananRuang.objects.create(
        ruang=make_ruang(), pemesan=UserFactory(), keperluan="uji", mulai=mulai, selesai=mulai + timedelta(hours=1)
    )
    return {"pk": p.pk}


def _peserta_token():
    from tests.layanan.factories import make_peserta

    return {"token": make_peserta().token}


def _peserta_pk():
    from tests.layanan.factories import make_peserta

    return {"pk": make_peserta().pk}


def _pelatihan():
    from tests.layanan.factories import make_pelatihan

    return {"pk": make_pelatihan().pk}


def _tamu():
    from django.utils import timezone

    from layanan.models import BukuTamu

    return {"pk": BukuTamu.objects.create(nama="Tamu", masuk=timezone.now()).pk}


ACCESS += [
    Url("layanan:pelatihan-list", PUBLIC),
    Url("layanan:pelatihan-detail", PUBLIC, kwargs=_pelatihan),
    Url("layanan:peserta", PUBLIC, kwargs=_peserta_token),
    Url("layanan:peserta-batal", PUBLIC, kwargs=_peserta_token, method="post", ok=302),
    # No certificate issued yet: a clear 404 for everyone.
    Url("layanan:peserta-sertifikat", PUBLIC, kwargs=_peserta_token, ok=404),
    Url("layanan:ruang-kalender", BOOKERS),
    Url("layanan:pemesanan-batal", BOOKERS, kwargs=_pemesanan, method="post", ok=302),
    Url(
        "layanan:pemesanan-keputusan",
        DECIDERS,
        kwargs=_pemesanan,
        method="post",
        data={"keputusan": "setuju"},
        ok=302,
    ),
    Url("layanan:buku-tamu", ALLOWED),
    Url("layanan:tamu-keluar", ALLOWED, kwargs=_tamu, method="post", ok=302),
    Url("layanan:pelatihan-kelola", ALLOWED),
    Url("layanan:pelatihan-staf", ALLOWED, kwargs=_pelatihan),
    Url("layanan:pelatihan-sertifikat", ALLOWED, kwargs=_pelatihan, method="post", ok=302),
    Url("layanan:pelatihan-sertifikat-progres", ALLOWED, kwargs=_pelatihan),
    Url("layanan:sertifikat-download", ALLOWED, kwargs=_peserta_pk, ok=404),
]


def _rup():
    from layanan.models import FasilitasiRup
    from lpse.models import Instansi

    opd = Instansi.objects.create(nama=f"Dinas Akses RUP {Instansi.objects.count()}")
    return {"pk": FasilitasiRup.objects.create(instansi=opd, tahun=2026).pk}


def _pengumuman_ulp():
    from layanan.models import FasilitasiPengumuman
    from lpse.models import Instansi

    opd = Instansi.objects.create(nama=f"Dinas Akses ULP {Instansi.objects.count()}")
    return {"pk": FasilitasiPengumuman.objects.create(instansi=opd, perihal="Pengumuman tender uji").pk}


# RUP and announcement facilitation (Pasal 4(1)a–b, 24(1)a): the bidang and the Kepala Unit.
ACCESS += [
    Url("layanan:rup-list", ALLOWED),
    Url("layanan:rup-buka", ALLOWED, method="post", ok=302, data=lambda: {"instansi": _rup_opd(), "tahun": 2026}),
    Url("layanan:rup-terlambat", ALLOWED),
    Url("layanan:rup-detail", ALLOWED, kwargs=_rup),
    Url("layanan:rup-sesi", ALLOWED, kwargs=_rup, method="post", ok=400),
    Url("layanan:pengumuman-ulp-list", ALLOWED),
    Url("layanan:pengumuman-ulp-detail", ALLOWED, kwargs=_pengumuman_ulp),
    Url("layanan:pengumuman-ulp-sesi", ALLOWED, kwargs=_pengumuman_ulp, method="post", ok=400),
]


def _rup_opd():
    from lpse.models import Instansi

    return Instansi.objects.create(nama=f"Dinas Buka RUP {Instansi.objects.count()}").pk
