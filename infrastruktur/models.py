"""Administrasi Sistem Elektronik (Perbup Karo 02/2017 Pasal 9, 16 dan 17).

Assets and their thresholds, the metric samples and their roll-ups, the
connection checks, alert state, incidents, LKPP instructions, maintenance
windows, change requests, the server-room log and visitor permits.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from . import hooks

CIA_CHOICES = [(1, "1 – rendah"), (2, "2 – sedang"), (3, "3 – tinggi")]


class AksesInfrastruktur(models.Model):
    """Table-less holder of this app's custom permissions (see infrastruktur/roles.py)."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("setujui_perubahan", "Menyetujui permintaan perubahan (Kepala Bidang)"),
            ("setujui_izin", "Menyetujui izin masuk ruang server (Pasal 16 ayat 4)"),
        ]

    def __str__(self) -> str:
        return "akses infrastruktur"


class Aset(models.Model):
    """A piece of hardware the bidang looks after (Pasal 9(1), 16, 17).

    The thresholds of the daily SOP (Pasal 17(1)) live on the asset, with the
    issue's defaults, so each can be tuned per server.
    """

    class Jenis(models.TextChoices):
        SERVER = "server", "Server"
        JARINGAN = "jaringan", "Perangkat jaringan"
        UPS = "ups", "UPS"
        AC = "ac", "AC / pendingin"
        MEDIA_BACKUP = "media_backup", "Media backup portabel"
        LAINNYA = "lainnya", "Lainnya"

    class Status(models.TextChoices):
        AKTIF = "aktif", "Aktif"
        CADANGAN = "cadangan", "Cadangan"
        PERBAIKAN = "perbaikan", "Dalam perbaikan"
        NONAKTIF = "nonaktif", "Tidak aktif"

    nama = models.CharField(max_length=150, unique=True)
    jenis = models.CharField(max_length=20, choices=Jenis.choices, default=Jenis.SERVER)
    peran = models.CharField("peran", max_length=200, blank=True, help_text="Mis. server aplikasi SPSE.")
    alamat = models.CharField("IP/hostname", max_length=255, blank=True)
    ruang = models.CharField("ruang", max_length=100, blank=True)
    rak = models.CharField("rak", max_length=50, blank=True)
    cpu = models.CharField("CPU", max_length=150, blank=True)
    ram = models.CharField("RAM", max_length=100, blank=True)
    disk = models.CharField("disk", max_length=200, blank=True)
    pemilik = models.CharField("pemilik/penanggung jawab", max_length=150, blank=True)
    tanggal_perolehan = models.DateField("tanggal perolehan", null=True, blank=True)
    garansi_sampai = models.DateField("garansi sampai", null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.AKTIF)
    kerahasiaan = models.PositiveSmallIntegerField(choices=CIA_CHOICES, default=2)
    integritas = models.PositiveSmallIntegerField(choices=CIA_CHOICES, default=2)
    ketersediaan = models.PositiveSmallIntegerField(choices=CIA_CHOICES, default=2)
    server_spse = models.BooleanField(
        "server SPSE", default=False, help_text="Bila tak terjangkau, draf pengumuman gangguan disiapkan (Pasal 14 d)."
    )
    host_lokal = models.BooleanField(
        "server portal ini", default=False, help_text="Metrik dikumpulkan langsung oleh worker (psutil)."
    )
    # Thresholds of the daily SOP, Pasal 17(1); defaults from the issue.
    disk_peringatan = models.FloatField("disk peringatan (%)", default=80, validators=[MinValueValidator(1)])
    disk_kritis = models.FloatField("disk kritis (%)", default=90, validators=[MaxValueValidator(100)])
    ram_tersedia_min = models.FloatField("RAM tersedia minimum (%)", default=10, validators=[MinValueValidator(0)])
    ram_menit = models.PositiveSmallIntegerField("lama RAM di bawah minimum (menit)", default=10)
    penuh_peringatan_hari = models.FloatField("disk penuh dalam (hari) — peringatan", default=7)
    penuh_kritis_hari = models.FloatField("disk penuh dalam (hari) — kritis", default=2)
    tls_peringatan_hari = models.PositiveSmallIntegerField("sertifikat TLS peringatan (hari)", default=20)
    tls_kritis_hari = models.PositiveSmallIntegerField("sertifikat TLS kritis (hari)", default=3)
    latensi_peringatan_ms = models.PositiveIntegerField("latensi HTTP peringatan (ms)", default=1000)
    histeresis = models.FloatField(
        "histeresis (%)",
        default=5,
        validators=[MinValueValidator(0), MaxValueValidator(50)],
        help_text="Peringatan baru hilang bila nilai kembali di bawah ambang dikurangi selisih ini.",
    )
    dibuat = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["nama"]
        verbose_name_plural = "aset"
        constraints = [
            models.CheckConstraint(condition=Q(kerahasiaan__gte=1, kerahasiaan__lte=3), name="aset_c_1_3"),
            models.CheckConstraint(condition=Q(integritas__gte=1, integritas__lte=3), name="aset_i_1_3"),
            models.CheckConstraint(condition=Q(ketersediaan__gte=1, ketersediaan__lte=3), name="aset_a_1_3"),
            models.CheckConstraint(
                condition=Q(disk_kritis__gt=models.F("disk_peringatan")),
                name="aset_disk_kritis_di_atas_peringatan",
                violation_error_message="Ambang kritis disk harus di atas ambang peringatan.",
            ),
            models.UniqueConstraint(fields=["host_lokal"], condition=Q(host_lokal=True), name="aset_satu_host_lokal"),
        ]

    def __str__(self) -> str:
        return self.nama

    def get_absolute_url(self) -> str:
        return reverse("infrastruktur:aset-detail", args=[self.pk])

    def clean(self):
        # Apps that build on the register add their rules (backup: a registered medium stays a medium).
        for check in hooks.items("aset_clean"):
            check(self)


