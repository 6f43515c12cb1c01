"""Personnel, their appointments, qualifications, trainings and honoraria (Pasal 6, 19, 21, 22)."""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from lpse.uploads import PrivateUploadTo

from ..nip import validate_nip
from .common import Bidang

nik_validator = RegexValidator(r"^\d{16}$", "NIK harus 16 digit angka.")


class SuratKeputusan(models.Model):
    """A Keputusan Bupati appointing LPSE personnel (Pasal 6(5))."""

    nomor = models.CharField("nomor SK", max_length=100, unique=True)
    tanggal = models.DateField("tanggal SK")
    perihal = models.CharField(max_length=255, blank=True)
    berlaku_sampai = models.DateField("berakhir", null=True, blank=True, help_text="Kosongkan bila tidak berbatas.")
    berkas = models.FileField("berkas SK (PDF)", upload_to=PrivateUploadTo("sekretariat/sk"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-tanggal", "-id"]
        verbose_name = "Keputusan Bupati"
        verbose_name_plural = "Keputusan Bupati"
        constraints = [
            models.CheckConstraint(
                condition=Q(berlaku_sampai__isnull=True) | Q(berlaku_sampai__gte=F("tanggal")),
                name="sk_berakhir_setelah_tanggal",
                violation_error_message="Tanggal berakhir SK tidak boleh sebelum tanggal SK.",
            )
        ]

    def __str__(self) -> str:
        return self.nomor

    def get_absolute_url(self) -> str:
        return reverse("sekretariat:sk-detail", args=[self.pk])


class Pegawai(models.Model):
    """A person serving in the unit, PNS or non-PNS (Pasal 19(1))."""

    class Status(models.TextChoices):
        PNS = "pns", "PNS"
        NON_PNS = "non_pns", "Non-PNS"

    class Jabatan(models.TextChoices):
        KEPALA_UNIT = "kepala_unit", "Kepala Unit"
        SEKRETARIS = "sekretaris", "Sekretaris"
        KEPALA_BIDANG = "kepala_bidang", "Kepala Bidang"
        ANGGOTA = "anggota", "Anggota"

    nama = models.CharField("nama lengkap", max_length=150)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PNS)
    nip = models.CharField("NIP", max_length=18, blank=True, validators=[validate_nip])
    nik = models.CharField("NIK", max_length=16, blank=True, validators=[nik_validator])
    jabatan = models.CharField("jabatan di unit", max_length=20, choices=Jabatan.choices, default=Jabatan.ANGGOTA)
    bidang = models.CharField(max_length=20, choices=Bidang.choices, blank=True)
    sk = models.ForeignKey(
        SuratKeputusan,
        verbose_name="SK pengangkatan",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pegawai",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="akun portal",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pegawai",
    )
    jabatan_asal = models.CharField("jabatan/instansi asal", max_length=200, blank=True)
    # Printed under the name in signature blocks of naskah dinas (issue 12).
    pangkat = models.CharField("pangkat/golongan", max_length=60, blank=True, help_text="Mis. Pembina (IV/a).")
    email = models.EmailField(blank=True)
    aktif = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["nama"]
        verbose_name_plural = "pegawai"
        constraints = [
            models.UniqueConstraint(
                fields=["nip"],
                condition=~Q(nip=""),
                name="pegawai_nip_unik",
                violation_error_message="NIP ini sudah terdaftar.",
            ),
            models.UniqueConstraint(
                fields=["nik"],
                condition=~Q(nik=""),
                name="pegawai_nik_unik",
                violation_error_message="NIK ini sudah terdaftar.",
            ),
            # Pasal 6(1)-(3): one Kepala Unit; one Sekretaris; one Kepala Bidang per bidang.
            models.UniqueConstraint(
                fields=["jabatan"],
                condition=Q(aktif=True, jabatan="kepala_unit"),
                name="satu_kepala_unit",
                violation_error_message="Sudah ada Kepala Unit yang aktif (Pasal 6 ayat 1).",
            ),
            models.UniqueConstraint(
                fields=["jabatan"],
                condition=Q(aktif=True, jabatan="sekretaris"),
                name="satu_sekretaris",
                violation_error_message="Sudah ada Sekretaris yang aktif (Pasal 6 ayat 2).",
            ),
            models.UniqueConstraint(
                fields=["jabatan", "bidang"],
                condition=Q(aktif=True, jabatan="kepala_bidang"),
                name="satu_kabid_per_bidang",
                violation_error_message="Bidang ini sudah memiliki Kepala Bidang yang aktif (Pasal 6 ayat 3).",
            ),
            models.CheckConstraint(
                condition=~Q(status="pns") | ~Q(nip=""),
                name="pns_wajib_nip",
                violation_error_message="Pegawai PNS wajib memiliki NIP.",
            ),
        ]

    def __str__(self) -> str:
        return self.nama

    def get_absolute_url(self) -> str:
        return reverse("sekretariat:pegawai-detail", args=[self.pk])

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if self.jabatan == self.Jabatan.KEPALA_UNIT:
            self.bidang = ""
        elif self.jabatan == self.Jabatan.SEKRETARIS:
            self.bidang = Bidang.SEKRETARIAT
        elif self.jabatan == self.Jabatan.KEPALA_BIDANG and self.bidang == Bidang.SEKRETARIAT:
            errors["bidang"] = "Sekretariat dipimpin oleh Sekretaris, bukan Kepala Bidang (Pasal 6 ayat 2)."
        elif not self.bidang:
            errors["bidang"] = "Pilih bidang tempat pegawai ini bertugas."
        if self.status == self.Status.PNS and not self.nip:
            errors["nip"] = "Pegawai PNS wajib memiliki NIP."
        if errors:
            raise ValidationError(errors)

    @property
    def sk_berakhir(self) -> date | None:
        return self.sk.berlaku_sampai if self.sk_id else None

    @property
    def jabatan_lengkap(self) -> str:
        """The jabatan as a signature block prints it: "Kepala Bidang Layanan dan Dukungan"."""
        if self.jabatan == self.Jabatan.KEPALA_UNIT:
            return "Kepala Unit LPSE"
        if self.jabatan == self.Jabatan.SEKRETARIS:
            return "Sekretaris Unit LPSE"
        if self.jabatan == self.Jabatan.KEPALA_BIDANG and self.bidang:
            return f"Kepala {self.get_bidang_display()}" if self.bidang != "sekretariat" else "Kepala Sekretariat"
        return f"Staf {self.get_bidang_display()}" if self.bidang else "Staf Unit LPSE"


class PenugasanLuar(models.Model):
    """A person named as PPK, Pokja ULP or Pejabat Pengadaan in another SK.

    Recorded so that Pasal 19(3) ("Pegawai Unit LPSE dilarang merangkap
    menjadi PPK/ULP/Pejabat Pengadaan") can be checked when staff are appointed.
    """

    class Peran(models.TextChoices):
        PPK = "ppk", "PPK"
        POKJA = "pokja", "Pokja ULP"
        PEJABAT_PENGADAAN = "pejabat_pengadaan", "Pejabat Pengadaan"

    nama = models.CharField(max_length=150)
    nip = models.CharField("NIP", max_length=18, blank=True, validators=[validate_nip])
    nik = models.CharField("NIK", max_length=16, blank=True, validators=[nik_validator])
    peran = models.CharField(max_length=20, choices=Peran.choices)
    nomor_sk = models.CharField("nomor SK", max_length=100)
    instansi = models.CharField("instansi penerbit", max_length=200, blank=True)
    tanggal_sk = models.DateField("tanggal SK")
    berlaku_sampai = models.DateField("berakhir", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-tanggal_sk", "-id"]
        verbose_name = "penugasan pengadaan di SK lain"
        verbose_name_plural = "penugasan pengadaan di SK lain"
        constraints = [
            models.CheckConstraint(
                condition=~Q(nip="") | ~Q(nik=""),
                name="penugasan_luar_ada_identitas",
                violation_error_message="Isi NIP atau NIK orang yang ditugaskan.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nama} — {self.get_peran_display()} ({self.nomor_sk})"


class Kualifikasi(models.Model):
    """Education, certificates and competences (Pasal 19(2)a)."""

    class Jenis(models.TextChoices):
        PENDIDIKAN = "pendidikan", "Pendidikan formal"
        SERTIFIKAT = "sertifikat", "Sertifikat/kompetensi"

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="kualifikasi")
    jenis = models.CharField(max_length=20, choices=Jenis.choices)
    nama = models.CharField("nama kualifikasi", max_length=200)
    penerbit = models.CharField(max_length=200, blank=True)
    nomor = models.CharField(max_length=100, blank=True)
    tanggal = models.DateField(null=True, blank=True)
    berlaku_sampai = models.DateField(null=True, blank=True)
    berkas = models.FileField(upload_to=PrivateUploadTo("sekretariat/kualifikasi"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-tanggal", "-id"]
        verbose_name_plural = "kualifikasi"

    def __str__(self) -> str:
        return self.nama


class PelatihanPegawai(models.Model):
    """Training a staff member attended (Pasal 22)."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="pelatihan")
    nama = models.CharField("nama pelatihan", max_length=200)
    penyelenggara = models.CharField(max_length=200, blank=True)
    jenis = models.CharField(
        max_length=20, choices=[("formal", "Pendidikan formal"), ("non_formal", "Non-formal")], default="non_formal"
    )
    mulai = models.DateField()
    selesai = models.DateField()
    jam_pelajaran = models.PositiveSmallIntegerField("jam pelajaran", default=0)
    berkas = models.FileField("sertifikat", upload_to=PrivateUploadTo("sekretariat/pelatihan"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-mulai", "-id"]
        verbose_name_plural = "pelatihan pegawai"
        constraints = [
            models.CheckConstraint(
                condition=Q(selesai__gte=F("mulai")),
                name="pelatihan_pegawai_selesai_setelah_mulai",
                violation_error_message="Tanggal selesai tidak boleh sebelum tanggal mulai.",
            )
        ]

    def __str__(self) -> str:
        return self.nama


class Honorarium(models.Model):
    """Honorarium paid for a month (Pasal 21)."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="honorarium")
    periode = models.DateField(help_text="Hari pertama bulan yang dibayar.")
    jumlah = models.DecimalField(max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal("0"))])
    dasar = models.CharField("dasar pembayaran", max_length=200, blank=True)
    dibayar = models.DateField("tanggal dibayar", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-periode", "pegawai__nama"]
        verbose_name_plural = "honorarium"
        constraints = [
            models.UniqueConstraint(
                fields=["pegawai", "periode"],
                name="honorarium_sekali_per_bulan",
                violation_error_message="Honorarium pegawai ini untuk bulan tersebut sudah dicatat.",
            ),
            models.CheckConstraint(condition=Q(jumlah__gte=0), name="honorarium_tidak_negatif"),
        ]

    def __str__(self) -> str:
        return f"{self.pegawai} {self.periode:%m/%Y}"
