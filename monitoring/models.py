"""Server monitoring of the Administrasi Sistem Elektronik (Perbup Karo 02/2017 Pasal 17).

The metric samples and their roll-ups, the connection checks, alert state and
the Laporan Monitoring Harian. Assets and incidents belong to ``infrastruktur``;
this app only points at them. The tables keep their ``infrastruktur_*`` names:
the models moved here from ``infrastruktur`` without touching the database
(migration 0001 uses SeparateDatabaseAndState).
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from infrastruktur.models import Aset


class AsetStatus(models.Model):
    """Fast-changing state of an asset (no history: written on every sample)."""

    class Tingkat(models.TextChoices):
        OK = "ok", "Normal"
        PERINGATAN = "peringatan", "Peringatan"
        KRITIS = "kritis", "Kritis"
        BASI = "basi", "Tidak ada data"

    aset = models.OneToOneField(Aset, on_delete=models.CASCADE, primary_key=True, related_name="keadaan")
    tingkat = models.CharField(max_length=12, choices=Tingkat.choices, default=Tingkat.BASI)
    terakhir_data = models.DateTimeField(null=True, blank=True)
    dievaluasi = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "infrastruktur_asetstatus"

    def __str__(self) -> str:
        return f"{self.aset_id}: {self.tingkat}"


class TokenAgen(models.Model):
    """A per-server agent token. Only its SHA-256 is stored; the secret is
    shown once. ``terakhir_ts`` is the newest accepted sample time, so a
    replayed post (same or older timestamp) is refused."""

    aset = models.ForeignKey(Aset, on_delete=models.CASCADE, related_name="token")
    prefix = models.CharField(max_length=16, unique=True)
    hash = models.CharField(max_length=64)
    dibuat = models.DateTimeField(auto_now_add=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dicabut = models.DateTimeField(null=True, blank=True)
    terakhir_ts = models.FloatField(default=0)
    terakhir_dipakai = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "infrastruktur_tokenagen"
        ordering = ["-dibuat"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.aset_id})"


class Sampel(models.Model):
    """A raw sample of one series (``disk.pct:/``, ``ram.avail_pct``, ``cek.3.up`` …); kept 30 days."""

    aset = models.ForeignKey(Aset, on_delete=models.CASCADE, related_name="+")
    seri = models.CharField(max_length=120)
    waktu = models.DateTimeField()
    nilai = models.FloatField()

    class Meta:
        db_table = "infrastruktur_sampel"
        indexes = [
            models.Index(fields=["aset", "seri", "waktu"], name="sampel_aset_seri_waktu"),
            # roll-up and pruning select by time across all assets
            models.Index(fields=["waktu"], name="sampel_waktu"),
        ]

    def __str__(self) -> str:
        return f"{self.seri}@{self.waktu}: {self.nilai}"


class Rollup(models.Model):
    """Hourly (kept 2 years) and daily (kept forever) aggregates of a series."""

    class Resolusi(models.TextChoices):
        JAM = "jam", "Per jam"
        HARI = "hari", "Per hari"

    aset = models.ForeignKey(Aset, on_delete=models.CASCADE, related_name="+")
    seri = models.CharField(max_length=120)
    resolusi = models.CharField(max_length=4, choices=Resolusi.choices)
    waktu = models.DateTimeField()
    rata = models.FloatField()
    minimum = models.FloatField()
    maksimum = models.FloatField()
    jumlah = models.PositiveIntegerField()

    class Meta:
        db_table = "infrastruktur_rollup"
        constraints = [
            models.UniqueConstraint(fields=["aset", "resolusi", "seri", "waktu"], name="rollup_unik"),
        ]
        indexes = [
            models.Index(fields=["aset", "resolusi", "waktu"], name="rollup_aset_res_waktu"),
            models.Index(fields=["resolusi", "waktu"], name="rollup_res_waktu"),
        ]

    def __str__(self) -> str:
        return f"{self.seri} {self.resolusi} {self.waktu}"


class Pemeriksaan(models.Model):
    """A connection check of the SPSE or another service (Pasal 17(3))."""

    class Jenis(models.TextChoices):
        HTTP = "http", "HTTP(S) status dan latensi"
        TCP = "tcp", "Port TCP terbuka"
        DNS = "dns", "Resolusi DNS"
        TLS = "tls", "Sisa hari sertifikat TLS"

    aset = models.ForeignKey(Aset, on_delete=models.CASCADE, related_name="pemeriksaan")
    nama = models.CharField(max_length=150)
    jenis = models.CharField(max_length=8, choices=Jenis.choices)
    target = models.CharField(max_length=255, help_text="HTTP: URL lengkap. TCP/TLS: host:port. DNS: nama host.")
    interval_detik = models.PositiveIntegerField("interval (detik)", default=60, validators=[MinValueValidator(30)])
    batas_waktu_detik = models.FloatField("batas waktu (detik)", default=10, validators=[MinValueValidator(0.5)])
    aktif = models.BooleanField(default=True)
    gagal_berturut = models.PositiveIntegerField(default=0)
    terakhir_dicek = models.DateTimeField(null=True, blank=True)
    terakhir_ok = models.BooleanField(null=True, blank=True)
    terakhir_pesan = models.CharField(max_length=255, blank=True)
    history = HistoricalRecords(
        table_name="infrastruktur_historicalpemeriksaan",
        excluded_fields=["gagal_berturut", "terakhir_dicek", "terakhir_ok", "terakhir_pesan"],
    )

    class Meta:
        db_table = "infrastruktur_pemeriksaan"
        ordering = ["aset__nama", "nama"]
        verbose_name_plural = "pemeriksaan"

    def __str__(self) -> str:
        return f"{self.nama} ({self.get_jenis_display()})"


class Kondisi(models.Model):
    """The alert state of one condition of an asset, with hysteresis."""

    aset = models.ForeignKey(Aset, on_delete=models.CASCADE, related_name="kondisi")
    kode = models.CharField(max_length=120)
    tingkat = models.CharField(max_length=12, choices=AsetStatus.Tingkat.choices, default=AsetStatus.Tingkat.OK)
    nilai = models.FloatField(null=True, blank=True)
    pesan = models.CharField(max_length=255, blank=True)
    sejak = models.DateTimeField(default=timezone.now)
    diperbarui = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "infrastruktur_kondisi"
        ordering = ["aset_id", "kode"]
        constraints = [models.UniqueConstraint(fields=["aset", "kode"], name="kondisi_unik")]

    def __str__(self) -> str:
        return f"{self.aset_id} {self.kode}: {self.tingkat}"


class LaporanHarian(models.Model):
    """The Laporan Monitoring Harian (Pasal 17(1)); one per day."""

    tanggal = models.DateField(unique=True)
    data = models.JSONField(default=dict)
    dokumen = models.ForeignKey("lpse.Dokumen", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    dibuat = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "infrastruktur_laporanharian"
        ordering = ["-tanggal"]
        verbose_name_plural = "laporan monitoring harian"

    def __str__(self) -> str:
        return f"Laporan monitoring {self.tanggal}"


class RekomendasiUpgrade(models.Model):
    """An upgrade the monitoring data calls for (Pasal 17(5)): which asset and
    resource, why (a sustained threshold breach or a disk-full forecast, with
    the chart behind it), and by when. Computed daily from the daily
    roll-ups; staff accept or dismiss it, and an accepted one becomes a
    change request (infrastruktur) and a budget proposal for the program
    kerja (offered to the Sekretariat through lpse.registry)."""

    class Sumber(models.TextChoices):
        CPU = "cpu", "CPU"
        RAM = "ram", "RAM"
        DISK = "disk", "Disk"
        BANDWIDTH = "bandwidth", "Bandwidth"
        RESPONS = "respons", "Waktu respons SPSE"

    class Dasar(models.TextChoices):
        AMBANG = "ambang", "Ambang terlampaui berkelanjutan"
        PRAKIRAAN = "prakiraan", "Prakiraan disk penuh"

    class Status(models.TextChoices):
        BARU = "baru", "Baru"
        DITERIMA = "diterima", "Diterima"
        DITOLAK = "ditolak", "Diabaikan"
        USANG = "usang", "Tidak berlaku lagi"

    OPEN = (Status.BARU, Status.DITERIMA)

    aset = models.ForeignKey(Aset, on_delete=models.CASCADE, related_name="rekomendasi_upgrade")
    sumber = models.CharField(max_length=10, choices=Sumber.choices)
    seri = models.CharField(max_length=120)  # the series behind it: "cpu.pct", "disk.pct:/data", "cek.3.ms"
    dasar = models.CharField(max_length=10, choices=Dasar.choices)
    alasan = models.CharField(max_length=255)
    nilai = models.FloatField(help_text="Rata-rata harian tertinggi di jendela, atau sisa hari sampai penuh.")
    hari_terlampaui = models.PositiveSmallIntegerField(default=0)
    batas_waktu = models.DateField("paling lambat", null=True, blank=True, help_text="Kosong: segera.")
    rentang = models.CharField("rentang grafik", max_length=4, default="30h")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.BARU)
    dibuat = models.DateField(default=timezone.localdate)
    dihitung = models.DateField("terakhir dihitung", default=timezone.localdate)
    diputuskan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diputuskan_pada = models.DateTimeField(null=True, blank=True)
    catatan = models.TextField(blank=True)
    perubahan = models.OneToOneField(
        "infrastruktur.PermintaanPerubahan",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rekomendasi_upgrade",
    )
    # The proposed budget line for the Sekretariat's program kerja (Pasal 25): offered, not written there.
    usulan_tahun = models.PositiveIntegerField("tahun anggaran usulan", null=True, blank=True)
    usulan_biaya = models.DecimalField(
        "perkiraan biaya (Rp)",
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    history = HistoricalRecords(excluded_fields=["dihitung"])

    class Meta:
        ordering = ["batas_waktu", "-hari_terlampaui", "id"]
        verbose_name = "rekomendasi upgrade"
        verbose_name_plural = "rekomendasi upgrade"
        constraints = [
            # One open recommendation per asset and series: the daily run updates it in place.
            models.UniqueConstraint(
                fields=["aset", "seri"],
                condition=models.Q(status__in=["baru", "diterima"]),
                name="rekomendasi_upgrade_satu_terbuka",
            ),
            models.CheckConstraint(
                condition=models.Q(perubahan__isnull=True) | models.Q(status="diterima"),
                name="rekomendasi_upgrade_perubahan_hanya_diterima",
                violation_error_message="Hanya rekomendasi yang diterima yang dapat menjadi permintaan perubahan.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.aset}: {self.get_sumber_display()}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("monitoring:rekomendasi-detail", args=[self.pk])

    @property
    def segera(self) -> bool:
        return self.batas_waktu is None or self.batas_waktu <= timezone.localdate()
