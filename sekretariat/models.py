"""The Sekretariat (Pasal 8) and the Kepala Unit (Pasal 7): personnel and their
appointments, letters and staff memos, the program kerja, the Laporan Kegiatan,
the risk register and the public page content."""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from lpse.uploads import PrivateUploadTo

from .nip import validate_nip

nik_validator = RegexValidator(r"^\d{16}$", "NIK harus 16 digit angka.")


class Bidang(models.TextChoices):
    """The parts of the unit (Pasal 5(1)); the Kepala Unit stands above them."""

    SEKRETARIAT = "sekretariat", "Sekretariat"
    INFRASTRUKTUR = "infrastruktur", "Bidang Administrasi Sistem Elektronik"
    REGISTRASI = "registrasi", "Bidang Registrasi dan Verifikasi"
    LAYANAN = "layanan", "Bidang Layanan dan Dukungan"


class Akses(models.Model):
    """Table-less holder of the Sekretariat's custom permissions."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("kelola_kepegawaian", "Mengelola data pegawai, SK dan honorarium (Pasal 8(4)c)"),
            ("kelola_naskah", "Mengelola naskah dinas dan arsip (Pasal 8(4)f)"),
            ("disposisi_naskah", "Mendisposisikan naskah dinas"),
            ("kelola_program_kerja", "Menyusun program kerja (Pasal 8(4)a)"),
            ("susun_laporan", "Menyusun Laporan Kegiatan (Pasal 7(2)c)"),
            ("terbitkan_laporan", "Menerbitkan Laporan Kegiatan bernomor"),
            ("pantau_sop", "Memantau kepatuhan SOP (Pasal 8(3)d, 12)"),
            ("kelola_risiko", "Mengelola register risiko"),
            ("kelola_humas", "Mengelola konten kehumasan (Pasal 8(4)d)"),
        ]

    def __str__(self) -> str:
        return "akses sekretariat"


# --- Personnel (Pasal 6, 19, 21, 22) ---------------------------------------------


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


class Pelatihan(models.Model):
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
        verbose_name_plural = "pelatihan"
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


# --- Naskah dinas and archive (Pasal 8(4)f, g) -------------------------------------


class FormatAgenda(models.Model):
    """The agenda-number format of one kind of naskah, editable by the Sekretariat."""

    jenis = models.CharField(max_length=10, unique=True)
    format = models.CharField(
        max_length=100,
        help_text="Tempat isian: {seq}, {seq:03d}, {kode}, {bulan}, {bulan_romawi}, {tahun}.",
    )
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.jenis}: {self.format}"


class Naskah(models.Model):
    """An incoming or outgoing letter, or a telaahan staf (Pasal 8(4)f, g)."""

    class Jenis(models.TextChoices):
        MASUK = "masuk", "Surat masuk"
        KELUAR = "keluar", "Surat keluar"
        TELAAHAN = "telaahan", "Telaahan staf"

    class Sifat(models.TextChoices):
        BIASA = "biasa", "Biasa"
        PENTING = "penting", "Penting"
        SEGERA = "segera", "Segera"
        RAHASIA = "rahasia", "Rahasia"

    jenis = models.CharField(max_length=10, choices=Jenis.choices)
    tahun = models.PositiveIntegerField()
    urut = models.PositiveIntegerField("nomor urut agenda")
    nomor_agenda = models.CharField("nomor agenda", max_length=80)
    nomor_surat = models.CharField("nomor surat", max_length=100, blank=True)
    tanggal_surat = models.DateField("tanggal surat")
    tanggal_agenda = models.DateField("tanggal diterima/dikirim", default=timezone.localdate)
    pengirim = models.CharField(max_length=200)
    penerima = models.CharField(max_length=200)
    perihal = models.CharField(max_length=255)
    ringkasan = models.TextField(blank=True)
    sifat = models.CharField("sifat/klasifikasi keamanan", max_length=10, choices=Sifat.choices, default=Sifat.BIASA)
    kode_klasifikasi = models.CharField("kode klasifikasi arsip", max_length=20, blank=True)
    retensi_tahun = models.PositiveSmallIntegerField(
        "masa retensi (tahun)", default=5, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dibuat = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-tahun", "-urut"]
        verbose_name_plural = "naskah dinas"
        constraints = [
            models.UniqueConstraint(fields=["jenis", "tahun", "urut"], name="naskah_agenda_unik"),
            models.UniqueConstraint(fields=["nomor_agenda"], name="naskah_nomor_agenda_unik"),
        ]
        indexes = [
            models.Index(fields=["jenis", "-tanggal_agenda"], name="naskah_jenis_tgl_idx"),
            models.Index(fields=["-tanggal_agenda", "-id"], name="naskah_tgl_idx"),
            # The register's filters, each in the page order (issue 14); the text search's
            # trigram indexes live in migration 0005 (PostgreSQL only).
            models.Index(fields=["tahun", "-tanggal_agenda", "-id"], name="naskah_tahun_tgl_idx"),
            models.Index(fields=["sifat", "-tanggal_agenda", "-id"], name="naskah_sifat_tgl_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.nomor_agenda} {self.perihal}"

    def get_absolute_url(self) -> str:
        return reverse("sekretariat:naskah-detail", args=[self.pk])

    @property
    def retensi_sampai(self) -> date:
        return self.tanggal_agenda.replace(year=self.tanggal_agenda.year + self.retensi_tahun, day=1)


class LampiranNaskah(models.Model):
    naskah = models.ForeignKey(Naskah, on_delete=models.CASCADE, related_name="lampiran")
    berkas = models.FileField(upload_to=PrivateUploadTo("sekretariat/naskah"))
    nama_asli = models.CharField(max_length=255)
    diunggah = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "lampiran naskah"

    def __str__(self) -> str:
        return self.nama_asli


class Disposisi(models.Model):
    """An instruction on a naskah to a bidang or a person, with a due date."""

    naskah = models.ForeignKey(Naskah, on_delete=models.CASCADE, related_name="disposisi")
    kepada_bidang = models.CharField(max_length=20, choices=Bidang.choices, blank=True)
    kepada_pegawai = models.ForeignKey(Pegawai, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    instruksi = models.TextField()
    batas_waktu = models.DateField("batas waktu", null=True, blank=True)
    dari = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dibuat = models.DateTimeField(auto_now_add=True)
    selesai = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["dibuat", "id"]
        verbose_name_plural = "disposisi"
        constraints = [
            models.CheckConstraint(
                condition=~Q(kepada_bidang="") | Q(kepada_pegawai__isnull=False),
                name="disposisi_ada_tujuan",
                violation_error_message="Pilih bidang atau pegawai tujuan disposisi.",
            ),
        ]

    def __str__(self) -> str:
        return f"Disposisi {self.naskah_id}"


# --- Program kerja (Pasal 8(4)a,i; 9(4)a; 10(6)a; 11(4)a; 25) --------------------------


class Kegiatan(models.Model):
    """An activity of a bidang's yearly program kerja, with its APBD budget (Pasal 25)."""

    tahun = models.PositiveIntegerField()
    bidang = models.CharField(max_length=20, choices=Bidang.choices)
    nama = models.CharField("nama kegiatan", max_length=255)
    indikator = models.CharField("indikator kinerja", max_length=255)
    satuan = models.CharField(max_length=50, default="kegiatan")
    target = models.DecimalField(max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))])
    sumber_otomatis = models.CharField(
        "realisasi otomatis dari",
        max_length=40,
        blank=True,
        help_text="Bila portal sudah mencatat realisasinya, pilih sumbernya; kosongkan untuk isian manual.",
    )
    realisasi_manual = models.DecimalField(
        "realisasi (isian manual)",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    jadwal_mulai = models.DateField("jadwal mulai")
    jadwal_selesai = models.DateField("jadwal selesai")
    pagu = models.DecimalField(
        "pagu anggaran (Rp)", max_digits=16, decimal_places=2, default=0, validators=[MinValueValidator(Decimal("0"))]
    )
    realisasi_anggaran = models.DecimalField(
        "realisasi anggaran (Rp)",
        max_digits=16,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(Decimal("0"))],
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["tahun", "bidang", "jadwal_mulai", "id"]
        verbose_name_plural = "kegiatan"
        constraints = [
            models.CheckConstraint(
                condition=Q(jadwal_selesai__gte=F("jadwal_mulai")),
                name="kegiatan_jadwal_urut",
                violation_error_message="Jadwal selesai tidak boleh sebelum jadwal mulai.",
            ),
            models.CheckConstraint(
                condition=Q(realisasi_anggaran__lte=F("pagu")),
                name="kegiatan_realisasi_le_pagu",
                violation_error_message="Realisasi anggaran tidak boleh melebihi pagu.",
            ),
            models.CheckConstraint(condition=Q(target__gt=0), name="kegiatan_target_positif"),
        ]

    def __str__(self) -> str:
        return self.nama

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if self.jadwal_mulai and self.jadwal_mulai.year != self.tahun:
            errors["jadwal_mulai"] = "Jadwal harus berada dalam tahun program kerja."
        if self.jadwal_selesai and self.jadwal_selesai.year != self.tahun:
            errors["jadwal_selesai"] = "Jadwal harus berada dalam tahun program kerja."
        if errors:
            raise ValidationError(errors)


# --- Laporan Kegiatan (Pasal 7(2)c) ---------------------------------------------------


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


# --- Risk register (LPSE standards) -------------------------------------------------


class Risiko(models.Model):
    """A risk: score = impact × threat × vulnerability × exposure (max 4·4·4·3 = 192)."""

    aset = models.CharField("aset atau proses", max_length=200)
    ancaman = models.CharField(max_length=255)
    nilai_dampak = models.PositiveSmallIntegerField(
        "dampak (1–4)", validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    nilai_ancaman = models.PositiveSmallIntegerField(
        "ancaman (1–4)", validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    nilai_kerentanan = models.PositiveSmallIntegerField(
        "kerentanan (1–4)", validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    nilai_paparan = models.PositiveSmallIntegerField(
        "paparan (1–3)", validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    skor = models.PositiveSmallIntegerField(editable=False, default=1)
    pemilik = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="pemilik risiko",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    mitigasi = models.TextField(blank=True)
    tanggal_tinjau = models.DateField("tinjau berikutnya")
    diingatkan = models.DateField("pengingat terakhir", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["tanggal_tinjau", "id"]
        verbose_name_plural = "risiko"
        constraints = [
            models.CheckConstraint(
                condition=Q(nilai_dampak__range=(1, 4))
                & Q(nilai_ancaman__range=(1, 4))
                & Q(nilai_kerentanan__range=(1, 4))
                & Q(nilai_paparan__range=(1, 3)),
                name="risiko_nilai_dalam_rentang",
            ),
            models.CheckConstraint(
                condition=Q(skor=F("nilai_dampak") * F("nilai_ancaman") * F("nilai_kerentanan") * F("nilai_paparan")),
                name="risiko_skor_hasil_kali",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.aset}: {self.ancaman}"

    def save(self, *args, **kwargs):
        self.skor = risk_score(self.nilai_dampak, self.nilai_ancaman, self.nilai_kerentanan, self.nilai_paparan)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "skor"}
        super().save(*args, **kwargs)

    def clean(self):
        if None not in (self.nilai_dampak, self.nilai_ancaman, self.nilai_kerentanan, self.nilai_paparan):
            self.skor = risk_score(self.nilai_dampak, self.nilai_ancaman, self.nilai_kerentanan, self.nilai_paparan)

    @property
    def tingkat(self) -> str:
        return risk_band(self.skor)


def risk_score(dampak: int, ancaman: int, kerentanan: int, paparan: int) -> int:
    return dampak * ancaman * kerentanan * paparan


def risk_band(skor: int) -> str:
    """Bands of the LPSE standards: ≤ 24 low (accept), ≤ 64 medium (mitigate), > 64 high (mitigate first)."""
    if skor <= 24:
        return "rendah"
    if skor <= 64:
        return "sedang"
    return "tinggi"


# --- Kehumasan (Pasal 8(4)d) ------------------------------------------------------


class KontenPublik(models.Model):
    """The public page content the Sekretariat edits (a single row)."""

    tentang = models.TextField("tentang LPSE", blank=True)
    kontak = models.TextField(blank=True)
    jam_layanan = models.TextField("jam layanan", blank=True)
    standar_layanan = models.TextField("standar pelayanan", blank=True)
    diubah = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "konten publik"

    def __str__(self) -> str:
        return "Konten publik"
