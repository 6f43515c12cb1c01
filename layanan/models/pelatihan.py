"""Trainings, participants and evaluations (Pasal 11 ayat 4 huruf b)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from simple_history.models import HistoricalRecords

from lpse.models import phone_validator

from .ruang import Ruang
from .tiket import MAX_PESAN, _token


class Pelatihan(models.Model):
    """A training or socialisation session for SPSE users."""

    class Sasaran(models.TextChoices):
        PENYEDIA = "penyedia", "Penyedia"
        PPK = "ppk", "PPK"
        POKJA = "pokja", "Pokja/Pejabat Pengadaan"
        PA_KPA = "pa_kpa", "PA/KPA"
        UMUM = "umum", "Umum"

    topik = models.CharField(max_length=200)
    sasaran = models.CharField(max_length=20, choices=Sasaran.choices)
    uraian = models.TextField(blank=True)
    mulai = models.DateTimeField()
    selesai = models.DateTimeField()
    ruang = models.ForeignKey(Ruang, null=True, blank=True, on_delete=models.PROTECT, related_name="pelatihan")
    pelatih = models.CharField(max_length=150)
    kapasitas = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    terbit = models.BooleanField(default=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["mulai"]
        verbose_name_plural = "pelatihan"
        indexes = [models.Index(fields=["mulai"], name="pelatihan_mulai_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(selesai__gt=F("mulai")),
                name="pelatihan_selesai_setelah_mulai",
                violation_error_message="Waktu selesai harus setelah waktu mulai.",
            )
        ]

    def __str__(self) -> str:
        return self.topik

    def get_absolute_url(self) -> str:
        return reverse("layanan:pelatihan-detail", args=[self.pk])


class PesertaPelatihan(models.Model):
    """A sign-up: registered while seats last, then on the waiting list."""

    class Status(models.TextChoices):
        TERDAFTAR = "terdaftar", "Terdaftar"
        CADANGAN = "cadangan", "Daftar tunggu"
        BATAL = "batal", "Batal"

    pelatihan = models.ForeignKey(Pelatihan, on_delete=models.CASCADE, related_name="peserta")
    nama = models.CharField(max_length=150)
    email = models.EmailField()
    telepon = models.CharField(max_length=20, blank=True, validators=[phone_validator])
    instansi = models.CharField("instansi/perusahaan", max_length=200, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.TERDAFTAR)
    token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    hadir = models.BooleanField(default=False)
    sertifikat = models.OneToOneField("lpse.Dokumen", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    dibuat = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["dibuat", "id"]
        verbose_name = "peserta pelatihan"
        verbose_name_plural = "peserta pelatihan"
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "pelatihan",
                condition=~Q(status="batal"),
                name="peserta_sekali_per_pelatihan",
                violation_error_message="Email ini sudah terdaftar pada pelatihan tersebut.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.nama} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("layanan:peserta", args=[self.token])


class EvaluasiPelatihan(models.Model):
    """The evaluation a participant fills in after the training (Pasal 24 ayat 1 huruf d)."""

    peserta = models.OneToOneField(PesertaPelatihan, on_delete=models.CASCADE, related_name="evaluasi")
    nilai_materi = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    nilai_pelatih = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    nilai_fasilitas = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    saran = models.TextField(max_length=MAX_PESAN, blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "evaluasi pelatihan"
        verbose_name_plural = "evaluasi pelatihan"

    def __str__(self) -> str:
        return f"Evaluasi {self.peserta}"
