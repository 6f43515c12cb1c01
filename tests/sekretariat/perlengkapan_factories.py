"""Items of the Sekretariat's perlengkapan register (Pasal 8(4)f) for tests."""

import factory

from sekretariat import services
from sekretariat.models import Barang


class BarangFactory(factory.django.DjangoModelFactory):
    """A consumable: A4 paper by the ream."""

    class Meta:
        model = Barang

    kode = factory.Sequence(lambda n: f"ATK-{n:04d}")
    nama = factory.Sequence(lambda n: f"Kertas HVS A4 {n}")
    jenis = Barang.Jenis.HABIS_PAKAI
    satuan = "rim"
    lokasi = "Gudang Sekretariat"


def stocked(*, stok: int = 10, user=None, **fields) -> Barang:
    """An item with ``stok`` units received (through a movement, never typed in)."""
    barang = BarangFactory(**fields)
    if stok:
        services.barang_record_movement(barang=barang, jenis="masuk", jumlah=stok, user=user, keterangan="stok awal")
    return barang
