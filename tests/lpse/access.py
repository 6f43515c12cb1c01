from lpse import roles
from tests.access import LOGGED_IN, LOGIN, OK, PUBLIC, STAFF, Url
from tests.factories import PengumumanFactory, UserFactory


def _dokumen(kode: str = "UJI"):
    from lpse.models import Dokumen

    d = Dokumen.objects.create(kode=kode, jenis="Uji", nomor=f"001/{kode}/XI/2026", urut=1, tahun=2026, perihal="uji")
    return d


ANNOUNCERS = STAFF  # every staff role posts announcements of its own kind (Pasal 8(4)d, 14(d), 17(4))
ALL_ROLES = set(roles.ALL_ROLES)
BAV_READERS = {roles.REGISTRASI, roles.KABID_REGISTRASI, roles.KEPALA_UNIT}
BAV_OTHERS = dict.fromkeys(STAFF - BAV_READERS, 404)

ACCESS = [
    Url("lpse:home", PUBLIC),
    Url("lpse:pengumuman-list", PUBLIC),
    Url("lpse:pengumuman-detail", PUBLIC, kwargs=lambda: {"pk": PengumumanFactory().pk}),
    Url("lpse:dokumen-verifikasi", PUBLIC, kwargs=lambda: {"token": _dokumen().token}),
    # Verify by upload (issue 12): anyone; the form page, and a POST without a file is a 400.
    Url("lpse:dokumen-verifikasi-unggah", PUBLIC),
    Url("lpse:healthz", PUBLIC, expect=dict.fromkeys((None, *roles.ALL_ROLES), "any")),
    Url("lpse:after-login", LOGGED_IN, ok=302),
    Url("lpse:profil", LOGGED_IN),
    # Second factor: a verified session is sent on; enrolment and recovery codes open to anyone signed in.
    Url("lpse:otp-verify", LOGGED_IN, ok=302),
    Url("lpse:otp-setup", LOGGED_IN),
    Url("lpse:otp-recovery-codes", LOGGED_IN),
    Url("lpse:dashboard", STAFF),
    Url("lpse:floor", STAFF),
    Url("lpse:zero", LOGGED_IN),
    Url("lpse:pengumuman-kelola", STAFF),
    Url("lpse:pengumuman-create", ANNOUNCERS),
    Url("lpse:pengumuman-edit", ANNOUNCERS, kwargs=lambda: {"pk": PengumumanFactory().pk}),
    Url("lpse:dokumen-list", STAFF),
    Url("lpse:dokumen-contoh", STAFF, method="post", ok=302),
    # A berita acara verifikasi is read by the Bidang Registrasi dan Verifikasi and the Kepala Unit
    # (lpse.document_kinds, Pasal 10(3)d); its PDF was never rendered here: they get the Indonesian 404.
    Url(
        "lpse:dokumen-download",
        {roles.REGISTRASI, roles.KABID_REGISTRASI, roles.KEPALA_UNIT},
        kwargs=lambda: {"pk": _dokumen("BAV").pk},
        ok=404,
    ),
    # Signing workflow (issue 12): every staff member may be named as a signer and has a queue.
    Url("lpse:ttd-antrian", STAFF),
    # A document's page: its signers, and the readers of its kind (a BAV: lpse.document_kinds);
    # other staff get 404 (the document does not exist for them).
    Url("lpse:dokumen-detail", BAV_READERS, kwargs=lambda: {"pk": _dokumen("BAV").pk}, expect=BAV_OTHERS),
    # An empty passphrase is refused with the page and a 400.
    Url(
        "lpse:dokumen-tandatangani",
        BAV_READERS,
        method="post",
        kwargs=lambda: {"pk": _dokumen("BAV").pk},
        ok=400,
        expect=BAV_OTHERS,
    ),
    # Never rendered here: the readers get the Indonesian 404 too.
    Url(
        "lpse:dokumen-halaman",
        BAV_READERS,
        kwargs=lambda: {"pk": _dokumen("BAV").pk, "nomor": 1},
        ok=404,
        expect=BAV_OTHERS,
    ),
    # Only the Kepala Unit gives roles (Pasal 7(2)a); Pasal 19(3) is checked on save.
    Url("lpse:pengguna-list", {roles.KEPALA_UNIT}),
    Url("lpse:pengguna-peran", {roles.KEPALA_UNIT}, kwargs=lambda: {"pk": UserFactory().pk}),
    # Auth pages: the login page sends a logged-in user on; the rest are open.
    Url("login", PUBLIC, expect=dict.fromkeys(roles.ALL_ROLES, 302)),
    Url("logout", PUBLIC, method="post", ok=302),
    Url("password_change", LOGGED_IN),
    Url("password_change_done", LOGGED_IN),
    Url("password_reset", PUBLIC),
    Url("password_reset_done", PUBLIC),
    Url("password_reset_confirm", PUBLIC, kwargs=lambda: {"uidb64": "MQ", "token": "tidak-sah"}),
    Url("password_reset_complete", PUBLIC),
    # The technical admin is for superusers only (is_staff); no LPSE role opens it.
    Url("admin:index", set(), expect={**dict.fromkeys(roles.ALL_ROLES, 302), None: LOGIN}),
]

# Django admin's many URLs are guarded by admin.site itself; admin:index stands for them.
EXEMPT_NAMESPACES = {"admin"}
__all__ = ["ACCESS", "EXEMPT_NAMESPACES", "LOGIN", "OK"]
