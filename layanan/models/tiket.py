"""Helpdesk tickets with SLA, escalation to LKPP and berita acara kesaksian (Pasal 11, 15, 24(1)d)."""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from lpse.models import phone_validator
from lpse.uploads import PrivateUploadTo

MAX_PESAN = 10_000  # characters; a long log paste fits, a runaway paste gets a clear error


def _token() -> str:
    return secrets.token_urlsafe(32)


class Kanal(models.TextChoices):
    """How the request reached the LPSE (Pasal 11(3)a: internet, telepon, tatap muka)."""

    WEB = "web", "Portal (web)"
    TELEPON = "telepon", "Telepon"
    KUNJUNGAN = "kunjungan", "Kunjungan langsung"
    EMAIL = "email", "Email"
    SURAT = "surat", "Surat"


class Jenis(models.TextChoices):
    GANGGUAN = "gangguan", "Gangguan"
    MASALAH = "masalah", "Masalah"
    PERMINTAAN = "permintaan", "Permintaan layanan"


class Kategori(models.TextChoices):
    KONSULTASI = "konsultasi", "Konsultasi pengadaan elektronik"
    REGISTRASI = "registrasi", "Registrasi & akun"
    TEKNIS = "teknis", "Kendala teknis SPSE"
    KELUHAN = "keluhan", "Keluhan layanan"
    FASILITASI = "fasilitasi", "Fasilitasi RUP/pengumuman"  # Pasal 4(1)a–b, 24(1)a
    MASUKAN = "masukan", "Masukan/saran"  # Pasal 24(1)d


class JenisPelapor(models.TextChoices):
    POKJA = "pokja", "Pokja/Pejabat Pengadaan"
    PENYEDIA = "penyedia", "Penyedia"
    PPK = "ppk", "PPK"
    AUDITOR = "auditor", "Auditor"
    PUBLIK = "publik", "Publik"


class Tingkat(models.TextChoices):
    TINGGI = "tinggi", "Tinggi"
    SEDANG = "sedang", "Sedang"
    RENDAH = "rendah", "Rendah"


class Prioritas(models.IntegerChoices):
    KRITIS = 1, "P1 Kritis"
    TINGGI = 2, "P2 Tinggi"
    SEDANG = 3, "P3 Sedang"
    RENDAH = 4, "P4 Rendah"


# Urgency × impact → priority, the usual ITIL matrix.
_SKOR = {Tingkat.TINGGI: 0, Tingkat.SEDANG: 1, Tingkat.RENDAH: 2}


def prioritas_dari(urgensi: str, dampak: str) -> int:
    skor = _SKOR[Tingkat(urgensi)] + _SKOR[Tingkat(dampak)]
    return min(skor + 1, 4)


class Status(models.TextChoices):
    BARU = "baru", "Baru"
    DITANGANI = "ditangani", "Ditangani"
    MENUNGGU = "menunggu", "Menunggu pengguna"
    SELESAI = "selesai", "Selesai"
    DITUTUP = "ditutup", "Ditutup"


OPEN_STATUSES = (Status.BARU, Status.DITANGANI, Status.MENUNGGU)


class SlaTarget(models.Model):
    """Target times per priority, in working minutes (lpse.workcal).

    Defaults (migration 0002): P1 1 h / 4 h, P2 2 h / 1 day, P3 4 h / 2 days,
    P4 1 day / 5 days — an offer that cannot be opened hours before a tender
    closes has to be answered within the hour. The Kepala Bidang Layanan
    edits them; a change applies to tickets opened afterwards.
    """

    prioritas = models.PositiveSmallIntegerField(choices=Prioritas.choices, unique=True)
    respons_menit = models.PositiveIntegerField("respons pertama (menit kerja)", validators=[MinValueValidator(1)])
    selesai_menit = models.PositiveIntegerField("penyelesaian (menit kerja)", validators=[MinValueValidator(1)])
    history = HistoricalRecords()

    class Meta:
        ordering = ["prioritas"]
        verbose_name = "target SLA"
        verbose_name_plural = "target SLA"
        constraints = [
            models.CheckConstraint(
                condition=Q(selesai_menit__gte=F("respons_menit")),
                name="sla_selesai_tidak_sebelum_respons",
                violation_error_message="Target penyelesaian tidak boleh lebih singkat dari target respons.",
            )
        ]

    def __str__(self) -> str:
        return self.get_prioritas_display()


