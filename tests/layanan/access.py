from lpse import roles
from tests.access import PUBLIC, Url
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
