"""The program kerja of each bidang (Pasal 8(4)a, i; 9(4)a; 10(6)a; 11(4)a; 25)."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from .common import Bidang


class Kegiatan(models.Model):
    """An activity of a bidang's yearly program kerja, with its APBD budget (Pasal 25)."""

    tahun = models.PositiveIntegerField()
    bidang = models.CharField(max_length=20, choices=Bidang.choices)
    nama = models.CharField("nama kegiatan", max_length=255)
    indikator = models.CharField("indikator kinerja", max_length=255)
    satuan = models.CharField(max_length=50, default="kegiatan")
    target = models.DecimalField(max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))])
    sumber_otomatis = models.CharField(
        "realisasi otomatis dari",
        max_length=40,
        blank=True,
        help_text="Bila portal sudah mencatat realisasinya, pilih sumbernya; kosongkan untuk isian manual.",
    )
    realisasi_manual = models.DecimalField(
        "realisasi (isian manual)",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    jadwal_mulai = models.DateField("jadwal mulai")
    jadwal_selesai = models.DateField("jadwal selesai")
    pagu = models.DecimalField(
        "pagu anggaran (Rp)", max_digits=16, decimal_places=2, default=0, validators=[MinValueValidator(Decimal("0"))]
    )
    realisasi_anggaran = models.DecimalField(
        "realisasi anggaran (Rp)",
        max_digits=16,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(Decimal("0"))],
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["tahun", "bidang", "jadwal_mulai", "id"]
        verbose_name_plural = "kegiatan"
        constraints = [
            models.CheckConstraint(
                condition=Q(jadwal_selesai__gte=F("jadwal_mulai")),
                name="kegiatan_jadwal_urut",
                violation_error_message="Jadwal selesai tidak boleh sebelum jadwal mulai.",
            ),
            models.CheckConstraint(
                condition=Q(realisasi_anggaran__lte=F("pagu")),
                name="kegiatan_realisasi_le_pagu",
                violation_error_message="Realisasi anggaran tidak boleh melebihi pagu.",
            ),
            models.CheckConstraint(condition=Q(target__gt=0), name="kegiatan_target_positif"),
        ]

    def __str__(self) -> str:
        return self.nama

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if self.jadwal_mulai and self.jadwal_mulai.year != self.tahun:
            errors["jadwal_mulai"] = "Jadwal harus berada dalam tahun program kerja."
        if self.jadwal_selesai and self.jadwal_selesai.year != self.tahun:
            errors["jadwal_selesai"] = "Jadwal harus berada dalam tahun program kerja."
        if errors:
            raise ValidationError(errors)
