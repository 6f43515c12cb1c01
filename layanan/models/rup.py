"""RUP and announcement facilitation (Pasal 4(1)a–b, 24(1)a)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from .tiket import Tiket

# --- RUP and announcement facilitation (Pasal 4(1)a–b, 24(1)a) ----------------------


class StatusFasilitasi(models.TextChoices):
    BELUM = "belum", "Belum diumumkan"
    PENDAMPINGAN = "pendampingan", "Dalam pendampingan"
    DIUMUMKAN = "diumumkan", "Diumumkan"


class FasilitasiRup(models.Model):
    """Pasal 4(1)a, 24(1)a: the unit helps each PA/KPA announce the rencana
    umum pengadaan (RUP) of an OPD for a budget year on the national portal.
    One row per OPD and year; the RUP itself stays the OPD's (Pasal 4(3))."""

    instansi = models.ForeignKey("lpse.Instansi", on_delete=models.PROTECT, related_name="+", verbose_name="OPD")
    tahun = models.PositiveSmallIntegerField("tahun anggaran")
    status = models.CharField(max_length=15, choices=StatusFasilitasi.choices, default=StatusFasilitasi.BELUM)
    tanggal_umum = models.DateField("tanggal diumumkan", null=True, blank=True)
    referensi = models.CharField(
        "referensi di portal nasional", max_length=100, blank=True, help_text="Kode/ID RUP pada SiRUP."
    )
    petugas = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    catatan = models.TextField(blank=True)
    diingatkan = models.DateField("pengingat terakhir", null=True, blank=True, editable=False)
    diubah = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["diingatkan", "diubah"])

    class Meta:
        ordering = ["-tahun", "instansi__nama"]
        verbose_name = "fasilitasi RUP"
        verbose_name_plural = "fasilitasi RUP"
        constraints = [
            models.UniqueConstraint(fields=["instansi", "tahun"], name="fasilitasi_rup_unik"),
            models.CheckConstraint(
                condition=~Q(status="diumumkan") | (Q(tanggal_umum__isnull=False) & ~Q(referensi="")),
                name="rup_diumumkan_ada_tanggal_referensi",
                violation_error_message="RUP yang diumumkan memerlukan tanggal dan referensi portal nasional.",
            ),
        ]

    def __str__(self) -> str:
        return f"RUP {self.instansi} {self.tahun}"

    def get_absolute_url(self) -> str:
        return reverse("layanan:rup-detail", args=[self.pk])


class FasilitasiPengumuman(models.Model):
    """Pasal 4(1)b, 24(1)a: a procurement announcement the unit helped a
    ULP/Pejabat Pengadaan publish on the national portal. Only the fact of
    the help is kept, not the package (Pasal 4(3))."""

    instansi = models.ForeignKey("lpse.Instansi", on_delete=models.PROTECT, related_name="+", verbose_name="OPD/ULP")
    perihal = models.CharField("pengumuman", max_length=255)
    status = models.CharField(max_length=15, choices=StatusFasilitasi.choices, default=StatusFasilitasi.PENDAMPINGAN)
    tanggal_umum = models.DateField("tanggal diumumkan", null=True, blank=True)
    referensi = models.CharField("referensi di portal nasional", max_length=100, blank=True)
    petugas = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dibuat = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-dibuat"]
        verbose_name = "fasilitasi pengumuman ULP"
        verbose_name_plural = "fasilitasi pengumuman ULP"
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="diumumkan") | (Q(tanggal_umum__isnull=False) & ~Q(referensi="")),
                name="pengumuman_ulp_diumumkan_ada_tanggal",
                violation_error_message="Pengumuman yang diumumkan memerlukan tanggal dan referensi portal nasional.",
            ),
        ]

    def __str__(self) -> str:
        return self.perihal


class SesiPendampingan(models.Model):
    """One assistance session for an RUP or an announcement: when, by whom,
    what was done, and the tickets it answered."""

    rup = models.ForeignKey(FasilitasiRup, null=True, blank=True, on_delete=models.CASCADE, related_name="sesi")
    pengumuman = models.ForeignKey(
        FasilitasiPengumuman, null=True, blank=True, on_delete=models.CASCADE, related_name="sesi"
    )
    tanggal = models.DateField()
    petugas = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uraian = models.TextField("bantuan yang diberikan")
    tiket = models.ManyToManyField(Tiket, blank=True, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-tanggal", "-id"]
        verbose_name = "sesi pendampingan"
        verbose_name_plural = "sesi pendampingan"
        constraints = [
            models.CheckConstraint(
                condition=Q(rup__isnull=False, pengumuman__isnull=True) | Q(rup__isnull=True, pengumuman__isnull=False),
                name="sesi_untuk_rup_atau_pengumuman",
                violation_error_message="Sesi pendampingan untuk satu RUP atau satu pengumuman.",
            )
        ]

    def __str__(self) -> str:
        return f"Pendampingan {self.tanggal}"
