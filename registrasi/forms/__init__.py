"""Registration forms, one module per sub-domain; every name stays importable from
``registrasi.forms`` (issue 10: no module over ~500 lines)."""

from .akun import LupaUserIdForm, PermohonanAkunForm, ProsesPermohonanForm
from .common import (
    DATE_INPUT,
    FILE_INPUT,
    PHONE_FRIENDLY,
    IdentifierCleaningMixin,
    berkas_field_name,
    kode_pos_validator,
    user_id_validator,
)
from .draf import DokumenDrafMixin, HapusDrafForm, UnggahDrafForm
from .pendaftaran import (
    BookingForm,
    CekStatusForm,
    PendaftaranPejabatForm,
    PendaftaranPenyediaForm,
    perbaikan_form_class,
)
from .penonaktifan import PenonaktifanForm, PenonaktifanKeputusanForm
from .verifikasi import BatalkanForm, ChecklistForm, KeputusanForm, SlotForm, TugaskanForm

__all__ = [
    "DATE_INPUT",
    "FILE_INPUT",
    "PHONE_FRIENDLY",
    "BatalkanForm",
    "BookingForm",
    "CekStatusForm",
    "ChecklistForm",
    "DokumenDrafMixin",
    "HapusDrafForm",
    "IdentifierCleaningMixin",
    "KeputusanForm",
    "LupaUserIdForm",
    "PendaftaranPejabatForm",
    "PendaftaranPenyediaForm",
    "PenonaktifanForm",
    "PenonaktifanKeputusanForm",
    "PermohonanAkunForm",
    "ProsesPermohonanForm",
    "SlotForm",
    "TugaskanForm",
    "UnggahDrafForm",
    "berkas_field_name",
    "kode_pos_validator",
    "perbaikan_form_class",
    "user_id_validator",
]
