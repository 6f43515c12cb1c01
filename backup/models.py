"""Backup SOP of the Bidang Administrasi Sistem Elektronik (Perbup Karo 02/2017 Pasal 12(2)f and 18).

Pasal 18(1): the LPSE backs up the SPSE's system files and database.
Pasal 18(2): backups are kept on portable media, in a safe place apart from
the server room.
"""

import os
import re
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from infrastruktur.models import Aset

ENV_NAME = re.compile(r"^[A-Z_][A-Z0-9_]*$")


class BackupSource(models.Model):
    """What is backed up: a database or a directory (Pasal 18(1))."""

    class Jenis(models.TextChoices):
        PORTAL_DB = "portal_db", "Basis data portal ini"
        PORTAL_MEDIA = "portal_media", "Berkas unggahan (media) portal ini"
        POSTGRES = "postgres", "Basis data PostgreSQL eksternal (mis. SPSE)"
        SQLITE = "sqlite", "Berkas basis data SQLite"
        DIREKTORI = "direktori", "Direktori berkas sistem"

    nama = models.CharField("nama", max_length=120, unique=True)
    slug = models.SlugField("kode", max_length=60, unique=True, help_text="Dipakai sebagai nama folder arsip.")
    jenis = models.CharField("jenis", max_length=20, choices=Jenis.choices)
    aktif = models.BooleanField("ikut jadwal harian", default=True)
    host = models.CharField("host", max_length=255, blank=True)
    port = models.PositiveIntegerField("port", default=5432)
    nama_db = models.CharField("nama basis data", max_length=120, blank=True)
    pengguna = models.CharField("pengguna basis data", max_length=120, blank=True)
    # The password never enters the database: only where to find it.
    password_env = models.CharField(
        "variabel lingkungan kata sandi",
        max_length=100,
        blank=True,
        help_text="Nama variabel lingkungan yang berisi kata sandi, mis. SPSE_DB_PASSWORD.",
    )
    password_file = models.CharField(
        "berkas kata sandi",
        max_length=500,
        blank=True,
        help_text="Path absolut berkas yang berisi kata sandi (mis. /etc/lpse/spse-db.pass).",
    )
    path = models.CharField("path", max_length=500, blank=True, help_text="Path absolut direktori atau berkas SQLite.")
    include = models.TextField("pola disertakan", blank=True, help_text="Satu pola per baris, mis. *.conf")
    exclude = models.TextField("pola dikecualikan", blank=True, help_text="Satu pola per baris, mis. *.log")
    dibuat = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(table_name="infrastruktur_historicalbackupsource")

    class Meta:
        db_table = "infrastruktur_backupsource"
        verbose_name = "sumber backup"
        verbose_name_plural = "sumber backup"
        ordering = ["nama"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(jenis="postgres") | (~Q(host="") & ~Q(nama_db="") & ~Q(pengguna="")),
                name="backup_sumber_postgres_lengkap",
            ),
            models.CheckConstraint(
                condition=~Q(jenis__in=["sqlite", "direktori"]) | ~Q(path=""),
                name="backup_sumber_path_wajib",
            ),
        ]

    def __str__(self):
        return self.nama

    def clean(self):
        errors = {}
        if self.jenis == self.Jenis.POSTGRES:
            for name in ("host", "nama_db", "pengguna"):
                if not getattr(self, name).strip():
                    errors[name] = "Wajib diisi untuk basis data PostgreSQL."
            if self.password_env and not ENV_NAME.match(self.password_env):
                errors["password_env"] = "Nama variabel lingkungan hanya huruf besar, angka dan garis bawah."  # noqa: S105 - a form error, not a password
            if self.password_file and not Path(self.password_file).is_absolute():
                errors["password_file"] = "Path berkas kata sandi harus absolut."  # noqa: S105 - a form error, not a password
            if self.password_env and self.password_file:
                errors["password_file"] = "Pilih salah satu: variabel lingkungan atau berkas kata sandi."  # noqa: S105 - a form error, not a password
        if self.jenis in (self.Jenis.SQLITE, self.Jenis.DIREKTORI):
            if not self.path.strip():
                errors["path"] = "Path wajib diisi."
            elif not Path(self.path).is_absolute() or ".." in Path(self.path).parts:
                errors["path"] = "Path harus absolut (diawali /) dan tanpa '..'."
            elif self.jenis == self.Jenis.DIREKTORI:
                backup_root = Path(settings.BACKUP_ROOT).resolve()
                path = Path(self.path).resolve()
                if path == backup_root or backup_root in path.parents or path in backup_root.parents:
                    errors["path"] = "Direktori ini berisi atau berada di dalam folder backup (BACKUP_ROOT)."
        if errors:
            raise ValidationError(errors)

    def patterns(self, field: str) -> list[str]:
        return [line.strip() for line in getattr(self, field).splitlines() if line.strip()]

    def password(self) -> str:
        """The password, read at run time from the environment or a file; never stored."""
        if self.password_env:
            value = os.environ.get(self.password_env)
            if value is None:
                raise ValidationError(f"Variabel lingkungan {self.password_env} (kata sandi {self.nama}) tidak ada.")
            return value
        if self.password_file:
            try:
                return Path(self.password_file).read_text().strip()
            except OSError as exc:
                raise ValidationError(
                    f"Berkas kata sandi {self.password_file} tidak dapat dibaca: {exc.strerror}."
                ) from exc
        return ""


