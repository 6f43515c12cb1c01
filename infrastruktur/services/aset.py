"""The asset register: save. Import and export go through lpse.imports (infrastruktur/import_kinds.py)."""

from django.db import transaction

from ..models import Aset
from ..signals import aset_saved


def aset_save(*, aset: Aset) -> Aset:
    """Validate and save; apps that build on the register follow through ``signals.aset_saved``."""
    with transaction.atomic():
        aset.full_clean()
        aset.save()
        aset_saved.send(sender=Aset, aset=aset)
    return aset
