"""Perlengkapan and rumah tangga of the unit (Pasal 8(4)f): non-IT equipment and
consumables, their stock movements, who holds which equipment, staff requests
approved by the Sekretaris and the yearly stock-take (inventarisasi).

The balance of an item is never typed in: it is the sum of its movements
(``MutasiBarang.jumlah``). Each movement also stores the balance after it
(``saldo``), written under a lock on the item, and the database refuses a
negative one, so stock cannot go below zero even under concurrent writes.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords


class Barang(models.Model):
    """One kind of non-IT equipment or consumable (IT assets live in infrastruktur.Aset)."""

    class Jenis(models.TextChoices):
        PERALATAN = "peralatan", "Peralatan"
        HABIS_PAKAI = "habis_pakai", "Barang habis pakai"

    class Kondisi(models.TextChoices):
        BAIK = "baik", "Baik"
        RUSAK_RINGAN = "rusak_ringan", "Rusak ringan"
        RUSAK_BERAT = "rusak_berat", "Rusak berat"

    kode = models.CharField(
        "kode barang", max_length=30, unique=True, error_messages={"unique": "Kode barang ini sudah dipakai."}
    )
    nama = models.CharField("nama barang", max_length=150)
    jenis = models.CharField(max_length=12, choices=Jenis.choices, default=Jenis.HABIS_PAKAI)
    satuan = models.CharField(max_length=20, help_text="Mis. rim, buah, kotak, unit.")
    lokasi = models.CharField("lokasi simpan", max_length=100, blank=True)
    kondisi = models.CharField(max_length=12, choices=Kondisi.choices, default=Kondisi.BAIK)
    stok_minimum = models.PositiveIntegerField(
        "stok minimum",
        default=0,
        help_text="Pengingat dikirim bila stok di gudang di bawah angka ini; 0 = tanpa pengingat.",
    )
    keterangan = models.CharField(max_length=255, blank=True)
    aktif = models.BooleanField(default=True)
    # The day the low-stock reminder last went out: one reminder per item per day.
    diingatkan = models.DateField(null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["diingatkan"])

    class Meta:
        ordering = ["nama", "id"]
        verbose_name = "barang"
        verbose_name_plural = "barang"
        indexes = [models.Index(fields=["jenis", "nama"], name="barang_jenis_nama_idx")]

    def __str__(self) -> str:
        return f"{self.nama} ({self.kode})"

    def get_absolute_url(self) -> str:
        return reverse("sekretariat:barang-detail", args=[self.pk])


class MutasiBarang(models.Model):
    """One stock movement: in (+) or out (−). The balance is their sum."""

    class Jenis(models.TextChoices):
        MASUK = "masuk", "Barang masuk"
        KELUAR = "keluar", "Barang keluar"
        PINJAM = "pinjam", "Dipinjamkan/diserahkan ke pegawai"
        KEMBALI = "kembali", "Dikembalikan pegawai"
        PENYESUAIAN = "penyesuaian", "Penyesuaian hasil inventarisasi"

    barang = models.ForeignKey(Barang, on_delete=models.PROTECT, related_name="mutasi")
    jenis = models.CharField(max_length=12, choices=Jenis.choices)
    jumlah = models.IntegerField(help_text="Positif untuk masuk, negatif untuk keluar.")
    saldo = models.IntegerField("saldo sesudahnya")
    tanggal = models.DateField(default=timezone.localdate)
    keterangan = models.CharField(max_length=255, blank=True)
    permintaan = models.ForeignKey(
        "PermintaanBarang", null=True, blank=True, on_delete=models.PROTECT, related_name="mutasi"
    )
    peminjaman = models.ForeignKey("Peminjaman", null=True, blank=True, on_delete=models.PROTECT, related_name="mutasi")
    stok_opname = models.ForeignKey(
        "StokOpname", null=True, blank=True, on_delete=models.PROTECT, related_name="mutasi"
    )
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dicatat = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-dicatat", "-id"]
        verbose_name = "mutasi barang"
        verbose_name_plural = "mutasi barang"
        indexes = [models.Index(fields=["barang", "-id"], name="mutasi_barang_terakhir_idx")]
        constraints = [
            # Pasal 8(4)f: what is in the store cannot be less than nothing.
            models.CheckConstraint(
                condition=Q(saldo__gte=0),
                name="mutasi_saldo_tidak_negatif",
                violation_error_message="Stok tidak boleh negatif.",
            ),
            models.CheckConstraint(
                condition=(
                    Q(jenis__in=["masuk", "kembali"], jumlah__gt=0) | Q(jenis__in=["keluar", "pinjam"], jumlah__lt=0)
                )
                | (Q(jenis="penyesuaian") & ~Q(jumlah=0)),
                name="mutasi_arah_sesuai_jenis",
                violation_error_message="Jumlah harus positif untuk barang masuk dan negatif untuk barang keluar.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.jumlah:+d} {self.barang.satuan}"


class Peminjaman(models.Model):
    """Equipment lent or assigned to a Pegawai: who holds what until it is returned."""

    barang = models.ForeignKey(Barang, on_delete=models.PROTECT, related_name="peminjaman")
    pegawai = models.ForeignKey("Pegawai", on_delete=models.PROTECT, related_name="peminjaman")
    jumlah = models.PositiveIntegerField(validators=[MinValueValidator(1, "Jumlah paling sedikit 1.")])
    mulai = models.DateField("tanggal serah", default=timezone.localdate)
    kembali = models.DateField("tanggal kembali", null=True, blank=True)
    keterangan = models.CharField(max_length=255, blank=True)
    permintaan = models.OneToOneField(
        "PermintaanBarang", null=True, blank=True, on_delete=models.PROTECT, related_name="peminjaman"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-mulai", "-id"]
        verbose_name = "peminjaman barang"
        verbose_name_plural = "peminjaman barang"
        constraints = [
            models.CheckConstraint(
                condition=Q(kembali__isnull=True) | Q(kembali__gte=F("mulai")),
                name="peminjaman_kembali_setelah_serah",
                violation_error_message="Tanggal kembali tidak boleh sebelum tanggal serah.",
            ),
            models.CheckConstraint(condition=Q(jumlah__gte=1), name="peminjaman_jumlah_positif"),
        ]

    def __str__(self) -> str:
        return f"{self.barang.nama} × {self.jumlah} — {self.pegawai.nama}"


class PermintaanBarang(models.Model):
    """A staff member's request for an item; the Sekretaris approves or rejects it."""

    class Status(models.TextChoices):
        DIAJUKAN = "diajukan", "Menunggu persetujuan"
        DISETUJUI = "disetujui", "Disetujui"
        DITOLAK = "ditolak", "Ditolak"

    barang = models.ForeignKey(Barang, on_delete=models.PROTECT, related_name="permintaan")
    jumlah = models.PositiveIntegerField(validators=[MinValueValidator(1, "Jumlah paling sedikit 1.")])
    keperluan = models.CharField(max_length=255)
    pemohon = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="permintaan_barang")
    diajukan = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DIAJUKAN)
    diputus_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diputus = models.DateTimeField(null=True, blank=True)
    alasan = models.CharField("alasan penolakan", max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-diajukan", "-id"]
        verbose_name = "permintaan barang"
        verbose_name_plural = "permintaan barang"
        indexes = [models.Index(fields=["status", "-diajukan"], name="permintaan_status_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(jumlah__gte=1), name="permintaan_jumlah_positif"),
            models.CheckConstraint(
                condition=~Q(status="ditolak") | ~Q(alasan=""),
                name="permintaan_tolak_beralasan",
                violation_error_message="Penolakan harus disertai alasan.",
            ),
        ]

    def __str__(self) -> str:
        return f"Permintaan {self.barang.nama} × {self.jumlah}"


class StokOpname(models.Model):
    """The yearly stock-take: counted against recorded per item, closed by a numbered berita acara."""

    class Status(models.TextChoices):
        DRAF = "draf", "Pencacahan"
        SELESAI = "selesai", "Selesai"

    tahun = models.PositiveIntegerField(unique=True, error_messages={"unique": "Inventarisasi tahun ini sudah dibuat."})
    tanggal = models.DateField("tanggal pencacahan", default=timezone.localdate)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.DRAF)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    disahkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dokumen = models.OneToOneField("lpse.Dokumen", null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-tahun"]
        verbose_name = "inventarisasi perlengkapan"
        verbose_name_plural = "inventarisasi perlengkapan"

    def __str__(self) -> str:
        return f"Inventarisasi perlengkapan {self.tahun}"

    def get_absolute_url(self) -> str:
        return reverse("sekretariat:stok-opname-detail", args=[self.pk])


class StokOpnameItem(models.Model):
    """One item of a stock-take: what the register said and what was counted."""

    stok_opname = models.ForeignKey(StokOpname, on_delete=models.CASCADE, related_name="items")
    barang = models.ForeignKey(Barang, on_delete=models.PROTECT, related_name="+")
    tercatat = models.IntegerField("jumlah tercatat")
    dihitung = models.PositiveIntegerField("jumlah dihitung")
    keterangan = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["barang__nama", "id"]
        constraints = [models.UniqueConstraint(fields=["stok_opname", "barang"], name="stok_opname_barang_unik")]

    def __str__(self) -> str:
        return f"{self.barang.nama}: tercatat {self.tercatat}, dihitung {self.dihitung}"

    @property
    def selisih(self) -> int:
        return self.dihitung - self.tercatat
