"""Deactivation of SPSE accounts."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from lpse.uploads import PrivateUploadTo

from .pendaftaran import Pendaftaran


class Penonaktifan(models.Model):
    """A request to deactivate (or reactivate) a vendor's SPSE User ID (Pasal 10(5)).

    Opened by a PA/KPA, PPK or Pokja ULP/Pejabat Pengadaan with their letter
    or blacklist SK as evidence, or by staff for a violation of the SPSE
    terms. Staff decide, record the proposal to LKPP and LKPP's action, and
    set when it takes effect (and ends, for a time-limited blacklist).
    """

    class Jenis(models.TextChoices):
        NONAKTIF = "nonaktif", "Penonaktifan User ID"
        AKTIF_KEMBALI = "aktif_kembali", "Pengaktifan kembali User ID"

    class Sumber(models.TextChoices):
        PERMINTAAN = "permintaan", "Permintaan PA/KPA, PPK atau ULP/Pejabat Pengadaan (daftar hitam)"
        PELANGGARAN = "pelanggaran", "Pelanggaran syarat dan ketentuan penggunaan SPSE"

    class Status(models.TextChoices):
        DIAJUKAN = "diajukan", "Menunggu keputusan"
        DISETUJUI = "disetujui", "Disetujui"
        DITOLAK = "ditolak", "Ditolak"

    pendaftaran = models.ForeignKey(Pendaftaran, on_delete=models.PROTECT, related_name="penonaktifan")
    jenis = models.CharField(max_length=15, choices=Jenis.choices, default=Jenis.NONAKTIF)
    sumber = models.CharField(max_length=15, choices=Sumber.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DIAJUKAN)
    diajukan_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    dibuat = models.DateTimeField(default=timezone.now)
    nomor_surat = models.CharField("nomor surat/SK", max_length=100)
    tanggal_surat = models.DateField("tanggal surat/SK")
    lama_sanksi = models.CharField(
        "lama sanksi", max_length=100, blank=True, help_text="Mis. 2 tahun; kosong bila tidak terbatas."
    )
    alasan = models.TextField()
    bukti = models.FileField("surat/SK (bukti)", upload_to=PrivateUploadTo("penonaktifan"), max_length=200, blank=True)
    bukti_nama = models.CharField(max_length=255, blank=True)
    diputuskan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    diputuskan_pada = models.DateTimeField(null=True, blank=True)
    catatan_keputusan = models.TextField(blank=True)
    nomor_usulan_lkpp = models.CharField("nomor surat usulan ke LKPP", max_length=100, blank=True)
    tindakan_lkpp = models.CharField("tindakan LKPP", max_length=255, blank=True)
    berlaku_mulai = models.DateField("berlaku mulai", null=True, blank=True)
    berlaku_sampai = models.DateField("berlaku sampai", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "penonaktifan"
        ordering = ["-dibuat", "-id"]
        permissions = [("ajukan_penonaktifan", "Mengajukan penonaktifan User ID penyedia (Pasal 10 ayat 5)")]
        indexes = [models.Index(fields=["status", "-dibuat"], name="penonaktifan_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(berlaku_sampai__isnull=True)
                | Q(berlaku_mulai__isnull=False, berlaku_sampai__gt=models.F("berlaku_mulai")),
                name="penonaktifan_sampai_setelah_mulai",
            ),
            # One open request per vendor at a time: a second would race the first decision.
            models.UniqueConstraint(
                fields=["pendaftaran"],
                condition=Q(status="diajukan"),
                name="penonaktifan_satu_terbuka",
                violation_error_message="Sudah ada permintaan yang menunggu keputusan untuk User ID ini.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.pendaftaran}"