class Insiden(models.Model):
    """An incident: opened by a critical condition or 3 failed checks in a
    row; one open incident per asset and condition (database constraint).
    Pasal 9(3)c: cause, action and whether it was reported to LKPP."""

    class Status(models.TextChoices):
        TERBUKA = "terbuka", "Terbuka"
        PULIH = "pulih", "Pulih, menunggu masa tenang"
        DITUTUP = "ditutup", "Ditutup"

    aset = models.ForeignKey(Aset, on_delete=models.PROTECT, related_name="insiden")
    kode = models.CharField("kondisi", max_length=120)
    judul = models.CharField(max_length=255)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.TERBUKA)
    dibuka = models.DateTimeField(default=timezone.now)
    pulih_pada = models.DateTimeField(null=True, blank=True)
    ditutup = models.DateTimeField(null=True, blank=True)
    penyebab = models.TextField(blank=True)
    tindakan = models.TextField(blank=True)
    dilaporkan_lkpp = models.BooleanField("dilaporkan ke LKPP", default=False)
    tanggal_lapor_lkpp = models.DateField("tanggal lapor ke LKPP", null=True, blank=True)
    nomor_laporan_lkpp = models.CharField("nomor tiket/laporan LKPP", max_length=100, blank=True)
    pengumuman = models.ForeignKey(
        "lpse.Pengumuman", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    draf_pengumuman = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-dibuka", "-id"]
        verbose_name_plural = "insiden"
        constraints = [
            models.UniqueConstraint(
                fields=["aset", "kode"], condition=~Q(status="ditutup"), name="insiden_satu_terbuka_per_kondisi"
            ),
        ]

    def __str__(self) -> str:
        return self.judul

    def get_absolute_url(self) -> str:
        return reverse("infrastruktur:insiden-detail", args=[self.pk])


class CatatanInsiden(models.Model):
    insiden = models.ForeignKey(Insiden, on_delete=models.CASCADE, related_name="catatan")
    waktu = models.DateTimeField(default=timezone.now)
    isi = models.TextField()
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["waktu", "id"]

    def __str__(self) -> str:
        return self.isi[:50]


class InstruksiLkpp(models.Model):
    """An instruction received from LKPP and its follow-up (Pasal 9(3)d)."""

    class Status(models.TextChoices):
        DITERIMA = "diterima", "Diterima"
        DIKERJAKAN = "dikerjakan", "Sedang dikerjakan"
        SELESAI = "selesai", "Selesai"

    diterima = models.DateField("tanggal diterima", default=timezone.localdate)
    nomor = models.CharField("nomor surat/tiket", max_length=100, blank=True)
    perihal = models.CharField(max_length=255)
    isi = models.TextField("isi instruksi")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DITERIMA)
    tindak_lanjut = models.TextField("tindak lanjut", blank=True)
    insiden = models.ForeignKey(Insiden, null=True, blank=True, on_delete=models.SET_NULL, related_name="instruksi")
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-diterima", "-id"]
        verbose_name_plural = "instruksi LKPP"

    def __str__(self) -> str:
        return self.perihal


