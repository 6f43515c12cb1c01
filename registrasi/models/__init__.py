"""Registration of SPSE users and its verification (Perbup Karo 02/2017
Pasal 4(1)d, 10 and 13).

Split by sub-domain (issue 10); every model and shared name is re-exported here,
so Django finds the models and ``from registrasi.models import X`` keeps working.
"""

from .akun import PenggunaSpse, PermohonanAkun
from .common import (
    DOKUMEN_PEJABAT_WAJIB,
    DOKUMEN_PENYEDIA_OPSIONAL,
    DOKUMEN_PENYEDIA_WAJIB,
    BentukUsaha,
    JenisDokumen,
    PeranPejabat,
    _mask,
    _token,
)
from .draf import BerkasDraf, DrafPendaftaran
from .jadwal import JadwalVerifikasi, SlotVerifikasi
from .pendaftaran import AksesData, BerkasPendaftaran, Keputusan, Pendaftaran
from .penonaktifan import Penonaktifan

__all__ = [
    "DOKUMEN_PEJABAT_WAJIB",
    "DOKUMEN_PENYEDIA_OPSIONAL",
    "DOKUMEN_PENYEDIA_WAJIB",
    "AksesData",
    "BentukUsaha",
    "BerkasDraf",
    "BerkasPendaftaran",
    "DrafPendaftaran",
    "JadwalVerifikasi",
    "JenisDokumen",
    "Keputusan",
    "Pendaftaran",
    "PenggunaSpse",
    "Penonaktifan",
    "PeranPejabat",
    "PermohonanAkun",
    "SlotVerifikasi",
    "_mask",
    "_token",
]