class BackupRun(models.Model):
    """One backup of one source: dump, verification, and what became of the archive."""

    class Status(models.TextChoices):
        ANTRI = "antri", "Menunggu"
        BERJALAN = "berjalan", "Berjalan"
        BERHASIL = "berhasil", "Berhasil"
        GAGAL = "gagal", "Gagal"

    class Fase(models.TextChoices):
        ANTRI = "antri", "Dalam antrean"
        DUMP = "dump", "Membuat arsip"
        VERIFIKASI = "verifikasi", "Uji pemulihan"
        SELESAI = "selesai", "Selesai"

    ACTIVE = (Status.ANTRI, Status.BERJALAN)

    sumber = models.ForeignKey(BackupSource, on_delete=models.PROTECT, related_name="runs", verbose_name="sumber")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ANTRI)
    fase = models.CharField(max_length=12, choices=Fase.choices, default=Fase.ANTRI)
    bytes_selesai = models.BigIntegerField("byte diproses", default=0)
    dimulai_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dibuat = models.DateTimeField(auto_now_add=True)
    mulai = models.DateTimeField(null=True, blank=True)
    selesai = models.DateTimeField(null=True, blank=True)
    # The lock on the source: renewed while the worker makes progress, so a
    # killed worker's run expires and the source can be backed up again.
    lease_sampai = models.DateTimeField(null=True, blank=True)
    arsip = models.CharField("arsip", max_length=300, blank=True, help_text="Relatif terhadap BACKUP_ROOT.")
    ukuran = models.BigIntegerField("ukuran arsip", null=True, blank=True)
    sha256 = models.CharField("SHA-256 arsip", max_length=64, blank=True)
    manifest = models.JSONField(default=dict, blank=True)
    verifikasi_ok = models.BooleanField(null=True, blank=True)
    verifikasi_pada = models.DateTimeField(null=True, blank=True)
    pesan = models.TextField("keterangan", blank=True)
    cek_ulang_pada = models.DateTimeField("cek ulang terakhir", null=True, blank=True)
    cek_ulang_ok = models.BooleanField(null=True, blank=True)
    dipangkas_pada = models.DateTimeField("arsip dihapus (retensi)", null=True, blank=True)
    history = HistoricalRecords(
        table_name="infrastruktur_historicalbackuprun", excluded_fields=["bytes_selesai", "fase", "lease_sampai"]
    )

    class Meta:
        db_table = "infrastruktur_backuprun"
        verbose_name = "backup"
        verbose_name_plural = "backup"
        ordering = ["-dibuat"]
        indexes = [models.Index(fields=["sumber", "status", "-dibuat"], name="backup_run_sumber_status")]
        constraints = [
            models.UniqueConstraint(
                fields=["sumber"], condition=Q(status__in=["antri", "berjalan"]), name="backup_satu_run_aktif"
            ),
            # "berhasil" only with a complete, checksummed and verified archive.
            models.CheckConstraint(
                condition=~Q(status="berhasil") | (Q(verifikasi_ok=True) & ~Q(sha256="") & ~Q(arsip="")),
                name="backup_berhasil_terverifikasi",
            ),
        ]

    def __str__(self):
        return f"Backup #{self.pk} {self.sumber}"

    @property
    def arsip_path(self) -> Path:
        return Path(settings.BACKUP_ROOT) / self.arsip

    @property
    def manifest_path(self) -> Path:
        return self.arsip_path.with_name(self.arsip_path.name.removesuffix(".lpsebak") + ".manifest.json")

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE


