"""The Sekretariat (Pasal 8) and the Kepala Unit (Pasal 7): personnel and their
appointments, letters and staff memos, the program kerja, the Laporan Kegiatan,
the risk register and the public page content.

One module per sub-domain; every name is re-exported here, where Django looks for models.
"""

from .common import AksesSekretariat, Bidang
from .humas import KontenPublik
from .kegiatan import Kegiatan
from .koordinasi import KoordinasiLkpp, KoordinasiTautan
from .laporan import LaporanKegiatan
from .naskah import Disposisi, FormatAgenda, LampiranNaskah, Naskah
from .pegawai import Honorarium, Kualifikasi, Pegawai, PelatihanPegawai, PenugasanLuar, SuratKeputusan, nik_validator
from .perlengkapan import Barang, MutasiBarang, Peminjaman, PermintaanBarang, StokOpname, StokOpnameItem
from .risiko import Risiko, risk_band, risk_score

__all__ = [
    "Barang",
    "MutasiBarang",
    "Peminjaman",
    "PermintaanBarang",
    "StokOpname",
    "StokOpnameItem",
    "AksesSekretariat",
    "Bidang",
    "Disposisi",
    "FormatAgenda",
    "Honorarium",
    "Kegiatan",
    "KoordinasiLkpp",
    "KoordinasiTautan",
    "KontenPublik",
    "Kualifikasi",
    "LampiranNaskah",
    "LaporanKegiatan",
    "Naskah",
    "Pegawai",
    "PelatihanPegawai",
    "PenugasanLuar",
    "Risiko",
    "SuratKeputusan",
    "nik_validator",
    "risk_band",
    "risk_score",
]
