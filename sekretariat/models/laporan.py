"""The Kepala Unit's Laporan Kegiatan (Pasal 7(2)c)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords


class LaporanKegiatan(models.Model):
    """The Kepala Unit's activity report for a month, quarter or year."""

    class Periode(models.TextChoices):
        BULANAN = "bulanan", "Bulanan"
        TRIWULAN = "triwulan", "Triwulanan"
        TAHUNAN = "tahunan", "Tahunan"

    class Status(models.TextChoices):
        MENUNGGU = "menunggu", "Menunggu diproses"
        BERJALAN = "berjalan", "Sedang disusun"
        SIAP = "siap", "Data siap"
        MENERBITKAN = "menerbitkan", "PDF sedang dibuat"
        TERBIT = "terbit", "Terbit"
        GAGAL = "gagal", "Gagal"

    periode = models.CharField(max_length=10, choices=Periode.choices)
    tahun = models.PositiveIntegerField()
    nomor_periode = models.PositiveSmallIntegerField("bulan/triwulan", default=1)
    mulai = models.DateField()
    selesai = models.DateField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.MENUNGGU)
    progres = models.PositiveSmallIntegerField(default=0)
    langkah = models.CharField(max_length=200, blank=True)
    galat = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    pengantar = models.TextField("pendahuluan", blank=True)
    capaian = models.TextField("capaian utama", blank=True)
    kendala = models.TextField("kendala dan permasalahan", blank=True)
    rencana = models.TextField("rencana tindak lanjut", blank=True)
    dokumen = models.OneToOneField("lpse.Dokumen", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dibuat = models.DateTimeField(auto_now_add=True)
    disusun = models.DateTimeField(null=True, blank=True)
    # Last sign of life of the job; a job silent for longer than STALE_AFTER may be restarted.
    diperbarui = models.DateTimeField(null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["data", "progres", "langkah", "diperbarui"])

    class Meta:
        ordering = ["-mulai", "-id"]
        verbose_name_plural = "laporan kegiatan"
        constraints = [
            models.UniqueConstraint(
                fields=["periode", "tahun", "nomor_periode"],
                name="laporan_periode_unik",
                violation_error_message="Laporan untuk periode ini sudah ada.",
            ),
            models.CheckConstraint(condition=Q(progres__lte=100), name="laporan_progres_maks_100"),
        ]

    def __str__(self) -> str:
        return f"Laporan Kegiatan {self.judul_periode}"

    def get_absolute_url(self) -> str:
        return reverse("sekretariat:laporan-detail", args=[self.pk])

    @property
    def judul_periode(self) -> str:
        from django.utils.dates import MONTHS

        if self.periode == self.Periode.BULANAN:
            return f"Bulan {MONTHS[self.nomor_periode]} {self.tahun}"
        if self.periode == self.Periode.TRIWULAN:
            return f"Triwulan {['I', 'II', 'III', 'IV'][self.nomor_periode - 1]} {self.tahun}"
        return f"Tahun {self.tahun}"

    @property
    def sedang_diproses(self) -> bool:
        return self.status in {self.Status.MENUNGGU, self.Status.BERJALAN, self.Status.MENERBITKAN}
