from lpse import roles
from tests.access import LOGGED_IN, Url
from tests.imports_util import import_rows
from tests.infrastruktur.factories import (
    AsetFactory,
    InsidenFactory,
    InstruksiFactory,
    IzinFactory,
    PemeliharaanFactory,
    PerubahanFactory,
)

ALLOWED = {r for r in roles.STAFF_ROLES if "lpse.akses_infrastruktur" in roles.all_role_permissions()[r]}


def _aset():
    return {"pk": AsetFactory().pk}


ACCESS = [
    Url("infrastruktur:index", ALLOWED),
    Url("infrastruktur:aset-list", ALLOWED),
    Url("infrastruktur:aset-create", ALLOWED),
    # Import and export of the register with its CIA ratings (lpse.imports, issue 15).
    *import_rows("infrastruktur", "aset", ALLOWED),
    Url("infrastruktur:aset-detail", ALLOWED, kwargs=_aset),
    Url("infrastruktur:aset-edit", ALLOWED, kwargs=_aset),
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
]
