"""What every bidang shares: people, their organisations, announcements and
official documents."""

import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .uploads import PrivateUploadTo

nip_validator = RegexValidator(r"^\d{18}$", "NIP harus 18 digit angka.")
nik_validator = RegexValidator(r"^\d{16}$", "NIK harus 16 digit angka.")
phone_validator = RegexValidator(
    r"^\+?[0-9 ()\-]{6,20}$", "Nomor telepon hanya boleh berisi angka, spasi, tanda kurung, + dan -."
)


class AksesPortal(models.Model):
    """Table-less holder of portal-wide access permissions (see lpse.roles)."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("akses_staf", "Membuka dasbor staf LPSE"),
            ("akses_sekretariat", "Membuka halaman Sekretariat"),
            ("akses_infrastruktur", "Membuka halaman Bidang Administrasi Sistem Elektronik"),
            ("akses_registrasi", "Membuka halaman Bidang Registrasi dan Verifikasi"),
            ("akses_layanan", "Membuka halaman Bidang Layanan dan Dukungan"),
            ("akses_monitoring", "Melihat monitoring server SPSE (Pasal 17 ayat 6)"),
        ]

    def __str__(self) -> str:
        return "akses"


class Instansi(models.Model):
    """An organisation whose people use the LPSE; Pasal 4(2) allows BUMD and
    non-government organisations besides the kabupaten's own OPD."""

    class Jenis(models.TextChoices):
        OPD = "opd", "Perangkat Daerah (OPD)"
        BUMD = "bumd", "BUMD"
        NON_PEMERINTAH = "non_pemerintah", "Organisasi non-pemerintah"
        INSTANSI_LAIN = "lain", "Instansi pemerintah lain"

    nama = models.CharField("nama instansi", max_length=200, unique=True)
    singkatan = models.CharField(max_length=40, blank=True)
    jenis = models.CharField(max_length=20, choices=Jenis.choices, default=Jenis.OPD)
    alamat = models.CharField(max_length=255, blank=True)
    aktif = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["nama"]
        verbose_name_plural = "instansi"

    def __str__(self) -> str:
        return self.nama


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("Email wajib diisi.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in: LPSE staff, vendors, officials, LKPP.

    ``is_staff`` only opens the Django admin (technical administrators); LPSE
    roles are groups, see lpse.roles.
    """

    email = models.EmailField("email", unique=True)
    nama_lengkap = models.CharField("nama lengkap", max_length=150)
    telepon = models.CharField("telepon", max_length=20, blank=True, validators=[phone_validator])
    nip = models.CharField("NIP", max_length=18, blank=True, validators=[nip_validator])
    nik = models.CharField("NIK", max_length=16, blank=True, validators=[nik_validator])
    instansi = models.ForeignKey(Instansi, null=True, blank=True, on_delete=models.PROTECT, related_name="users")
    jabatan = models.CharField(max_length=150, blank=True)
    is_active = models.BooleanField("aktif", default=True)
    is_staff = models.BooleanField("akses admin teknis", default=False)
    date_joined = models.DateTimeField("terdaftar", default=timezone.now)
    # Role changes are recorded too (m2m history): who gave whom which role, and when.
    history = HistoricalRecords(excluded_fields=["password", "last_login"], m2m_fields=["groups"])

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["nama_lengkap"]

    class Meta:
        verbose_name = "pengguna"
        verbose_name_plural = "pengguna"
        ordering = ["nama_lengkap"]

    def __str__(self) -> str:
        return self.nama_lengkap or self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self) -> str:
        return self.nama_lengkap

    def get_short_name(self) -> str:
        """The name without academic titles: "Drs. Ardi Sembiring, M.Si." → "Ardi Sembiring"."""
        name = self.nama_lengkap.split(",")[0]
        words = [w for w in name.split() if not w.endswith(".")]
        return " ".join(words) or self.nama_lengkap or self.email

    @property
    def role_names(self) -> set[str]:
        """Names of the user's groups, from the permission cache (lpse.auth), kept for the request."""
        if not hasattr(self, "_role_names"):
            from .auth import user_access

            self._role_names = set(user_access(self)["roles"])
        return self._role_names


class PengumumanQuerySet(models.QuerySet):
    def active(self, at=None):
        at = at or timezone.now()
        return self.filter(Q(mulai__lte=at), Q(selesai__isnull=True) | Q(selesai__gt=at))


class Pengumuman(models.Model):
    """An announcement on the public pages.

    Kinds follow the regulation: technical problems (Pasal 14 huruf d) and
    maintenance (Pasal 17 ayat 4) are announced to SPSE users.
    """

    class Jenis(models.TextChoices):
        UMUM = "umum", "Umum"
        GANGGUAN = "gangguan", "Gangguan teknis"
        PEMELIHARAAN = "pemeliharaan", "Pemeliharaan"
        PELATIHAN = "pelatihan", "Pelatihan"

    jenis = models.CharField(max_length=20, choices=Jenis.choices, default=Jenis.UMUM)
    judul = models.CharField(max_length=200)
    isi = models.TextField()
    mendesak = models.BooleanField(
        "mendesak", default=False, help_text="Pengumuman mendesak tampil sebagai spanduk di setiap halaman."
    )
    mulai = models.DateTimeField("tampil mulai", default=timezone.now)
    selesai = models.DateTimeField("tampil sampai", null=True, blank=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dibuat = models.DateTimeField(auto_now_add=True)
    diubah = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = PengumumanQuerySet.as_manager()

    class Meta:
        ordering = ["-mulai", "-id"]
        verbose_name_plural = "pengumuman"
        indexes = [models.Index(fields=["-mulai", "-id"], name="pengumuman_mulai_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(selesai__isnull=True) | Q(selesai__gt=models.F("mulai")),
                name="pengumuman_selesai_setelah_mulai",
                violation_error_message="Waktu selesai harus setelah waktu mulai.",
            )
        ]

    def __str__(self) -> str:
        return self.judul

    def get_absolute_url(self) -> str:
        return reverse("lpse:pengumuman-detail", args=[self.pk])


class DocumentCounter(models.Model):
    """The last number given to a kind of document in a year.

    Locked with SELECT … FOR UPDATE while a number is taken, so two requests
    never get the same number and no number is skipped.
    """

    kode = models.CharField(max_length=20)
    tahun = models.PositiveIntegerField()
    terakhir = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kode", "tahun"], name="document_counter_unik")]

    def __str__(self) -> str:
        return f"{self.kode}/{self.tahun}: {self.terakhir}"


def _token() -> str:
    return secrets.token_urlsafe(24)


class Dokumen(models.Model):
    """An official document the portal issued: its number, its PDF and the
    PDF's SHA-256, which the public verification page shows."""

    kode = models.CharField("kode jenis", max_length=20)
    jenis = models.CharField("jenis dokumen", max_length=150)
    nomor = models.CharField(max_length=80, unique=True)
    urut = models.PositiveIntegerField("nomor urut")
    tahun = models.PositiveIntegerField()
    perihal = models.CharField(max_length=255)
    tanggal = models.DateTimeField(default=timezone.now)
    token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    # What readers get: the draft stamped KONSEP until the first signature, then the signed PDF.
    pdf = models.FileField(upload_to="dokumen/%Y/", blank=True)
    # The clean render the first signer signs (only for documents with signers; never served).
    pdf_dasar = models.FileField(upload_to="dokumen/dasar/%Y/", blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    # What the document is for ("sertifikat-pelatihan/12"): issuing again with
    # the same key — a task run again after its worker died — returns this
    # document and its number instead of taking a new one.
    kunci = models.CharField(max_length=100, unique=True, null=True, blank=True, editable=False)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-tanggal", "-id"]
        verbose_name_plural = "dokumen"
        constraints = [models.UniqueConstraint(fields=["kode", "tahun", "urut"], name="dokumen_urut_unik")]

    def __str__(self) -> str:
        return f"{self.jenis} {self.nomor}"

    def get_verification_url(self) -> str:
        return reverse("lpse:dokumen-verifikasi", args=[self.token])

    @property
    def is_draft(self) -> bool:
        """A document is a draft (KONSEP) until every signer named on it has signed."""
        return any(t.ditandatangani is None for t in self.tanda_tangan.all())


class SertifikatPenandatangan(models.Model):
    """The signing certificate of an official (lpse.signing).

    Only the public certificate and where the key lives are stored here: for
    PKCS#12 an encrypted file under ``SIGNING_DIR`` (never served), for PKCS#11
    the key's label on the token, for the remote service the signer's NIK. The
    passphrase is never stored.
    """

    class Backend(models.TextChoices):
        PKCS12 = "pkcs12", "Berkas PKCS#12"
        PKCS11 = "pkcs11", "Token PKCS#11"
        REMOTE = "remote", "Layanan tanda tangan jarak jauh"

    pengguna = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="sertifikat_ttd")
    backend = models.CharField(max_length=10, choices=Backend.choices, default=Backend.PKCS12)
    subjek = models.CharField(max_length=255)
    penerbit = models.CharField(max_length=255)
    nomor_seri = models.CharField("nomor seri", max_length=80)
    berlaku_mulai = models.DateTimeField()
    berlaku_sampai = models.DateTimeField()
    # The signer's certificate first, then its chain (PEM).
    sertifikat_pem = models.TextField()
    berkas = models.CharField("berkas kunci", max_length=255, blank=True)
    label_token = models.CharField(max_length=100, blank=True)
    nik = models.CharField("NIK", max_length=16, blank=True, validators=[nik_validator])
    aktif = models.BooleanField(default=True)
    dibuat = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "sertifikat penandatangan"
        verbose_name_plural = "sertifikat penandatangan"
        constraints = [
            models.UniqueConstraint(
                fields=["pengguna"], condition=Q(aktif=True), name="satu_sertifikat_aktif_per_pengguna"
            )
        ]

    def __str__(self) -> str:
        return f"{self.subjek} ({self.get_backend_display()})"


class TandaTanganDokumen(models.Model):
    """One signature a document needs, in order; signed when ``ditandatangani`` is set."""

    dokumen = models.ForeignKey(Dokumen, on_delete=models.CASCADE, related_name="tanda_tangan")
    urutan = models.PositiveSmallIntegerField()
    penandatangan = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    peran = models.CharField("sebagai", max_length=100, blank=True)
    ditandatangani = models.DateTimeField(null=True, blank=True)
    sertifikat = models.ForeignKey(
        SertifikatPenandatangan, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # SHA-256 of the PDF right after this signature: an earlier, partly signed
    # copy is still recognised as the portal's own by the verification page.
    sha256_sesudah = models.CharField(max_length=64, blank=True)
    # The signer asked and the worker has not answered yet (lpse.tasks.dokumen_sign);
    # ``galat`` is its refusal (wrong passphrase, revoked certificate), shown on their page.
    diminta = models.DateTimeField("diminta pada", null=True, blank=True)
    galat = models.CharField("penolakan terakhir", max_length=500, blank=True)

    class Meta:
        ordering = ["dokumen", "urutan"]
        verbose_name = "tanda tangan dokumen"
        verbose_name_plural = "tanda tangan dokumen"
        constraints = [models.UniqueConstraint(fields=["dokumen", "urutan"], name="ttd_urutan_unik")]

    def __str__(self) -> str:
        return f"{self.dokumen.nomor} #{self.urutan} {self.penandatangan}"


class Heartbeat(models.Model):
    """Last time a named process reported in; /healthz reads the worker's."""

    name = models.CharField(max_length=50, unique=True)
    last_seen = models.DateTimeField()

    def __str__(self) -> str:
        return self.name


class EmailOutbox(models.Model):
    """A mail written in the same transaction as the change it reports.

    The worker sends it after commit; if the broker or the mail server is down
    the row waits and the periodic ``flush_outbox`` task sends it later, so no
    notice is lost (Pasal 10(6)f: the applicant must be told the outcome).
    """

    subjek = models.CharField(max_length=255)
    isi = models.TextField()
    penerima = models.JSONField(default=list)
    dibuat = models.DateTimeField(auto_now_add=True)
    terkirim = models.DateTimeField(null=True, blank=True)
    percobaan = models.PositiveSmallIntegerField(default=0)
    galat_terakhir = models.TextField(blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["dibuat"], condition=Q(terkirim__isnull=True), name="outbox_belum_terkirim_idx")
        ]

    def __str__(self) -> str:
        return self.subjek


class DailyTotal(models.Model):
    """One additive figure of one bidang for one day (lpse.totals): the year pages sum these
    instead of scanning a year of tickets, registrations and samples."""

    tanggal = models.DateField()
    bidang = models.CharField(max_length=40)
    kunci = models.CharField(max_length=100)
    nilai = models.FloatField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["bidang", "tanggal", "kunci"], name="dailytotal_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.bidang} {self.tanggal} {self.kunci}={self.nilai}"


class DailyTotalRange(models.Model):
    """The days [dari, sampai) of a bidang whose totals are computed (the watermark)."""

    bidang = models.CharField(max_length=40, unique=True)
    dari = models.DateField()
    sampai = models.DateField()

    def __str__(self) -> str:
        return f"{self.bidang} {self.dari}–{self.sampai}"


class DailyTotalDirty(models.Model):
    """A day whose totals a change made stale; recomputed before anyone reads it.

    One row per change, written in the change's own transaction: a refresh deletes
    only the rows it read, so a change that lands while it computes stays marked.
    """

    bidang = models.CharField(max_length=40)
    tanggal = models.DateField()

    class Meta:
        indexes = [models.Index(fields=["bidang", "tanggal"], name="dailytotaldirty_idx")]

    def __str__(self) -> str:
        return f"{self.bidang} {self.tanggal}"


class ImportRecord(models.Model):
    """One spreadsheet brought in through lpse.imports: who, when, which kind,
    the file's SHA-256 and what it did. The uploaded file stays in private
    media; nothing from it is written until the import is confirmed."""

    class Status(models.TextChoices):
        PRATINJAU = "pratinjau", "Menunggu konfirmasi"
        ANTRE = "antre", "Dalam antrean"
        BERJALAN = "berjalan", "Sedang diimpor"
        SELESAI = "selesai", "Selesai"
        GAGAL = "gagal", "Gagal (tidak ada yang disimpan)"
        DIBATALKAN = "dibatalkan", "Dibatalkan"

    jenis = models.CharField("jenis impor", max_length=40)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PRATINJAU)
    berkas = models.FileField(upload_to=PrivateUploadTo("impor"), max_length=200, blank=True)
    nama_asli = models.CharField("nama berkas", max_length=255)
    sha256 = models.CharField(max_length=64)
    diunggah_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    diunggah = models.DateTimeField(default=timezone.now)
    dikonfirmasi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    dikonfirmasi = models.DateTimeField(null=True, blank=True)
    selesai = models.DateTimeField(null=True, blank=True)
    jumlah_baris = models.PositiveIntegerField(default=0)
    jumlah_baru = models.PositiveIntegerField("dibuat", default=0)
    jumlah_ubah = models.PositiveIntegerField("diperbarui", default=0)
    jumlah_sama = models.PositiveIntegerField("tidak berubah", default=0)
    jumlah_tolak = models.PositiveIntegerField("ditolak", default=0)
    # The preview: rejected rows with their reasons and a sample of the rest.
    pratinjau = models.JSONField(default=dict, blank=True)
    galat = models.TextField(blank=True)

    class Meta:
        ordering = ["-diunggah", "-id"]
        verbose_name = "catatan impor"
        verbose_name_plural = "catatan impor"
        indexes = [models.Index(fields=["jenis", "-diunggah"], name="impor_jenis_idx")]

    def __str__(self) -> str:
        return f"{self.jenis} {self.nama_asli} ({self.get_status_display()})"

    @property
    def sedang_diproses(self) -> bool:
        return self.status in (self.Status.ANTRE, self.Status.BERJALAN)


class DailyRun(models.Model):
    """One row per daily SOP task per day (Asia/Jakarta): the claim that makes
    a daily task run once even when two beats queue it by mistake
    (``lpse.schedules.once_per_day``)."""

    task = models.CharField(max_length=200)
    tanggal = models.DateField()
    mulai = models.DateTimeField()
    selesai = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "jalannya tugas harian"
        verbose_name_plural = "jalannya tugas harian"
        constraints = [models.UniqueConstraint(fields=["task", "tanggal"], name="dailyrun_task_tanggal_unik")]

    def __str__(self) -> str:
        return f"{self.task} {self.tanggal}"


class UnduhDokumen(models.Model):
    """Audit: who downloaded a document holding personal data, when, from where
    (see lpse.document_kinds)."""

    dokumen = models.ForeignKey(Dokumen, on_delete=models.CASCADE, related_name="unduhan")
    pengguna = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    waktu = models.DateTimeField(default=timezone.now)
    alamat_ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        verbose_name = "unduhan dokumen"
        verbose_name_plural = "unduhan dokumen"
        ordering = ["-waktu"]

    def __str__(self) -> str:
        return f"{self.pengguna} → {self.dokumen.nomor} {self.waktu:%Y-%m-%d %H:%M}"