class Tiket(models.Model):
    """A helpdesk ticket (Pasal 11 ayat 3, Pasal 15 ayat 1).

    The SLA deadlines are stored, not computed on read, so the queue can sort
    and highlight half a million tickets from an index. ``sla_berikut`` is the
    deadline that is ticking now (first response, then resolution) and is
    NULL while the clock is paused (waiting on the user, solved, closed).
    """

    nomor_prefix = "TK"

    token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    # The form's one-time key: a submission resent after an error (the answer was
    # lost, e.g. a 503 while the database restarted) finds this ticket instead
    # of opening a second one.
    kunci_kirim = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    kanal = models.CharField(max_length=20, choices=Kanal.choices, default=Kanal.WEB)
    jenis = models.CharField(max_length=20, choices=Jenis.choices, default=Jenis.MASALAH)
    kategori = models.CharField(max_length=20, choices=Kategori.choices)
    jenis_pelapor = models.CharField("pelapor sebagai", max_length=20, choices=JenisPelapor.choices)
    urgensi = models.CharField(max_length=10, choices=Tingkat.choices, default=Tingkat.SEDANG)
    dampak = models.CharField(max_length=10, choices=Tingkat.choices, default=Tingkat.SEDANG)
    prioritas = models.PositiveSmallIntegerField(choices=Prioritas.choices, default=Prioritas.SEDANG)
    subjek = models.CharField(max_length=200)
    deskripsi = models.TextField(max_length=MAX_PESAN)
    kode_paket = models.CharField("kode paket/tender", max_length=40, blank=True)

    pelapor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="tiket_layanan"
    )
    nama = models.CharField("nama pelapor", max_length=150)
    email = models.EmailField("email pelapor", blank=True)
    telepon = models.CharField(max_length=20, blank=True, validators=[phone_validator])
    instansi = models.CharField("instansi/perusahaan", max_length=200, blank=True)

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.BARU)
    petugas = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="tiket_ditugaskan"
    )
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="dicatat oleh",
    )
    digabung_ke = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="duplikat", verbose_name="digabung ke"
    )
    artikel_solusi = models.ForeignKey(
        "ArtikelFaq",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tiket_terselesaikan",
        verbose_name="artikel FAQ penyelesaian",
    )

    dibuat = models.DateTimeField()
    diubah = models.DateTimeField(auto_now=True)
    respons_pertama = models.DateTimeField("respons pertama", null=True, blank=True)
    diselesaikan = models.DateTimeField(null=True, blank=True)
    ditutup = models.DateTimeField(null=True, blank=True)

    # SLA clock (working time, lpse.workcal).
    # Labels as the ticket history shows them to staff (issue 13).
    respons_batas = models.DateTimeField("batas waktu respons", null=True, blank=True)
    respons_waspada = models.DateTimeField("peringatan dini respons", null=True, blank=True)
    selesai_batas = models.DateTimeField("batas waktu penyelesaian", null=True, blank=True)
    selesai_waspada = models.DateTimeField("peringatan dini penyelesaian", null=True, blank=True)
    sla_berikut = models.DateTimeField("tenggat SLA berikutnya", null=True, blank=True)
    sla_berikut_waspada = models.DateTimeField("peringatan SLA berikutnya", null=True, blank=True)
    jeda_mulai = models.DateTimeField("SLA dijeda sejak", null=True, blank=True)
    jeda_detik = models.PositiveIntegerField("jeda (detik kerja)", default=0)
    # 0 none, 1 "near" mailed, 2 "past" mailed
    sla_notif = models.PositiveSmallIntegerField("pemberitahuan SLA", default=0)

    nilai = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    komentar_nilai = models.TextField("komentar penilaian", max_length=2000, blank=True)
    dinilai = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["diubah", "sla_notif"])

    # The trigram indexes on UPPER(subjek) / UPPER(judul) for icontains search
    # live in migration 0003 (PostgreSQL only; the embedded SQLite has no GIN).

    class Meta:
        ordering = ["-id"]
        verbose_name = "tiket"
        verbose_name_plural = "tiket"
        permissions = [("kelola_sla", "Mengubah target SLA helpdesk")]
        indexes = [
            # The open queue, by the deadline that ticks next (page 1 of the staff queue);
            # ascending puts the paused (NULL) ones last on PostgreSQL.
            models.Index(
                fields=["sla_berikut", "id"],
                name="tiket_antrian_idx",
                condition=Q(status__in=["baru", "ditangani", "menunggu"]),
            ),
            models.Index(
                fields=["kategori", "sla_berikut", "id"],
                name="tiket_antrian_kategori_idx",
                condition=Q(status__in=["baru", "ditangani", "menunggu"]),
            ),
            models.Index(fields=["status", "-id"], name="tiket_status_idx"),
            models.Index(fields=["kategori", "status", "-id"], name="tiket_kategori_idx"),
            models.Index(fields=["petugas", "status"], name="tiket_petugas_idx"),
            models.Index(fields=["kode_paket"], name="tiket_kode_paket_idx"),
            models.Index(fields=["email"], name="tiket_email_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(nilai__isnull=True) | Q(nilai__gte=1, nilai__lte=5),
                name="tiket_nilai_1_5",
                violation_error_message="Nilai harus 1 sampai 5.",
            ),
            models.CheckConstraint(
                condition=~Q(digabung_ke=F("id")),
                name="tiket_tidak_digabung_ke_diri",
                violation_error_message="Tiket tidak dapat digabung ke dirinya sendiri.",
            ),
            models.CheckConstraint(
                condition=~Q(email="") | ~Q(telepon="") | Q(pelapor__isnull=False),
                name="tiket_ada_kontak",
                violation_error_message="Isi email atau telepon pelapor.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nomor} {self.subjek}"

    def get_absolute_url(self) -> str:
        return reverse("layanan:tiket-detail", args=[self.pk])

    @property
    def nomor(self) -> str:
        return f"{self.nomor_prefix}-{self.pk:06d}" if self.pk else "(baru)"

    def get_public_url(self) -> str:
        return reverse("layanan:tiket-publik", args=[self.token])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class TiketBalasan(models.Model):
    """A message on a ticket: a public reply (seen and mailed to the requester)
    or an internal note (staff only)."""

    tiket = models.ForeignKey(Tiket, on_delete=models.CASCADE, related_name="balasan")
    penulis = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    nama_penulis = models.CharField(max_length=150)
    dari_staf = models.BooleanField(default=False)
    publik = models.BooleanField(default=True)
    isi = models.TextField(max_length=MAX_PESAN)
    dibuat = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["dibuat", "id"]
        verbose_name = "balasan tiket"
        verbose_name_plural = "balasan tiket"
        indexes = [models.Index(fields=["tiket", "dibuat"], name="balasan_tiket_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(publik=True) | Q(dari_staf=True),
                name="balasan_catatan_internal_hanya_staf",
                violation_error_message="Catatan internal hanya dari staf.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.nama_penulis}: {self.isi[:40]}"


class TiketLampiran(models.Model):
    """A file sent with a ticket or a reply (checked by lpse.uploads, served by views only)."""

    tiket = models.ForeignKey(Tiket, on_delete=models.CASCADE, related_name="lampiran")
    balasan = models.ForeignKey(TiketBalasan, null=True, blank=True, on_delete=models.CASCADE, related_name="lampiran")
    berkas = models.FileField(upload_to=PrivateUploadTo("layanan/tiket"))
    nama_asli = models.CharField(max_length=200)
    ukuran = models.PositiveIntegerField()
    jenis = models.CharField(max_length=10)
    publik = models.BooleanField(default=True)
    dibuat = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        verbose_name = "lampiran tiket"
        verbose_name_plural = "lampiran tiket"

    def __str__(self) -> str:
        return self.nama_asli


class TiketPeristiwa(models.Model):
    """Every change of a ticket, in order: the timeline on the ticket page."""

    class Jenis(models.TextChoices):
        DIBUAT = "dibuat", "Tiket dibuat"
        STATUS = "status", "Status diubah"
        BALASAN = "balasan", "Balasan publik"
        CATATAN = "catatan", "Catatan internal"
        TUGAS = "tugas", "Penugasan"
        PRIORITAS = "prioritas", "Prioritas diubah"
        GABUNG = "gabung", "Penggabungan"
        ESKALASI = "eskalasi", "Eskalasi LKPP"
        NILAI = "nilai", "Konfirmasi & penilaian"
        FAQ = "faq", "Artikel FAQ ditautkan"
        BERITA_ACARA = "berita_acara", "Berita acara"

    tiket = models.ForeignKey(Tiket, on_delete=models.CASCADE, related_name="peristiwa")
    jenis = models.CharField(max_length=20, choices=Jenis.choices)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    nama_oleh = models.CharField(max_length=150, blank=True)
    dari = models.CharField(max_length=60, blank=True)
    ke = models.CharField(max_length=60, blank=True)
    keterangan = models.CharField(max_length=500, blank=True)
    waktu = models.DateTimeField()

    class Meta:
        ordering = ["waktu", "id"]
        verbose_name = "peristiwa tiket"
        verbose_name_plural = "peristiwa tiket"
        indexes = [models.Index(fields=["tiket", "waktu"], name="peristiwa_tiket_idx")]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.waktu:%Y-%m-%d %H:%M}"


class BalasanTemplat(models.Model):
    """A canned reply for a category, inserted into the reply box by staff."""

    kategori = models.CharField(max_length=20, choices=Kategori.choices)
    judul = models.CharField(max_length=120)
    isi = models.TextField(max_length=MAX_PESAN)
    aktif = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kategori", "judul"]
        verbose_name = "templat balasan"
        verbose_name_plural = "templat balasan"
        constraints = [models.UniqueConstraint(fields=["kategori", "judul"], name="templat_judul_unik")]

    def __str__(self) -> str:
        return f"[{self.get_kategori_display()}] {self.judul}"


class Eskalasi(models.Model):
    """A ticket passed to LKPP because the LPSE cannot solve it (Pasal 15 ayat 3)."""

    class Level(models.TextChoices):
        HELPDESK_LKPP = "helpdesk", "Helpdesk LKPP"
        TEKNIS_LKPP = "teknis", "Helpdesk Teknis LKPP"

    tiket = models.ForeignKey(Tiket, on_delete=models.CASCADE, related_name="eskalasi")
    level = models.CharField(max_length=20, choices=Level.choices, default=Level.HELPDESK_LKPP)
    nomor_referensi = models.CharField("nomor referensi LKPP", max_length=80, blank=True)
    dikirim = models.DateTimeField("dikirim ke LKPP")
    uraian = models.TextField("yang disampaikan", max_length=MAX_PESAN)
    dijawab = models.DateTimeField("dijawab LKPP", null=True, blank=True)
    jawaban = models.TextField("jawaban LKPP", max_length=MAX_PESAN, blank=True)
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    history = HistoricalRecords()

    class Meta:
        ordering = ["dikirim", "id"]
        verbose_name = "eskalasi LKPP"
        verbose_name_plural = "eskalasi LKPP"
        indexes = [
            models.Index(fields=["dikirim"], name="eskalasi_menunggu_idx", condition=Q(dijawab__isnull=True)),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(dijawab__isnull=True) | Q(dijawab__gte=F("dikirim")),
                name="eskalasi_jawaban_setelah_kirim",
                violation_error_message="Tanggal jawaban LKPP tidak boleh sebelum tanggal kirim.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()} {self.nomor_referensi or '(tanpa nomor)'}"


class BeritaAcaraKesaksian(models.Model):
    """Berita acara kesaksian (Pasal 15 ayat 2): LPSE witnesses that a Pokja
    could not open a vendor's offer document."""

    tiket = models.ForeignKey(Tiket, on_delete=models.PROTECT, related_name="berita_acara")
    kode_paket = models.CharField("kode paket", max_length=40)
    nama_paket = models.CharField("nama paket", max_length=300)
    pokja = models.CharField("Pokja ULP/Pejabat Pengadaan", max_length=200)
    wakil_pokja = models.CharField("nama wakil Pokja yang menandatangani", max_length=150)
    penyedia = models.CharField("penyedia", max_length=200)
    nama_berkas = models.CharField("nama berkas penawaran", max_length=255)
    ukuran_berkas = models.CharField("ukuran berkas", max_length=40)
    waktu_kejadian = models.DateTimeField("waktu kejadian")
    upaya = models.TextField("upaya yang dilakukan", max_length=MAX_PESAN)
    hasil = models.TextField("hasil", max_length=MAX_PESAN)
    ke_lkpp = models.BooleanField("diteruskan ke LKPP untuk uji forensik", default=False)
    saksi = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", verbose_name="saksi LPSE")
    dokumen = models.OneToOneField("lpse.Dokumen", null=True, blank=True, on_delete=models.PROTECT)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dibuat = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[saksi])

    class Meta:
        ordering = ["-id"]
        verbose_name = "berita acara kesaksian"
        verbose_name_plural = "berita acara kesaksian"

    def __str__(self) -> str:
        return f"BA kesaksian {self.kode_paket}"
