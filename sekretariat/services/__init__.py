"""Writes of the Sekretariat: personnel and appointments, naskah dinas, the
program kerja, the Laporan Kegiatan and the risk register; one module per sub-domain.

The names are re-exported so callers keep writing ``services.naskah_register(...)``.
"""

from .kegiatan import kegiatan_save
from .koordinasi import koordinasi_link, koordinasi_save
from .laporan import (
    REPORT_STEPS,
    STALE_AFTER,
    laporan_build,
    laporan_issue_pdf,
    laporan_narrative_save,
    laporan_request,
    laporan_request_issue,
    period_bounds,
)
from .naskah import (
    agenda_format_check,
    agenda_format_save,
    disposisi_create,
    disposisi_finish,
    lampiran_add,
    naskah_register,
    naskah_update,
)
from .pegawai import honorarium_save, kualifikasi_add, pegawai_save, pelatihan_pegawai_add, penugasan_luar_save, sk_save
from .perlengkapan import (
    barang_record_movement,
    barang_save,
    barang_send_low_stock_reminders,
    barang_stock,
    peminjaman_create,
    peminjaman_return,
    permintaan_approve,
    permintaan_reject,
    permintaan_submit,
    stok_opname_count,
    stok_opname_finish,
    stok_opname_issue_document,
    stok_opname_start,
)
from .risiko import konten_publik_save, risiko_save, risiko_send_reminders

__all__ = [
    "barang_record_movement",
    "barang_save",
    "barang_send_low_stock_reminders",
    "barang_stock",
    "peminjaman_create",
    "peminjaman_return",
    "permintaan_approve",
    "permintaan_reject",
    "permintaan_submit",
    "stok_opname_count",
    "stok_opname_finish",
    "stok_opname_issue_document",
    "stok_opname_start",
    "koordinasi_link",
    "koordinasi_save",
    "REPORT_STEPS",
    "STALE_AFTER",
    "agenda_format_check",
    "agenda_format_save",
    "disposisi_create",
    "disposisi_finish",
    "honorarium_save",
    "kegiatan_save",
    "konten_publik_save",
    "kualifikasi_add",
    "lampiran_add",
    "laporan_build",
    "laporan_issue_pdf",
    "laporan_narrative_save",
    "laporan_request",
    "laporan_request_issue",
    "naskah_register",
    "naskah_update",
    "pegawai_save",
    "pelatihan_pegawai_add",
    "penugasan_luar_save",
    "period_bounds",
    "risiko_save",
    "risiko_send_reminders",
    "sk_save",
]