class Pemeliharaan(models.Model):
    """A planned maintenance window (Pasal 17(4)): announced beforehand,
    alerts of its assets silenced while it lasts."""

    judul = models.CharField(max_length=200)
    uraian = models.TextField()
    mulai = models.DateTimeField()
    selesai = models.DateTimeField()
    umumkan_jam_sebelum = models.PositiveSmallIntegerField("umumkan berapa jam sebelumnya", default=24)
    aset = models.ManyToManyField(Aset, related_name="pemeliharaan")
    pengumuman = models.ForeignKey(
        "lpse.Pengumuman", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords(m2m_fields=[aset])

    class Meta:
        ordering = ["-mulai"]
        verbose_name_plural = "pemeliharaan"
        constraints = [
            models.CheckConstraint(
                condition=Q(selesai__gt=models.F("mulai")),
                name="pemeliharaan_selesai_setelah_mulai",
                violation_error_message="Waktu selesai harus setelah waktu mulai.",
            )
        ]

    def __str__(self) -> str:
        return self.judul


class PermintaanPerubahan(models.Model):
    """A change request for servers and the network; approved by the Kepala Bidang."""

    class Jenis(models.TextChoices):
        NORMAL = "normal", "Normal"
        DARURAT = "darurat", "Darurat"

    class Status(models.TextChoices):
        TERCATAT = "tercatat", "Tercatat"
        EVALUASI = "evaluasi", "Evaluasi"
        PERSETUJUAN = "persetujuan", "Menunggu persetujuan"
        IMPLEMENTASI = "implementasi", "Implementasi"
        SELESAI = "selesai", "Selesai"

    judul = models.CharField(max_length=200)
    jenis = models.CharField(max_length=10, choices=Jenis.choices, default=Jenis.NORMAL)
    aset = models.ManyToManyField(Aset, related_name="perubahan", blank=True)
    alasan = models.TextField()
    rencana = models.TextField("rencana pelaksanaan")
    rencana_uji = models.TextField("rencana uji")
    rencana_rollback = models.TextField("rencana rollback")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.TERCATAT)
    diajukan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    disetujui_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    disetujui_pada = models.DateTimeField(null=True, blank=True)
    hasil = models.TextField("hasil pelaksanaan", blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[aset])

    class Meta:
        ordering = ["-dibuat"]
        verbose_name_plural = "permintaan perubahan"
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["tercatat", "evaluasi", "persetujuan"]) | Q(disetujui_oleh__isnull=False),
                name="perubahan_implementasi_perlu_persetujuan",
                violation_error_message="Implementasi hanya setelah disetujui Kepala Bidang.",
            )
        ]

    def __str__(self) -> str:
        return self.judul


