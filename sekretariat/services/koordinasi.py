"""Coordination with LKPP (Pasal 24(2)): the register and its links."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction

from lpse.links import get_link_kind

from ..models import KoordinasiLkpp, KoordinasiTautan


def koordinasi_save(*, koordinasi: KoordinasiLkpp, user) -> KoordinasiLkpp:
    """Record (or update) a consultation, information or proposal sent to LKPP, and its answer."""
    with transaction.atomic():
        if koordinasi.pk is None:
            koordinasi.dicatat_oleh = user
        koordinasi.full_clean()
        koordinasi.save()
    return koordinasi


def koordinasi_link(*, koordinasi: KoordinasiLkpp, jenis: str, object_id: int) -> KoordinasiTautan:
    """Link a record of another bidang (registered in lpse.links) instead of copying it."""
    kind = get_link_kind(jenis)
    if kind is None:
        raise ValidationError("Jenis tautan tidak dikenal.")
    if not kind.model.objects.filter(pk=object_id).exists():
        raise ValidationError(f"{kind.label} nomor {object_id} tidak ditemukan.")
    ct = ContentType.objects.get_for_model(kind.model)
    with transaction.atomic():
        tautan, _ = KoordinasiTautan.objects.get_or_create(
            koordinasi=koordinasi, content_type=ct, object_id=object_id, defaults={"jenis": jenis}
        )
    return tautan
