"""Registration of SPSE users and its verification (Perbup Karo 02/2017
Pasal 4(1)d, 10 and 13)."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.formats import date_format
from simple_history.models import HistoricalRecords

from lpse.models import Dokumen, Instansi, nik_validator, phone_validator
from lpse.uploads import PrivateUploadTo


def _token() -> str:
    # 32 random bytes: the status link is the applicant's only key, so it must not be guessable.
    return secrets.token_urlsafe(32)


class JenisDokumen(models.TextChoices):
    """Documents of Pasal 13(1). Nothing else may be asked (Pasal 13(3))."""

    KTP = "ktp", "KTP Direktur/Pemilik Perusahaan/Pejabat yang berwenang"
    AKTA_PENDIRIAN = "akta_pendirian", "Akta pendirian perusahaan"
    AKTA_PERUBAHAN = "akta_perubahan", "Akta perubahan terakhir (bila ada)"
    NPWP = "npwp", "NPWP"
    IZIN_USAHA = "izin_usaha", "Surat izin usaha sesuai bidang usaha"
    SURAT_TUGAS = "surat_tugas", "Surat tugas dan/atau surat keputusan (SK) dari instansi"


# Pasal 13(1)a angka 2 huruf a)–d): the vendor's list; akta perubahan only "bila ada".
DOKUMEN_PENYEDIA_WAJIB = (JenisDokumen.KTP, JenisDokumen.AKTA_PENDIRIAN, JenisDokumen.NPWP, JenisDokumen.IZIN_USAHA)
DOKUMEN_PENYEDIA_OPSIONAL = (JenisDokumen.AKTA_PERUBAHAN,)
# Pasal 13(1)b and 13(7): other users bring their surat tugas/SK.
DOKUMEN_PEJABAT_WAJIB = (JenisDokumen.SURAT_TUGAS,)


class BentukUsaha(models.TextChoices):
    PT = "pt", "Perseroan Terbatas (PT)"
    CV = "cv", "Persekutuan Komanditer (CV)"
    FIRMA = "firma", "Firma"
    KOPERASI = "koperasi", "Koperasi"
    PERSEKUTUAN_PERDATA = "persekutuan_perdata", "Persekutuan Perdata"
    PERUSAHAAN_PERORANGAN = "perusahaan_perorangan", "Perusahaan Perorangan (UD)"
    PERORANGAN = "perorangan", "Perorangan"
    YAYASAN = "yayasan", "Yayasan"
    LAINNYA = "lainnya", "Lainnya"


class PeranPejabat(models.TextChoices):
    """Pasal 13(7): the SPSE users other than vendors; values are lpse.roles names."""

    PA_KPA = "PA/KPA", "PA/KPA"
    PPK = "PPK", "PPK"
    POKJA = "Pokja ULP/Pejabat Pengadaan", "Pokja ULP/Pejabat Pengadaan"
    AUDITOR = "Auditor", "Auditor"


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


def _mask(value: str) -> str:
    """Only the last four digits show in lists; the detail page (audited) shows all."""
    if not value:
        return ""
    return "•" * (len(value) - 4) + value[-4:]


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


class SlotVerifikasi(models.Model):
    """A time in the verification room (Pasal 14a) with room for ``kapasitas`` applicants."""

    mulai = models.DateTimeField()
    selesai = models.DateTimeField()
    kapasitas = models.PositiveSmallIntegerField(default=4)
    terisi = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "slot verifikasi"
        ordering = ["mulai"]
        constraints = [
            models.CheckConstraint(condition=Q(selesai__gt=models.F("mulai")), name="slot_selesai_setelah_mulai"),
            # The database refuses an overbooking even if two requests race past the Python check.
            models.CheckConstraint(condition=Q(terisi__lte=models.F("kapasitas")), name="slot_tidak_melebihi"),
        ]

    def __str__(self) -> str:
        mulai, selesai = timezone.localtime(self.mulai), timezone.localtime(self.selesai)
        return f"{date_format(mulai, 'l, j F Y H.i')}–{date_format(selesai, 'H.i')} (sisa {self.sisa} tempat)"

    @property
    def sisa(self) -> int:
        return self.kapasitas - self.terisi


class JadwalVerifikasi(models.Model):
    """An applicant's booked slot; one per application (a new booking moves it)."""

    slot = models.ForeignKey(SlotVerifikasi, on_delete=models.PROTECT, related_name="jadwal")
    pendaftaran = models.OneToOneField(Pendaftaran, on_delete=models.CASCADE, related_name="jadwal")
    dibuat = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "jadwal verifikasi"

    def __str__(self) -> str:
        return f"{self.pendaftaran} @ {self.slot}"


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


class DrafPendaftaran(models.Model):
    """Documents of an application not yet sent (issue 13): each uploads as soon as it is
    chosen and stays while the rest of the form is fixed. Resumed from the private link
    (``token``) until ``berlaku_sampai``; then purged with its files."""

    jenis = models.CharField(max_length=10, choices=Pendaftaran.Jenis.choices)
    token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    dibuat = models.DateTimeField(auto_now_add=True)
    berlaku_sampai = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "draf pendaftaran"
        verbose_name_plural = "draf pendaftaran"

    def __str__(self) -> str:
        return f"Draf {self.get_jenis_display()} #{self.pk}"


class BerkasDraf(models.Model):
    """One accepted document of a draft, checked by content (lpse.uploads); never served by URL."""

    draf = models.ForeignKey(DrafPendaftaran, on_delete=models.CASCADE, related_name="berkas")
    jenis = models.CharField(max_length=20, choices=JenisDokumen.choices)
    berkas = models.FileField(upload_to=PrivateUploadTo("registrasi/draf"), max_length=200)
    nama_asli = models.CharField(max_length=255)
    ukuran = models.PositiveIntegerField()
    tipe = models.CharField(max_length=10)
    diunggah = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "berkas draf"
        constraints = [models.UniqueConstraint(fields=["draf", "jenis"], name="berkas_draf_satu_per_jenis")]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} ({self.nama_asli})"
