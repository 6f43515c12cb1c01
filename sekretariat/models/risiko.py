"""The risk register (LPSE standards)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords


class Risiko(models.Model):
    """A risk: score = impact × threat × vulnerability × exposure (max 4·4·4·3 = 192)."""

    aset = models.CharField("aset atau proses", max_length=200)
    ancaman = models.CharField(max_length=255)
    nilai_dampak = models.PositiveSmallIntegerField(
        "dampak (1–4)", validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    nilai_ancaman = models.PositiveSmallIntegerField(
        "ancaman (1–4)", validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    nilai_kerentanan = models.PositiveSmallIntegerField(
        "kerentanan (1–4)", validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    nilai_paparan = models.PositiveSmallIntegerField(
        "paparan (1–3)", validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    skor = models.PositiveSmallIntegerField(editable=False, default=1)
    pemilik = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="pemilik risiko",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    mitigasi = models.TextField(blank=True)
    tanggal_tinjau = models.DateField("tinjau berikutnya")
    diingatkan = models.DateField("pengingat terakhir", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["tanggal_tinjau", "id"]
        verbose_name_plural = "risiko"
        constraints = [
            models.CheckConstraint(
                condition=Q(nilai_dampak__range=(1, 4))
                & Q(nilai_ancaman__range=(1, 4))
                & Q(nilai_kerentanan__range=(1, 4))
                & Q(nilai_paparan__range=(1, 3)),
                name="risiko_nilai_dalam_rentang",
            ),
            models.CheckConstraint(
                condition=Q(skor=F("nilai_dampak") * F("nilai_ancaman") * F("nilai_kerentanan") * F("nilai_paparan")),
                name="risiko_skor_hasil_kali",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.aset}: {self.ancaman}"

    def save(self, *args, **kwargs):
        self.skor = risk_score(self.nilai_dampak, self.nilai_ancaman, self.nilai_kerentanan, self.nilai_paparan)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "skor"}
        super().save(*args, **kwargs)

    def clean(self):
        if None not in (self.nilai_dampak, self.nilai_ancaman, self.nilai_kerentanan, self.nilai_paparan):
            self.skor = risk_score(self.nilai_dampak, self.nilai_ancaman, self.nilai_kerentanan, self.nilai_paparan)

    @property
    def tingkat(self) -> str:
        return risk_band(self.skor)


def risk_score(dampak: int, ancaman: int, kerentanan: int, paparan: int) -> int:
    return dampak * ancaman * kerentanan * paparan


def risk_band(skor: int) -> str:
    """Bands of the LPSE standards: ≤ 24 low (accept), ≤ 64 medium (mitigate), > 64 high (mitigate first)."""
    if skor <= 24:
        return "rendah"
    if skor <= 64:
        return "sedang"
    return "tinggi"
