"""Writes of the Registrasi dan Verifikasi bidang (Pasal 10, 13, 14 huruf a), one module per sub-domain.

The names are re-exported so callers keep writing ``services.pendaftaran_submit(...)``.
"""

from .akun import (
    pendaftaran_send_expiry_reminders,
    pendaftaran_send_user_id,
    permohonan_akun_issue_receipt,
    permohonan_akun_process,
    permohonan_akun_submit,
)
from .draf import draf_discard, draf_files, draf_keep, draf_purge_expired, draf_remove_file, draf_upload
from .jadwal import jadwal_book, slot_create
from .pendaftaran import (
    PESAN_DUPLIKAT,
    dokumen_boleh,
    dokumen_wajib,
    duplicate_message,
    find_duplicates,
    pendaftaran_cancel,
    pendaftaran_confirm_email,
    pendaftaran_expire_unconfirmed,
    pendaftaran_send_link,
    pendaftaran_submit,
)
from .pengguna_spse import pengguna_spse_invite
from .penonaktifan import penonaktifan_decide, penonaktifan_submit
from .verifikasi import (
    FORMULIR,
    PERBAIKAN_FIELD_PEJABAT,
    PERBAIKAN_FIELD_PENYEDIA,
    akses_record,
    berkas_check,
    formulir_issue,
    keputusan_issue_berita_acara,
    pendaftaran_approve,
    pendaftaran_assign,
    pendaftaran_claim,
    pendaftaran_reject,
    pendaftaran_resubmit,
    perbaikan_fields,
)

__all__ = [
    "draf_discard",
    "draf_files",
    "draf_keep",
    "draf_purge_expired",
    "draf_remove_file",
    "draf_upload",
    "pengguna_spse_invite",
    "FORMULIR",
    "PERBAIKAN_FIELD_PEJABAT",
    "PERBAIKAN_FIELD_PENYEDIA",
    "PESAN_DUPLIKAT",
    "akses_record",
    "berkas_check",
    "dokumen_boleh",
    "dokumen_wajib",
    "duplicate_message",
    "find_duplicates",
    "formulir_issue",
    "jadwal_book",
    "keputusan_issue_berita_acara",
    "pendaftaran_approve",
    "pendaftaran_assign",
    "pendaftaran_cancel",
    "pendaftaran_claim",
    "pendaftaran_confirm_email",
    "pendaftaran_expire_unconfirmed",
    "pendaftaran_reject",
    "pendaftaran_resubmit",
    "pendaftaran_send_expiry_reminders",
    "pendaftaran_send_link",
    "pendaftaran_send_user_id",
    "pendaftaran_submit",
    "penonaktifan_decide",
    "penonaktifan_submit",
    "perbaikan_fields",
    "permohonan_akun_issue_receipt",
    "permohonan_akun_process",
    "permohonan_akun_submit",
    "slot_create",
]
