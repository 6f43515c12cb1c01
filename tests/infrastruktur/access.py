from lpse import roles
from tests.access import LOGGED_IN, PUBLIC, Url

from .factories import (
    AsetFactory,
    InsidenFactory,
    InstruksiFactory,
    IzinFactory,
    LaporanFactory,
    PemeliharaanFactory,
    PemeriksaanFactory,
    PerubahanFactory,
)

ALLOWED = {r for r in roles.STAFF_ROLES if "lpse.akses_infrastruktur" in roles.all_role_permissions()[r]}
# Pasal 17(6): LKPP sees the monitoring views, read-only, and nothing else.
MONITORING = {r for r in roles.ALL_ROLES if "lpse.akses_monitoring" in roles.all_role_permissions()[r]}
assert roles.LKPP in MONITORING and roles.LKPP not in ALLOWED


def _aset():
    return {"pk": AsetFactory().pk}


def _token():
    from infrastruktur.services.metrik import token_create

    token, _ = token_create(aset=AsetFactory())
    return {"pk": token.pk}


ACCESS = [
    Url("infrastruktur:index", ALLOWED),
    Url("infrastruktur:aset-list", ALLOWED),
    Url("infrastruktur:aset-create", ALLOWED),
    Url("infrastruktur:aset-import", ALLOWED),
    Url("infrastruktur:aset-export", ALLOWED),
    Url("infrastruktur:aset-detail", ALLOWED, kwargs=_aset),
    Url("infrastruktur:aset-edit", ALLOWED, kwargs=_aset),
    Url("infrastruktur:token-create", ALLOWED, kwargs=_aset, method="post"),
    Url("infrastruktur:token-revoke", ALLOWED, kwargs=_token, method="post", ok=302),
    Url("infrastruktur:pemeriksaan-create", ALLOWED, kwargs=_aset),
    Url("infrastruktur:pemeriksaan-edit", ALLOWED, kwargs=lambda: {"pk": PemeriksaanFactory().pk}),
    Url("infrastruktur:insiden-list", ALLOWED),
    Url("infrastruktur:insiden-detail", ALLOWED, kwargs=lambda: {"pk": InsidenFactory().pk}),
    Url(
        "infrastruktur:insiden-aksi",
        ALLOWED,
        kwargs=lambda: {"pk": InsidenFactory().pk, "aksi": "tutup"},
        method="post",
        ok=302,
    ),
    Url("infrastruktur:instruksi-list", ALLOWED),
    Url("infrastruktur:instruksi-create", ALLOWED),
    Url("infrastruktur:instruksi-edit", ALLOWED, kwargs=lambda: {"pk": InstruksiFactory().pk}),
    Url("infrastruktur:pemeliharaan-list", ALLOWED),
    Url("infrastruktur:pemeliharaan-create", ALLOWED),
    Url("infrastruktur:pemeliharaan-edit", ALLOWED, kwargs=lambda: {"pk": PemeliharaanFactory().pk}),
    Url("infrastruktur:perubahan-list", ALLOWED),
    Url("infrastruktur:perubahan-create", ALLOWED),
    Url("infrastruktur:perubahan-detail", ALLOWED, kwargs=lambda: {"pk": PerubahanFactory().pk}),
    Url(
        "infrastruktur:perubahan-transisi",
        ALLOWED,
        kwargs=lambda: {"pk": PerubahanFactory().pk},
        method="post",
        data={"ke": "evaluasi"},
        ok=302,
    ),
    Url("infrastruktur:ruang-list", ALLOWED),
    Url("infrastruktur:ruang-create", ALLOWED),
    Url("infrastruktur:izin-list", ALLOWED),
    Url("infrastruktur:izin-create", ALLOWED),
    # Pasal 16(4): a visitor with an account (e.g. a vendor's technician) asks for access.
    Url("infrastruktur:izin-ajukan", LOGGED_IN),
    Url("infrastruktur:izin-detail", ALLOWED, kwargs=lambda: {"pk": IzinFactory().pk}),
    Url(
        "infrastruktur:izin-aksi",
        ALLOWED,
        kwargs=lambda: {"pk": IzinFactory().pk, "aksi": "keluar"},
        method="post",
        ok=302,
    ),
    Url("infrastruktur:laporan-list", ALLOWED),
    # No PDF rendered for this row: staff get the Indonesian 404.
    Url("infrastruktur:laporan-unduh", ALLOWED, kwargs=lambda: {"pk": LaporanFactory().pk}, ok=404),
    Url("infrastruktur:monitoring", MONITORING),
    Url("infrastruktur:monitoring-uptime", MONITORING),
    Url("infrastruktur:monitoring-aset", MONITORING, kwargs=_aset),
    Url("infrastruktur:monitoring-data", MONITORING, kwargs=_aset),
    # Agents authenticate with their token, not a session: without one, 401 for everybody.
    Url("infrastruktur:api-metrik", PUBLIC, method="post", ok=401),
]
