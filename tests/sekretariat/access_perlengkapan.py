"""Role × URL rows of the perlengkapan and rumah tangga pages (Pasal 8(4)f)."""

from lpse import roles
from tests.access import STAFF, Url
from tests.imports_util import import_rows
from tests.sekretariat.access import allowed

KELOLA = allowed("sekretariat.kelola_perlengkapan")
SETUJUI = allowed("sekretariat.setujui_permintaan_barang")


def _barang():
    from tests.sekretariat.perlengkapan_factories import stocked

    return {"pk": stocked(stok=5).pk}


def _peralatan_dipinjam():
    from sekretariat import services
    from tests.sekretariat.factories import PegawaiFactory
    from tests.sekretariat.perlengkapan_factories import stocked

    barang = stocked(stok=2, jenis="peralatan", nama="Proyektor", satuan="unit")
    pinjam = services.peminjaman_create(barang=barang, pegawai=PegawaiFactory(), jumlah=1, user=None)
    return {"pk": pinjam.pk}


def _permintaan():
    from sekretariat import services
    from tests.factories import UserFactory
    from tests.sekretariat.perlengkapan_factories import stocked

    barang = stocked(stok=5)
    return {"pk": services.permintaan_submit(barang=barang, jumlah=1, keperluan="Uji", user=UserFactory()).pk}


def _stok_opname():
    from sekretariat import services

    _barang()
    return {"pk": services.stok_opname_start(tahun=2026, user=None).pk}


ACCESS = [
    Url("sekretariat:barang-list", KELOLA),
    Url("sekretariat:barang-ekspor", KELOLA, data={"format": "csv"}),
    Url("sekretariat:barang-create", KELOLA),
    Url("sekretariat:barang-detail", KELOLA, kwargs=_barang),
    Url("sekretariat:barang-edit", KELOLA, kwargs=_barang),
    # Taking out more than the store holds: the Indonesian form error, 400.
    Url(
        "sekretariat:barang-mutasi",
        KELOLA,
        kwargs=_barang,
        method="post",
        data={"jenis": "keluar", "jumlah": 6, "tanggal": "2026-03-02"},
        ok=400,
    ),
    # No Pegawai chosen: a form error, 400.
    Url("sekretariat:barang-pinjam", KELOLA, kwargs=_barang, method="post", ok=400),
    Url("sekretariat:peminjaman-list", KELOLA),
    Url("sekretariat:peminjaman-kembali", KELOLA, kwargs=_peralatan_dipinjam, method="post", ok=302),
    # Every LPSE staff member may ask for items (Pasal 8(4)f); outside users may not.
    Url("sekretariat:permintaan-list", STAFF),
    Url(
        "sekretariat:permintaan-putus",
        SETUJUI,
        kwargs=_permintaan,
        method="post",
        ok=400,
    ),
    Url("sekretariat:stok-opname-list", KELOLA),
    Url("sekretariat:stok-opname-detail", KELOLA, kwargs=_stok_opname),
    Url("sekretariat:stok-opname-selesai", SETUJUI, kwargs=_stok_opname, method="post", ok=302),
    *import_rows("sekretariat", "barang", KELOLA),
]

assert roles.SEKRETARIS in SETUJUI and roles.SEKRETARIAT not in SETUJUI
