"""Writes of the Registrasi dan Verifikasi bidang (Pasal 10, 13, 14 huruf a), one module per sub-domain.

The names are re-exported so callers keep writing ``services.pendaftaran_submit(...)``.
"""

from .akun import (
    lupa_user_id_kirim,
    pengingat_kedaluwarsa_kirim,
    permohonan_akun_proses,
    permohonan_akun_submit,
    permohonan_akun_tanda_terima,
)
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
    status_link,
)
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
    "lupa_user_id_kirim",
    "pendaftaran_approve",
    "pendaftaran_assign",
    "pendaftaran_cancel",
    "pendaftaran_claim",
    "pendaftaran_confirm_email",
    "pendaftaran_expire_unconfirmed",
    "pendaftaran_reject",
    "pendaftaran_resubmit",
    "pendaftaran_send_link",
    "pendaftaran_submit",
    "pengingat_kedaluwarsa_kirim",
    "penonaktifan_decide",
    "penonaktifan_submit",
    "perbaikan_fields",
    "permohonan_akun_proses",
    "permohonan_akun_submit",
    "permohonan_akun_tanda_terima",
    "slot_create",
    "status_link",
]
