from lpse import roles
from tests.access import PUBLIC, STAFF, Url
from tests.sekretariat.factories import (
    DisposisiFactory,
    NaskahFactory,
    PegawaiFactory,
    SuratKeputusanFactory,
)

_PERMS = roles.all_role_permissions()


def allowed(perm: str) -> set[str]:
    return {r for r in roles.ALL_ROLES if perm in _PERMS.get(r, [])}


VIEW = allowed("lpse.akses_sekretariat")
KEPEGAWAIAN = allowed("sekretariat.kelola_kepegawaian")
NASKAH = allowed("sekretariat.kelola_naskah")
DISPOSISI = allowed("sekretariat.disposisi_naskah")


def _pegawai():
    return {"pk": PegawaiFactory().pk}


def _sk():
    return {"pk": SuratKeputusanFactory().pk}


def _naskah():
    return {"pk": NaskahFactory().pk}


def _sk_file():
    from django.core.files.base import ContentFile

    sk = SuratKeputusanFactory()
    sk.berkas.save("sk.pdf", ContentFile(b"%PDF-1.4 uji"), save=True)
    return {"jenis": "sk", "pk": sk.pk}


ACCESS = [
    Url("sekretariat:index", VIEW),
    Url("sekretariat:pegawai-list", VIEW),
    Url("sekretariat:pegawai-create", KEPEGAWAIAN),
    Url("sekretariat:pegawai-detail", VIEW, kwargs=_pegawai),
    Url("sekretariat:pegawai-edit", KEPEGAWAIAN, kwargs=_pegawai),
    Url("sekretariat:kualifikasi-create", KEPEGAWAIAN, kwargs=_pegawai),
    Url("sekretariat:pelatihan-create", KEPEGAWAIAN, kwargs=_pegawai),
    Url("sekretariat:honorarium-create", KEPEGAWAIAN, kwargs=_pegawai),
    Url("sekretariat:honorarium-list", KEPEGAWAIAN),
    Url("sekretariat:bagan", VIEW),
    Url("sekretariat:sk-list", VIEW),
    Url("sekretariat:sk-create", KEPEGAWAIAN),
    Url("sekretariat:sk-detail", VIEW, kwargs=_sk),
    Url("sekretariat:sk-edit", KEPEGAWAIAN, kwargs=_sk),
    Url("sekretariat:penugasan-luar-list", VIEW),
    Url("sekretariat:penugasan-luar-create", KEPEGAWAIAN),
    Url("sekretariat:berkas", VIEW, kwargs=_sk_file),
    Url("sekretariat:naskah-list", VIEW),
    Url("sekretariat:naskah-create", NASKAH, kwargs=lambda: {"jenis": "masuk"}),
    Url("sekretariat:naskah-detail", VIEW, kwargs=_naskah),
    Url("sekretariat:naskah-edit", NASKAH, kwargs=_naskah),
    # An empty upload is a form error: 400, never a 500.
    Url("sekretariat:lampiran-create", NASKAH, kwargs=_naskah, method="post", ok=400),
    Url(
        "sekretariat:disposisi-create",
        DISPOSISI,
        kwargs=_naskah,
        method="post",
        data={"kepada_bidang": "layanan", "instruksi": "Mohon ditindaklanjuti."},
        ok=302,
    ),
    # To the Registrasi bidang: its staff may close it, the Sekretariat closes any, other bidang get 403.
    Url(
        "sekretariat:disposisi-finish",
        NASKAH | allowed("lpse.akses_registrasi"),
        kwargs=lambda: {"pk": DisposisiFactory(kepada_bidang="registrasi").pk},
        method="post",
        ok=302,
    ),
    Url("sekretariat:disposisi-saya", STAFF),
    Url("sekretariat:format-agenda", NASKAH),
]

PROGRAM = allowed("sekretariat.kelola_program_kerja")


def _kegiatan_sekretariat():
    from tests.sekretariat.factories import KegiatanFactory

    return {"pk": KegiatanFactory(bidang="sekretariat").pk}


ACCESS += [
    Url("sekretariat:kegiatan-list", STAFF),
    Url("sekretariat:kegiatan-create", PROGRAM),
    # A Kepala Bidang may open only the activities of the own bidang: 403 on the Sekretariat's.
    Url(
        "sekretariat:kegiatan-edit",
        PROGRAM,
        kwargs=_kegiatan_sekretariat,
        expect=dict.fromkeys([roles.KABID_ADMIN_SISTEM, roles.KABID_REGISTRASI, roles.KABID_LAYANAN], 403),
    ),
]

LAPORAN = allowed("sekretariat.susun_laporan")
TERBITKAN = allowed("sekretariat.terbitkan_laporan")


def _laporan():
    import datetime as dt

    from sekretariat.models import LaporanKegiatan

    laporan = LaporanKegiatan.objects.create(
        periode="bulanan",
        tahun=2026,
        nomor_periode=1,
        status="siap",
        mulai=dt.date(2026, 1, 1),
        selesai=dt.date(2026, 1, 31),
    )
    return {"pk": laporan.pk}


ACCESS += [
    Url("sekretariat:laporan-list", LAPORAN),
    Url(
        "sekretariat:laporan-create",
        LAPORAN,
        method="post",
        data={"periode": "bulanan", "tahun": 2026, "nomor": 1},
        ok=302,
    ),
    Url("sekretariat:laporan-detail", LAPORAN, kwargs=_laporan),
    Url("sekretariat:laporan-status", LAPORAN, kwargs=_laporan),
    Url("sekretariat:laporan-narasi", LAPORAN, kwargs=_laporan, method="post", data={"pengantar": "Uji."}, ok=302),
    Url("sekretariat:laporan-terbitkan", TERBITKAN, kwargs=_laporan, method="post", ok=302),
    # Not issued yet: the Indonesian 404.
    Url("sekretariat:laporan-unduh", LAPORAN, kwargs=_laporan, ok=404),
]

ACCESS += [
    Url("sekretariat:statistik", STAFF),
    Url("sekretariat:statistik-ekspor", STAFF),
    Url("sekretariat:statistik-publik", PUBLIC),
]

ACCESS += [
    Url("sekretariat:sop", allowed("sekretariat.pantau_sop")),
    Url("sekretariat:risiko-list", VIEW),
    Url("sekretariat:risiko-create", allowed("sekretariat.kelola_risiko")),
    Url("sekretariat:risiko-edit", allowed("sekretariat.kelola_risiko"), kwargs=lambda: {"pk": _risiko()}),
    Url("sekretariat:humas", allowed("sekretariat.kelola_humas")),
    Url("sekretariat:profil-publik", PUBLIC),
]


def _risiko():
    from tests.sekretariat.factories import RisikoFactory

    return RisikoFactory().pk


def _koordinasi():
    from sekretariat.models import KoordinasiLkpp

    return {"pk": KoordinasiLkpp.objects.create(perihal="Konsultasi uji", isi="Tanya").pk}


# Pasal 24(2): every LPSE staff member records the unit's exchanges with LKPP.
ACCESS += [
    Url("sekretariat:koordinasi-list", STAFF),
    Url("sekretariat:koordinasi-detail", STAFF, kwargs=_koordinasi),
    Url("sekretariat:koordinasi-tautan", STAFF, kwargs=_koordinasi, method="post", ok=400),
]