class BackupPolicy(models.Model):
    """Retention (grandfather-father-son) and the off-site rule; one row, editable by staff."""

    harian = models.PositiveSmallIntegerField("simpan harian", default=7)
    mingguan = models.PositiveSmallIntegerField("simpan mingguan", default=4)
    bulanan = models.PositiveSmallIntegerField("simpan bulanan", default=12)
    hari_offsite = models.PositiveSmallIntegerField(
        "batas hari tanpa salinan di luar ruang server", default=7, help_text="Pasal 18 ayat 2."
    )
    history = HistoricalRecords(table_name="infrastruktur_historicalbackuppolicy")

    class Meta:
        db_table = "infrastruktur_backuppolicy"
        verbose_name = "kebijakan backup"
        verbose_name_plural = "kebijakan backup"
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="backup_kebijakan_tunggal"),
            models.CheckConstraint(condition=Q(harian__gte=1), name="backup_kebijakan_harian_min_1"),
            models.CheckConstraint(condition=Q(hari_offsite__gte=1), name="backup_kebijakan_offsite_min_1"),
        ]

    def __str__(self):
        return f"Retensi {self.harian}/{self.mingguan}/{self.bulanan}"

    @classmethod
    def current(cls) -> "BackupPolicy":
        """The policy row, or an unsaved one with the defaults: a read never writes (the edit page saves it)."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)


class PruneLog(models.Model):
    """Each archive removed by the retention rule, and why."""

    run = models.ForeignKey(BackupRun, on_delete=models.CASCADE, related_name="prune_logs")
    waktu = models.DateTimeField(auto_now_add=True)
    arsip = models.CharField(max_length=300)
    sha256 = models.CharField(max_length=64, blank=True)
    alasan = models.CharField(max_length=255)

    class Meta:
        db_table = "infrastruktur_prunelog"
        verbose_name = "log pemangkasan backup"
        verbose_name_plural = "log pemangkasan backup"
        ordering = ["-waktu"]

    def __str__(self):
        return f"{self.arsip} dihapus {self.waktu:%Y-%m-%d}"


class MediaBackup(models.Model):
    """A portable medium (Pasal 18(2)): an asset of the register (issue 6: "portable media are assets").

    The asset row (kind ``media_backup``) carries what every asset has — the
    register's name, location, status, CIA ratings; this row adds what only a
    backup medium has. Both are written together by ``backup.services.medium_save``.
    """

    class Enkripsi(models.TextChoices):
        ARSIP = "arsip", "Hanya arsip (AES-256-GCM oleh portal)"
        LUKS = "luks", "LUKS"
        BITLOCKER = "bitlocker", "BitLocker"
        VERACRYPT = "veracrypt", "VeraCrypt"
        PERANGKAT = "perangkat", "Enkripsi perangkat keras"

    aset = models.OneToOneField(
        Aset,
        on_delete=models.PROTECT,
        related_name="media_backup",
        limit_choices_to={"jenis": Aset.Jenis.MEDIA_BACKUP},
        verbose_name="aset",
    )
    label = models.CharField("label", max_length=60, unique=True)
    serial = models.CharField("nomor seri", max_length=100, blank=True)
    kapasitas_gb = models.PositiveIntegerField("kapasitas (GB)")
    enkripsi = models.CharField("enkripsi", max_length=12, choices=Enkripsi.choices, default=Enkripsi.ARSIP)
    aktif = models.BooleanField("masih dipakai", default=True)
    catatan = models.TextField("catatan", blank=True)
    history = HistoricalRecords(table_name="infrastruktur_historicalmediabackup")

    class Meta:
        db_table = "infrastruktur_mediabackup"
        verbose_name = "media backup"
        verbose_name_plural = "media backup"
        ordering = ["label"]

    def __str__(self):
        return f"{self.label} ({self.kapasitas_gb} GB)"


class MediaCopy(models.Model):
    """Backups copied to a medium: which (by checksum), who, when, and where the medium is kept."""

    class Status(models.TextChoices):
        BERHASIL = "berhasil", "Terverifikasi"
        GAGAL = "gagal", "Gagal verifikasi"

    medium = models.ForeignKey(MediaBackup, on_delete=models.PROTECT, related_name="salinan", verbose_name="media")
    runs = models.ManyToManyField(BackupRun, related_name="salinan_media", verbose_name="backup")
    checksums = models.JSONField("checksum", default=list)
    disalin_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    disalin_pada = models.DateTimeField("waktu salin")
    path_media = models.CharField("folder di media", max_length=500, blank=True)
    lokasi_simpan = models.CharField("lokasi penyimpanan media", max_length=255)
    terpisah_dari_ruang_server = models.BooleanField("lokasi terpisah dari ruang server", default=False)
    status = models.CharField(max_length=10, choices=Status.choices)
    pesan = models.TextField("keterangan", blank=True)
    diserahkan_kepada = models.CharField("diserahkan kepada", max_length=120, blank=True)
    jabatan_penerima = models.CharField("jabatan penerima", max_length=120, blank=True)
    berita_acara = models.ForeignKey(
        "lpse.Dokumen", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="berita acara"
    )
    history = HistoricalRecords(table_name="infrastruktur_historicalmediacopy")

    class Meta:
        db_table = "infrastruktur_mediacopy"
        verbose_name = "salinan media backup"
        verbose_name_plural = "salinan media backup"
        ordering = ["-disalin_pada"]
        indexes = [models.Index(fields=["medium", "-disalin_pada"], name="backup_salinan_medium")]
        constraints = [
            # Pasal 18(2): "diletakkan di suatu tempat yang aman terpisah dari ruang server".
            models.CheckConstraint(
                condition=Q(terpisah_dari_ruang_server=True), name="backup_salinan_offsite_pasal_18_2"
            ),
            models.CheckConstraint(condition=~Q(lokasi_simpan=""), name="backup_salinan_lokasi_wajib"),
        ]

    def __str__(self):
        return f"Salinan ke {self.medium.label} {self.disalin_pada:%Y-%m-%d}"

    def clean(self):
        if not self.terpisah_dari_ruang_server:
            raise ValidationError(
                {
                    "terpisah_dari_ruang_server": "Media backup wajib disimpan di tempat yang aman terpisah dari "
                    "ruang server (Perbup Karo 02/2017 Pasal 18 ayat 2)."
                }
            )
        if self.lokasi_simpan.strip().lower().startswith("ruang server"):
            raise ValidationError(
                {"lokasi_simpan": "Lokasi ini adalah ruang server; pilih tempat lain (Pasal 18 ayat 2)."}
            )