class CekRuangServer(models.Model):
    """The daily server-room check-list (Pasal 16(3))."""

    tanggal = models.DateField(default=timezone.localdate, unique=True)
    suhu = models.FloatField("suhu (°C)", validators=[MinValueValidator(-10), MaxValueValidator(60)])
    kelembapan = models.FloatField("kelembapan (% RH)", validators=[MinValueValidator(0), MaxValueValidator(100)])
    ups_baik = models.BooleanField("UPS normal", default=True)
    genset_baik = models.BooleanField("genset siap", default=True)
    ac_baik = models.BooleanField("AC normal", default=True)
    apar_baik = models.BooleanField("APAR (pemadam api) siap", default=True)
    pintu_terkunci = models.BooleanField("pintu terkunci", default=True)
    cctv_baik = models.BooleanField("CCTV berfungsi", default=True)
    catatan = models.TextField(blank=True)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    dicatat = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-tanggal"]
        verbose_name_plural = "cek ruang server"

    def __str__(self) -> str:
        return f"Cek ruang server {self.tanggal}"

    def peringatan(self) -> list[str]:
        """What is out of range, in words (limits from settings, Pasal 16(3))."""
        suhu_maks, rh_min, rh_maks = (
            settings.RUANG_SERVER_SUHU_MAKS,
            settings.RUANG_SERVER_RH_MIN,
            settings.RUANG_SERVER_RH_MAKS,
        )
        out = []
        if self.suhu > suhu_maks:
            out.append(f"Suhu {self.suhu:g} °C di atas {suhu_maks:g} °C")
        if not rh_min <= self.kelembapan <= rh_maks:
            out.append(f"Kelembapan {self.kelembapan:g}% di luar {rh_min:g}–{rh_maks:g}%")
        for field, label in [
            ("ups_baik", "UPS"),
            ("genset_baik", "genset"),
            ("ac_baik", "AC"),
            ("apar_baik", "APAR"),
            ("pintu_terkunci", "pintu"),
            ("cctv_baik", "CCTV"),
        ]:
            if not getattr(self, field):
                out.append(f"{label} bermasalah")
        return out


class IzinKunjungan(models.Model):
    """A visitor permit for the server room (Pasal 16(4)): no entry without
    an approved permit, enforced by a database constraint as well."""

    class Status(models.TextChoices):
        DIAJUKAN = "diajukan", "Diajukan"
        DISETUJUI = "disetujui", "Disetujui"
        DITOLAK = "ditolak", "Ditolak"

    nama = models.CharField("nama pengunjung", max_length=150)
    instansi = models.CharField("instansi/perusahaan", max_length=150)
    keperluan = models.TextField()
    tanggal = models.DateField("tanggal kunjungan")
    perangkat = models.TextField("perangkat yang dibawa", blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DIAJUKAN)
    diputuskan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diputuskan_pada = models.DateTimeField(null=True, blank=True)
    alasan_tolak = models.TextField(blank=True)
    identitas_ditahan = models.CharField("dokumen identitas yang ditahan", max_length=100, blank=True)
    nomor_badge = models.CharField(max_length=30, blank=True)
    masuk = models.DateTimeField(null=True, blank=True)
    keluar = models.DateTimeField(null=True, blank=True)
    pendamping = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diajukan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Akun yang mengajukan sendiri (mis. teknisi vendor); kosong bila dicatat petugas.",
    )
    dibuat = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-tanggal", "-id"]
        verbose_name_plural = "izin kunjungan"
        constraints = [
            models.CheckConstraint(
                condition=Q(masuk__isnull=True) | Q(status="disetujui"),
                name="izin_masuk_hanya_bila_disetujui",
                violation_error_message="Tidak boleh masuk tanpa izin yang disetujui (Pasal 16 ayat 4).",
            ),
            models.CheckConstraint(
                condition=Q(keluar__isnull=True) | Q(masuk__isnull=False, keluar__gte=models.F("masuk")),
                name="izin_keluar_setelah_masuk",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nama} ({self.tanggal})"
