"""Naskah dinas, attachments, dispositions and the agenda number format (Pasal 8(4)f, g)."""

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from lpse.uploads import PrivateUploadTo

from .common import Bidang
from .pegawai import Pegawai


class FormatAgenda(models.Model):
    """The agenda-number format of one kind of naskah, editable by the Sekretariat."""

    jenis = models.CharField(max_length=10, unique=True)
    format = models.CharField(
        max_length=100,
        help_text="Tempat isian: {seq}, {seq:03d}, {kode}, {bulan}, {bulan_romawi}, {tahun}.",
    )
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.jenis}: {self.format}"


class Naskah(models.Model):
    """An incoming or outgoing letter, or a telaahan staf (Pasal 8(4)f, g)."""

    class Jenis(models.TextChoices):
        MASUK = "masuk", "Surat masuk"
        KELUAR = "keluar", "Surat keluar"
        TELAAHAN = "telaahan", "Telaahan staf"

    class Sifat(models.TextChoices):
        BIASA = "biasa", "Biasa"
        PENTING = "penting", "Penting"
        SEGERA = "segera", "Segera"
        RAHASIA = "rahasia", "Rahasia"

    jenis = models.CharField(max_length=10, choices=Jenis.choices)
    tahun = models.PositiveIntegerField()
    urut = models.PositiveIntegerField("nomor urut agenda")
    nomor_agenda = models.CharField("nomor agenda", max_length=80)
    nomor_surat = models.CharField("nomor surat", max_length=100, blank=True)
    tanggal_surat = models.DateField("tanggal surat")
    tanggal_agenda = models.DateField("tanggal diterima/dikirim", default=timezone.localdate)
    pengirim = models.CharField(max_length=200)
    penerima = models.CharField(max_length=200)
    perihal = models.CharField(max_length=255)
    ringkasan = models.TextField(blank=True)
    sifat = models.CharField("sifat/klasifikasi keamanan", max_length=10, choices=Sifat.choices, default=Sifat.BIASA)
    kode_klasifikasi = models.CharField("kode klasifikasi arsip", max_length=20, blank=True)
    retensi_tahun = models.PositiveSmallIntegerField(
        "masa retensi (tahun)", default=5, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dibuat = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-tahun", "-urut"]
        verbose_name_plural = "naskah dinas"
        constraints = [
            models.UniqueConstraint(fields=["jenis", "tahun", "urut"], name="naskah_agenda_unik"),
            models.UniqueConstraint(fields=["nomor_agenda"], name="naskah_nomor_agenda_unik"),
        ]
        indexes = [
            models.Index(fields=["jenis", "-tanggal_agenda"], name="naskah_jenis_tgl_idx"),
            models.Index(fields=["-tanggal_agenda", "-id"], name="naskah_tgl_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.nomor_agenda} {self.perihal}"

    def get_absolute_url(self) -> str:
        return reverse("sekretariat:naskah-detail", args=[self.pk])

    @property
    def retensi_sampai(self) -> date:
        return self.tanggal_agenda.replace(year=self.tanggal_agenda.year + self.retensi_tahun, day=1)


class LampiranNaskah(models.Model):
    naskah = models.ForeignKey(Naskah, on_delete=models.CASCADE, related_name="lampiran")
    berkas = models.FileField(upload_to=PrivateUploadTo("sekretariat/naskah"))
    nama_asli = models.CharField(max_length=255)
    diunggah = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "lampiran naskah"

    def __str__(self) -> str:
        return self.nama_asli


class Disposisi(models.Model):
    """An instruction on a naskah to a bidang or a person, with a due date."""

    naskah = models.ForeignKey(Naskah, on_delete=models.CASCADE, related_name="disposisi")
    kepada_bidang = models.CharField(max_length=20, choices=Bidang.choices, blank=True)
    kepada_pegawai = models.ForeignKey(Pegawai, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    instruksi = models.TextField()
    batas_waktu = models.DateField("batas waktu", null=True, blank=True)
    dari = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dibuat = models.DateTimeField(auto_now_add=True)
    selesai = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["dibuat", "id"]
        verbose_name_plural = "disposisi"
        constraints = [
            models.CheckConstraint(
                condition=~Q(kepada_bidang="") | Q(kepada_pegawai__isnull=False),
                name="disposisi_ada_tujuan",
                violation_error_message="Pilih bidang atau pegawai tujuan disposisi.",
            ),
        ]

    def __str__(self) -> str:
        return f"Disposisi {self.naskah_id}"
