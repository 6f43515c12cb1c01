"""FAQ categories and articles (Pasal 11)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords


class KategoriFaq(models.Model):
    nama = models.CharField(max_length=100, unique=True)
    urutan = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["urutan", "nama"]
        verbose_name = "kategori FAQ"
        verbose_name_plural = "kategori FAQ"

    def __str__(self) -> str:
        return self.nama


class ArtikelFaq(models.Model):
    """A published answer to a frequent question (Pasal 11 ayat 3 huruf c)."""

    kategori = models.ForeignKey(KategoriFaq, on_delete=models.PROTECT, related_name="artikel")
    judul = models.CharField(max_length=200)
    isi = models.TextField(max_length=50_000)
    terbit = models.BooleanField("terbit", default=False)
    membantu = models.PositiveIntegerField(default=0)
    tidak_membantu = models.PositiveIntegerField(default=0)
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    dibuat = models.DateTimeField(auto_now_add=True)
    diubah = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["membantu", "tidak_membantu", "diubah"])

    class Meta:
        ordering = ["kategori__urutan", "judul"]
        verbose_name = "artikel FAQ"
        verbose_name_plural = "artikel FAQ"

    def __str__(self) -> str:
        return self.judul

    def get_absolute_url(self) -> str:
        return reverse("layanan:faq-detail", args=[self.pk])
