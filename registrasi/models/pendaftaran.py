"""A registration, its uploaded documents, its decision and the NIK/NPWP access audit (Pasal 4(1)d, 13)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils import timezone
from simple_history.models import HistoricalRecords

from lpse.models import Dokumen, Instansi, nik_validator, phone_validator
from lpse.uploads import PrivateUploadTo

from .common import BentukUsaha, JenisDokumen, PeranPejabat, _mask, _token


class Pendaftaran(models.Model):
    """One application to become an SPSE user, kept with all its rounds (Pasal 10(6)e)."""

    class Jenis(models.TextChoices):
        PENYEDIA = "penyedia", "Penyedia barang/jasa"
        PEJABAT = "pejabat", "Pengguna selain penyedia"

    class Status(models.TextChoices):
        MENUNGGU_KONFIRMASI = "menunggu_konfirmasi", "Menunggu konfirmasi email"
        DIAJUKAN = "diajukan", "Menunggu verifikasi"
        DIKEMBALIKAN = "dikembalikan", "Dikembalikan untuk perbaikan"
        DISETUJUI = "disetujui", "Disetujui"
        DIBATALKAN = "dibatalkan", "Dibatalkan"

    # An application in any of these states holds its NPWP and email: a second one is refused.
    AKTIF = (Status.MENUNGGU_KONFIRMASI, Status.DIAJUKAN, Status.DIKEMBALIKAN, Status.DISETUJUI)

    jenis = models.CharField(max_length=10, choices=Jenis.choices, default=Jenis.PENYEDIA)
    status = models.CharField(max_length=25, choices=Status.choices, default=Status.MENUNGGU_KONFIRMASI)
    nomor = models.CharField("nomor pendaftaran", max_length=30, unique=True, null=True, blank=True)
    token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    token_konfirmasi = models.CharField(max_length=64, unique=True, default=_token, editable=False)

    # Badan usaha (vendors only)
    nama_badan_usaha = models.CharField("nama badan usaha", max_length=200, blank=True)
    bentuk_usaha = models.CharField("bentuk usaha", max_length=30, choices=BentukUsaha.choices, blank=True)
    npwp = models.CharField("NPWP", max_length=16, blank=True, help_text="Disimpan dalam bentuk 16 digit.")
    nib = models.CharField("NIB", max_length=13, blank=True)
    alamat = models.CharField("alamat", max_length=255)
    provinsi = models.CharField(max_length=100)
    kabupaten_kota = models.CharField("kabupaten/kota", max_length=100)
    kode_pos = models.CharField("kode pos", max_length=5, blank=True)
    telepon = models.CharField(max_length=20, validators=[phone_validator])
    email = models.EmailField()

    # The person responsible (vendor) or the official themself
    pj_nama = models.CharField("nama", max_length=150)
    pj_nik = models.CharField("NIK", max_length=16, validators=[nik_validator])
    pj_jabatan = models.CharField("jabatan", max_length=150)
    # The contact who will hold the SPSE User ID
    kontak_nama = models.CharField("nama kontak", max_length=150, blank=True)
    kontak_telepon = models.CharField("telepon kontak", max_length=20, blank=True, validators=[phone_validator])
    user_id_diminta = models.CharField("User ID yang diminta", max_length=30)

    # Officials (Pasal 13(1)b, 13(7))
    peran = models.CharField("peran di SPSE", max_length=40, choices=PeranPejabat.choices, blank=True)
    instansi = models.ForeignKey(Instansi, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    nip = models.CharField("NIP", max_length=18, blank=True)
    nomor_sk = models.CharField("nomor surat tugas/SK", max_length=100, blank=True)
    masa_berlaku_sampai = models.DateField("masa berlaku jabatan sampai", null=True, blank=True)

    dibuat = models.DateTimeField(auto_now_add=True)
    email_dikonfirmasi = models.DateTimeField(null=True, blank=True)
    diajukan = models.DateTimeField("diajukan", null=True, blank=True)
    batas_sla = models.DateTimeField("batas SLA", null=True, blank=True)
    putaran = models.PositiveSmallIntegerField(default=1)
    verifikator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # What the last rejection asked to fix (Pasal 10(4)); the applicant may touch only these.
    perbaikan_dokumen = models.JSONField(default=list, blank=True)
    perbaikan_field = models.JSONField(default=list, blank=True)
    user_id_spse = models.CharField("User ID SPSE", max_length=30, blank=True)
    izin_berlaku_sampai = models.DateField(
        "masa berlaku surat izin usaha",
        null=True,
        blank=True,
        help_text="Isi bila tercantum pada surat izin; LPSE mengingatkan 30 hari sebelum berakhir.",
    )
    # The expiry date last reminded of, so the daily task tells each user once per date.
    pengingat_untuk = models.DateField(null=True, blank=True, editable=False)
    # Pasal 10(5): a deactivated User ID stays on the register with its history.
    user_id_nonaktif = models.BooleanField("User ID dinonaktifkan", default=False)
    akun = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="pendaftaran"
    )
    formulir_pendaftaran = models.ForeignKey(
        Dokumen, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    formulir_keikutsertaan = models.ForeignKey(
        Dokumen, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["token", "token_konfirmasi"])

    class Meta:
        verbose_name_plural = "pendaftaran"
        ordering = ["-diajukan", "-id"]
        permissions = [
            ("verifikasi_pendaftaran", "Memverifikasi dan memutuskan pendaftaran (Pasal 10 ayat 4)"),
            ("tugaskan_pendaftaran", "Menugaskan verifikator"),
        ]
        indexes = [
            models.Index(fields=["status", "-diajukan", "-id"], name="pendaftaran_status_idx"),
            models.Index(fields=["-diajukan", "-id"], name="pendaftaran_diajukan_idx"),
            # The queue's filters, each in the page order (issue 14).
            models.Index(fields=["bentuk_usaha", "-diajukan", "-id"], name="pendaftaran_bentuk_idx"),
            models.Index(fields=["jenis", "-diajukan", "-id"], name="pendaftaran_jenis_idx"),
            models.Index(fields=["npwp"], name="pendaftaran_npwp_idx"),
            models.Index(fields=["nib"], name="pendaftaran_nib_idx"),
            models.Index(fields=["batas_sla"], name="pendaftaran_sla_idx", condition=Q(status="diajukan")),
            # Trigram indexes for the name search live in migration 0005 (PostgreSQL only).
            models.Index(Upper("nomor"), name="pendaftaran_nomor_upper_idx"),
        ]
        constraints = [
            # Two simultaneous submissions with one NPWP or email cannot both pass.
            models.UniqueConstraint(
                fields=["npwp"],
                condition=Q(status__in=["menunggu_konfirmasi", "diajukan", "dikembalikan", "disetujui"]) & ~Q(npwp=""),
                name="pendaftaran_npwp_aktif_unik",
                violation_error_message="NPWP ini sudah terdaftar pada pendaftaran yang masih berjalan atau aktif.",
            ),
            models.UniqueConstraint(
                fields=["email"],
                condition=Q(status__in=["menunggu_konfirmasi", "diajukan", "dikembalikan", "disetujui"]),
                name="pendaftaran_email_aktif_unik",
                violation_error_message="Email ini sudah dipakai pada pendaftaran yang masih berjalan atau aktif.",
            ),
            models.CheckConstraint(
                condition=Q(jenis="pejabat") | (~Q(npwp="") & ~Q(nama_badan_usaha="")),
                name="pendaftaran_penyedia_lengkap",
            ),
        ]

    def __str__(self) -> str:
        return self.nomor_tampil

    @property
    def nomor_tampil(self) -> str:
        """The number staff see; an application gets its number only when the
        applicant confirms the e-mail, before that it is named by its row."""
        return self.nomor or f"#{self.pk} (belum dikonfirmasi)"

    @property
    def nama(self) -> str:
        return self.nama_badan_usaha or self.pj_nama

    @property
    def lewat_sla(self) -> bool:
        return self.status == self.Status.DIAJUKAN and self.batas_sla is not None and self.batas_sla < timezone.now()

    @property
    def npwp_tersamar(self) -> str:
        return _mask(self.npwp)

    @property
    def nik_tersamar(self) -> str:
        return _mask(self.pj_nik)


class BerkasPendaftaran(models.Model):
    """An uploaded copy of a Pasal 13(1) document, with its verification check (Pasal 13(2))."""

    class Hasil(models.TextChoices):
        SESUAI = "sesuai", "Sesuai dengan asli"
        TIDAK_SESUAI = "tidak_sesuai", "Tidak sesuai"

    pendaftaran = models.ForeignKey(Pendaftaran, on_delete=models.PROTECT, related_name="berkas")
    jenis = models.CharField(max_length=20, choices=JenisDokumen.choices)
    berkas = models.FileField(upload_to=PrivateUploadTo("registrasi"), max_length=200)
    nama_asli = models.CharField(max_length=255)
    ukuran = models.PositiveIntegerField()
    tipe = models.CharField(max_length=10)
    putaran = models.PositiveSmallIntegerField(default=1)
    # A replaced copy stays for the archive (Pasal 10(6)e) but no longer counts.
    aktif = models.BooleanField(default=True)
    diunggah = models.DateTimeField(default=timezone.now)
    hasil = models.CharField(max_length=15, choices=Hasil.choices, blank=True)
    catatan = models.CharField(max_length=500, blank=True)
    diperiksa_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diperiksa_pada = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "berkas pendaftaran"
        ordering = ["pendaftaran", "jenis", "-putaran"]
        constraints = [
            models.UniqueConstraint(
                fields=["pendaftaran", "jenis"], condition=Q(aktif=True), name="berkas_aktif_satu_per_jenis"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} ({self.nama_asli})"


class Keputusan(models.Model):
    """A verifier's decision on one round (Pasal 10(4)), with its Berita Acara."""

    class Hasil(models.TextChoices):
        SETUJU = "setuju", "Disetujui"
        TOLAK = "tolak", "Ditolak dan dikembalikan untuk perbaikan"

    class Alasan(models.TextChoices):
        SALINAN_TIDAK_SESUAI = "salinan_tidak_sesuai", "Salinan dokumen tidak sesuai dengan aslinya"
        TIDAK_TERBACA = "tidak_terbaca", "Dokumen tidak terbaca"
        DATA_TIDAK_SESUAI = "data_tidak_sesuai", "Data isian tidak sesuai dengan dokumen"
        KEDALUWARSA = "kedaluwarsa", "Dokumen sudah tidak berlaku"
        ASLI_TIDAK_DITUNJUKKAN = "asli_tidak_ditunjukkan", "Dokumen asli belum ditunjukkan"
        LAINNYA = "lainnya", "Alasan lain (lihat catatan)"

    pendaftaran = models.ForeignKey(Pendaftaran, on_delete=models.PROTECT, related_name="keputusan")
    putaran = models.PositiveSmallIntegerField()
    hasil = models.CharField(max_length=10, choices=Hasil.choices)
    alasan = models.JSONField(default=list, blank=True)
    catatan = models.TextField(blank=True)
    perbaikan_dokumen = models.JSONField(default=list, blank=True)
    perbaikan_field = models.JSONField(default=list, blank=True)
    user_id_spse = models.CharField(max_length=30, blank=True)
    verifikator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    dibuat = models.DateTimeField(default=timezone.now)
    berita_acara = models.ForeignKey(Dokumen, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "keputusan"
        ordering = ["pendaftaran", "putaran"]
        constraints = [
            models.UniqueConstraint(fields=["pendaftaran", "putaran"], name="keputusan_satu_per_putaran"),
            models.CheckConstraint(
                condition=Q(hasil="tolak") | ~Q(user_id_spse=""), name="keputusan_setuju_ada_user_id"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pendaftaran} putaran {self.putaran}: {self.get_hasil_display()}"

    @property
    def alasan_label(self) -> list[str]:
        labels = dict(self.Alasan.choices)
        return [labels.get(a, a) for a in self.alasan]


class AksesData(models.Model):
    """Who opened an application's full NIK/NPWP, and when (the detail page is audited)."""

    pendaftaran = models.ForeignKey(Pendaftaran, on_delete=models.CASCADE, related_name="akses")
    pengguna = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    waktu = models.DateTimeField(default=timezone.now)
    alamat_ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "akses data"
        ordering = ["-waktu"]

    def __str__(self) -> str:
        return f"{self.pengguna} → {self.pendaftaran} {self.waktu:%Y-%m-%d %H:%M}"
