"""Verification slots and the appointments booked in them (Pasal 13(2))."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from simple_history.models import HistoricalRecords

from .pendaftaran import Pendaftaran


class SlotVerifikasi(models.Model):
    """A time in the verification room (Pasal 14a) with room for ``kapasitas`` applicants."""

    mulai = models.DateTimeField()
    selesai = models.DateTimeField()
    kapasitas = models.PositiveSmallIntegerField(default=4)
    terisi = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "slot verifikasi"
        ordering = ["mulai"]
        constraints = [
            models.CheckConstraint(condition=Q(selesai__gt=models.F("mulai")), name="slot_selesai_setelah_mulai"),
            # The database refuses an overbooking even if two requests race past the Python check.
            models.CheckConstraint(condition=Q(terisi__lte=models.F("kapasitas")), name="slot_tidak_melebihi"),
        ]

    def __str__(self) -> str:
        mulai, selesai = timezone.localtime(self.mulai), timezone.localtime(self.selesai)
        return f"{date_format(mulai, 'l, j F Y H.i')}–{date_format(selesai, 'H.i')} (sisa {self.sisa} tempat)"

    @property
    def sisa(self) -> int:
        return self.kapasitas - self.terisi


class JadwalVerifikasi(models.Model):
    """An applicant's booked slot; one per application (a new booking moves it)."""

    slot = models.ForeignKey(SlotVerifikasi, on_delete=models.PROTECT, related_name="jadwal")
    pendaftaran = models.OneToOneField(Pendaftaran, on_delete=models.CASCADE, related_name="jadwal")
    dibuat = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "jadwal verifikasi"

    def __str__(self) -> str:
        return f"{self.pendaftaran} @ {self.slot}"
