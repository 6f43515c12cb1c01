"""Rooms, bookings and the guest book (Pasal 14 huruf a–b)."""

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField, RangeBoundary, RangeOperators
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from lpse.models import phone_validator


class TsTzRange(models.Func):
    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


class Ruang(models.Model):
    """A room of the LPSE: bidding, training or verification (Pasal 14 huruf a)."""

    class Jenis(models.TextChoices):
        BIDDING = "bidding", "Ruang bidding"
        PELATIHAN = "pelatihan", "Ruang pelatihan"
        VERIFIKASI = "verifikasi", "Ruang verifikasi"

    nama = models.CharField(max_length=100, unique=True)
    jenis = models.CharField(max_length=20, choices=Jenis.choices)
    kapasitas = models.PositiveSmallIntegerField()
    fasilitas = models.TextField(blank=True)
    perlu_persetujuan = models.BooleanField(
        "perlu persetujuan Kepala Bidang", default=True, help_text="Bila tidak, pemesanan langsung disetujui."
    )
    aktif = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["jenis", "nama"]
        verbose_name_plural = "ruang"

    def __str__(self) -> str:
        return self.nama


class PemesananRuang(models.Model):
    """A booked time slot. Overlaps are impossible in the database itself: an
    exclusion constraint on (ruang, tstzrange) for bookings not refused or
    cancelled (migration 0005, PostgreSQL)."""

    class Status(models.TextChoices):
        TUNDA = "tunda", "Tunda"
        SETUJU = "setuju", "Setuju"
        TIDAK_SETUJU = "tidak_setuju", "Tidak setuju"
        BATAL = "batal", "Batal"

    AKTIF = (Status.TUNDA, Status.SETUJU)

    ruang = models.ForeignKey(Ruang, on_delete=models.PROTECT, related_name="pemesanan")
    pemesan = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="pemesanan_ruang")
    keperluan = models.CharField(max_length=200)
    kode_paket = models.CharField(max_length=40, blank=True)
    mulai = models.DateTimeField()
    selesai = models.DateTimeField()
    peserta = models.PositiveSmallIntegerField("jumlah peserta", default=1)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.TUNDA)
    diputus_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    catatan_keputusan = models.CharField(max_length=300, blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["mulai"]
        verbose_name = "pemesanan ruang"
        verbose_name_plural = "pemesanan ruang"
        permissions = [("putus_pemesanan", "Menyetujui atau menolak pemesanan ruang")]
        indexes = [models.Index(fields=["ruang", "mulai"], name="pemesanan_ruang_mulai_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(selesai__gt=F("mulai")),
                name="pemesanan_selesai_setelah_mulai",
                violation_error_message="Waktu selesai harus setelah waktu mulai.",
            ),
            ExclusionConstraint(
                name="pemesanan_ruang_tidak_bertumpuk",
                expressions=[
                    (TsTzRange("mulai", "selesai", RangeBoundary()), RangeOperators.OVERLAPS),
                    ("ruang", RangeOperators.EQUAL),
                ],
                condition=Q(status__in=["tunda", "setuju"]),
                violation_error_message="Ruang sudah dipesan pada waktu tersebut.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.ruang} {self.mulai:%Y-%m-%d %H:%M}"


class BukuTamu(models.Model):
    """Walk-in visitors using the internet access or consultation (Pasal 14 huruf b–c)."""

    class Keperluan(models.TextChoices):
        INTERNET = "internet", "Akses internet"
        KONSULTASI = "konsultasi", "Konsultasi"
        LAINNYA = "lainnya", "Lainnya"

    nama = models.CharField(max_length=150)
    instansi = models.CharField("instansi/perusahaan", max_length=200, blank=True)
    telepon = models.CharField(max_length=20, blank=True, validators=[phone_validator])
    keperluan = models.CharField(max_length=20, choices=Keperluan.choices, default=Keperluan.INTERNET)
    komputer = models.CharField("nomor komputer", max_length=20, blank=True)
    masuk = models.DateTimeField()
    keluar = models.DateTimeField(null=True, blank=True)
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-masuk"]
        verbose_name = "buku tamu"
        verbose_name_plural = "buku tamu"
        constraints = [
            models.CheckConstraint(
                condition=Q(keluar__isnull=True) | Q(keluar__gte=F("masuk")),
                name="tamu_keluar_setelah_masuk",
                violation_error_message="Jam keluar tidak boleh sebelum jam masuk.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.nama} {self.masuk:%Y-%m-%d}"
