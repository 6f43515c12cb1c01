"""Program kerja activities (Pasal 8(4)a, i; 25)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from .. import sources
from ..models import (
    Kegiatan,
)


@transaction.atomic
def kegiatan_save(*, kegiatan: Kegiatan) -> Kegiatan:
    """Save a program kerja activity (Pasal 8(4)a); the APBD budget follows Pasal 25."""
    if kegiatan.sumber_otomatis and kegiatan.sumber_otomatis not in sources.AUTO_METRICS:
        raise ValidationError({"sumber_otomatis": "Sumber realisasi otomatis tidak dikenal."})
    kegiatan.full_clean()
    kegiatan.save()
    return kegiatan
