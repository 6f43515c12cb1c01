"""Public page content kept by the Sekretariat (Pasal 8(4)d)."""

from django.db import models
from simple_history.models import HistoricalRecords


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
