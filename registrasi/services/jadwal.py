"""Verification room slots and bookings (Pasal 14 huruf a)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ..models import (
    JadwalVerifikasi,
    Pendaftaran,
    SlotVerifikasi,
)
from .pendaftaran import Status


def slot_create(*, mulai, selesai, kapasitas: int) -> SlotVerifikasi:
    slot = SlotVerifikasi(mulai=mulai, selesai=selesai, kapasitas=kapasitas)
    slot.full_clean()
    slot.save()
    return slot


def jadwal_book(*, pendaftaran: Pendaftaran, slot_id: int) -> JadwalVerifikasi:
    """Book (or move) the applicant's verification appointment; a full slot refuses.

    The slots are locked in id order, so two bookings never deadlock, and the
    CheckConstraint on ``terisi`` makes an overbooking impossible anyway.
    """
    if pendaftaran.status not in (Status.DIAJUKAN, Status.DIKEMBALIKAN):
        raise ValidationError("Jadwal verifikasi hanya dapat dipesan untuk pendaftaran yang sedang diproses.")
    with transaction.atomic():
        current = JadwalVerifikasi.objects.select_for_update().filter(pendaftaran=pendaftaran).first()
        ids = sorted({slot_id} | ({current.slot_id} if current else set()))
        slots = {s.pk: s for s in SlotVerifikasi.objects.select_for_update().filter(pk__in=ids).order_by("pk")}
        slot = slots.get(slot_id)
        if slot is None:
            raise ValidationError("Jadwal yang dipilih tidak ada.")
        if current and current.slot_id == slot_id:
            return current
        if slot.mulai <= timezone.now():
            raise ValidationError("Jadwal yang dipilih sudah lewat.")
        if slot.terisi >= slot.kapasitas:
            raise ValidationError("Jadwal yang dipilih sudah penuh; pilih jadwal lain.")
        if current:
            SlotVerifikasi.objects.filter(pk=current.slot_id).update(terisi=F("terisi") - 1)
            current.slot = slot
            current.save(update_fields=["slot"])
            jadwal = current
        else:
            jadwal = JadwalVerifikasi.objects.create(slot=slot, pendaftaran=pendaftaran)
        SlotVerifikasi.objects.filter(pk=slot.pk).update(terisi=F("terisi") + 1)
    return jadwal
