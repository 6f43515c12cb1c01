"""Account requests and the register of SPSE users."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from lpse.models import Dokumen, Instansi, nik_validator
from lpse.uploads import PrivateUploadTo

from .common import PeranPejabat
from .pendaftaran import Pendaftaran


class PermohonanAkun(models.Model):
    """A request about an existing SPSE account (contact, User ID, SPSE password, company data,
    renewal), with its evidence and a tanda terima."""

    class Jenis(models.TextChoices):
        UBAH_KONTAK = "ubah_kontak", "Perubahan email/kontak"
        LUPA_USER_ID = "lupa_user_id", "Lupa User ID"
        RESET_PASSWORD = "reset_password", "Reset kata sandi SPSE"
        UBAH_DATA = "ubah_data", "Perubahan data perusahaan"
        PERPANJANGAN = "perpanjangan", "Perpanjangan masa berlaku jabatan/izin usaha"

    class Status(models.TextChoices):
        DIAJUKAN = "diajukan", "Menunggu diproses"
        SELESAI = "selesai", "Selesai"
        DITOLAK = "ditolak", "Ditolak"

    # Kinds that change recorded data need the document that proves the change.
    BUTUH_BUKTI = (Jenis.UBAH_DATA, Jenis.PERPANJANGAN)

    pendaftaran = models.ForeignKey(Pendaftaran, on_delete=models.PROTECT, related_name="permohonan_akun")
    jenis = models.CharField(max_length=20, choices=Jenis.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DIAJUKAN)
    pemohon = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uraian = models.TextField("uraian permohonan")
    berlaku_sampai_baru = models.DateField("masa berlaku baru", null=True, blank=True)
    bukti = models.FileField("dokumen pendukung", upload_to=PrivateUploadTo("layanan-akun"), max_length=200, blank=True)
    bukti_nama = models.CharField(max_length=255, blank=True)
    dibuat = models.DateTimeField(default=timezone.now)
    diproses_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    diproses_pada = models.DateTimeField(null=True, blank=True)
    catatan = models.TextField("catatan petugas", blank=True)
    tanda_terima = models.ForeignKey(Dokumen, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "permohonan layanan akun"
        ordering = ["-dibuat", "-id"]
        indexes = [models.Index(fields=["status", "-dibuat"], name="permohonan_akun_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(jenis="perpanjangan") | Q(berlaku_sampai_baru__isnull=False),
                name="permohonan_perpanjangan_ada_tanggal",
                violation_error_message="Perpanjangan memerlukan tanggal masa berlaku baru.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.pendaftaran}"


class PenggunaSpse(models.Model):
    """An SPSE user made outside this portal: registered and verified in SPSE
    before the LPSE adopted the portal, brought in from SPSE's user export
    (Pasal 4(1)d). Recorded as already verified, with the source; never sent
    through the Pasal 13 verification again. Staff may invite them to set a
    portal password (the account is made then)."""

    class Jenis(models.TextChoices):
        PENYEDIA = "penyedia", "Penyedia"
        NON_PENYEDIA = "non_penyedia", "Non Penyedia"

    class Status(models.TextChoices):
        AKTIF = "aktif", "Aktif"
        NONAKTIF = "nonaktif", "Nonaktif"

    user_id = models.CharField("User ID SPSE", max_length=30, unique=True)
    nama = models.CharField(max_length=200)
    jenis = models.CharField(max_length=15, choices=Jenis.choices, default=Jenis.PENYEDIA)
    npwp = models.CharField("NPWP", max_length=16, blank=True, help_text="Penyedia; disimpan 16 digit.")
    nik = models.CharField("NIK", max_length=16, blank=True, validators=[nik_validator])
    email = models.EmailField(blank=True)
    instansi = models.ForeignKey(Instansi, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    peran = models.CharField("peran di SPSE", max_length=40, choices=PeranPejabat.choices, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.AKTIF)
    tanggal_daftar = models.DateField("terdaftar di SPSE", null=True, blank=True)
    tanggal_verifikasi = models.DateField("diverifikasi", null=True, blank=True)
    sumber = models.CharField(
        max_length=200, help_text="Dari mana data ini: berkas ekspor SPSE yang diimpor, dengan nomor impornya."
    )
    impor = models.ForeignKey(
        "lpse.ImportRecord", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    akun = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="pengguna_spse"
    )
    diundang = models.DateTimeField("diundang ke portal", null=True, blank=True)
    dibuat = models.DateTimeField(default=timezone.now, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "pengguna SPSE"
        verbose_name_plural = "pengguna SPSE"
        ordering = ["nama", "user_id"]
        indexes = [
            models.Index(fields=["npwp"], name="pengguna_spse_npwp_idx"),
            models.Index(fields=["jenis", "status"], name="pengguna_spse_jenis_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.nama} ({self.user_id})"
