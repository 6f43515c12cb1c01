"""Writes of the Layanan dan Dukungan bidang (Pasal 11, 14, 15 dan 24(1)d), one module per sub-domain.

The names are re-exported so callers keep writing ``services.tiket_reply(...)``.
"""

from .berita_acara import berita_acara_issue
from .eskalasi import eskalasi_answer, eskalasi_create
from .faq import artikel_save, faq_vote, tiket_link_faq
from .pelatihan import (
    evaluasi_submit,
    pelatihan_record_attendance,
    pelatihan_save,
    peserta_cancel,
    peserta_register,
    sertifikat_issue,
)
from .ruang import pemesanan_cancel, pemesanan_create, pemesanan_decide, tamu_checkin, tamu_checkout
from .tiket import (
    MAX_LAMPIRAN,
    TRANSITIONS,
    sla_target_save,
    tiket_assign,
    tiket_autoclose,
    tiket_create,
    tiket_merge,
    tiket_rate,
    tiket_reply,
    tiket_requester_reply,
    tiket_set_priority,
    tiket_set_status,
)

__all__ = [
    "MAX_LAMPIRAN",
    "TRANSITIONS",
    "artikel_save",
    "berita_acara_issue",
    "eskalasi_answer",
    "eskalasi_create",
    "evaluasi_submit",
    "faq_vote",
    "pelatihan_record_attendance",
    "pelatihan_save",
    "pemesanan_cancel",
    "pemesanan_create",
    "pemesanan_decide",
    "peserta_cancel",
    "peserta_register",
    "sertifikat_issue",
    "sla_target_save",
    "tamu_checkin",
    "tamu_checkout",
    "tiket_assign",
    "tiket_autoclose",
    "tiket_create",
    "tiket_link_faq",
    "tiket_merge",
    "tiket_rate",
    "tiket_reply",
    "tiket_requester_reply",
    "tiket_set_priority",
    "tiket_set_status",
]
