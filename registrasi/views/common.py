"""Shared names of the Registrasi pages: permissions, page size, error display, document order."""

from django.core.exceptions import ValidationError

from ..models import (
    BerkasPendaftaran,
    JenisDokumen,
    Pendaftaran,
)
from ..roles import TUGASKAN, VERIFIKASI

PER_PAGE = 25
AKSES = "lpse.akses_registrasi"
VERIFIKASI_PERM = VERIFIKASI.replace(".pendaftaran.", ".")
TUGASKAN_PERM = TUGASKAN.replace(".pendaftaran.", ".")


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


_URUTAN_PASAL = {j: i for i, j in enumerate(JenisDokumen.values)}


def _berkas_aktif(pendaftaran: Pendaftaran) -> list[BerkasPendaftaran]:
    """Active copies in the order Pasal 13(1) lists them (from the prefetched rows)."""
    return sorted((b for b in pendaftaran.berkas.all() if b.aktif), key=lambda b: _URUTAN_PASAL[b.jenis])
