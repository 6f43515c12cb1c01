"""Layanan dan Dukungan (Perbup Karo 02/2017 Pasal 11, 14, 15 dan 24(1)d):
helpdesk tickets with SLA and escalation to LKPP, FAQ, berita acara kesaksian, rooms and trainings.

One module per sub-domain; every name is re-exported here (Django finds models through this module,
and old migrations refer to ``layanan.models._token``).
"""

from .faq import ArtikelFaq, KategoriFaq
from .pelatihan import EvaluasiPelatihan, Pelatihan, PesertaPelatihan
from .ruang import BukuTamu, PemesananRuang, Ruang, TsTzRange
from .tiket import (
    MAX_PESAN,
    OPEN_STATUSES,
    BalasanTemplat,
    BeritaAcaraKesaksian,
    Eskalasi,
    Jenis,
    JenisPelapor,
    Kanal,
    Kategori,
    Prioritas,
    SlaTarget,
    Status,
    Tiket,
    TiketBalasan,
    TiketLampiran,
    TiketPeristiwa,
    Tingkat,
    _token,
    prioritas_dari,
)

__all__ = [
    "ArtikelFaq",
    "BalasanTemplat",
    "BeritaAcaraKesaksian",
    "BukuTamu",
    "Eskalasi",
    "EvaluasiPelatihan",
    "Jenis",
    "JenisPelapor",
    "Kanal",
    "Kategori",
    "KategoriFaq",
    "MAX_PESAN",
    "OPEN_STATUSES",
    "Pelatihan",
    "PemesananRuang",
    "PesertaPelatihan",
    "Prioritas",
    "Ruang",
    "SlaTarget",
    "Status",
    "Tiket",
    "TiketBalasan",
    "TiketLampiran",
    "TiketPeristiwa",
    "Tingkat",
    "TsTzRange",
    "_token",
    "prioritas_dari",
]
