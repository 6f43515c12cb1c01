"""Coordination with LKPP (Pasal 24(2)): consultations and the information and
technical proposals the unit sent about SPSE, with LKPP's answers."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords


class KoordinasiLkpp(models.Model):
    """One exchange with LKPP: what the unit asked or proposed, by which
    channel, under which reference, and what came back. Inbound LKPP
    instructions and ticket escalations stay where they are and are linked."""

    class Jenis(models.TextChoices):
        KONSULTASI = "konsultasi", "Konsultasi"
        INFORMASI = "informasi", "Penyampaian informasi"
        USULAN = "usulan", "Usulan teknis tentang SPSE"

    class Saluran(models.TextChoices):
        SURAT = "surat", "Surat dinas"
        EMAIL = "email", "Email"
        HELPDESK = "helpdesk", "Helpdesk/portal LKPP"
        TELEPON = "telepon", "Telepon"
        PERTEMUAN = "pertemuan", "Pertemuan/rapat"

    jenis = models.CharField(max_length=12, choices=Jenis.choices, default=Jenis.KONSULTASI)
    perihal = models.CharField(max_length=255)
    tanggal = models.DateField(default=timezone.localdate)
    saluran = models.CharField(max_length=12, choices=Saluran.choices, default=Saluran.SURAT)
    referensi = models.CharField("nomor surat/referensi", max_length=100, blank=True)
    isi = models.TextField("yang disampaikan")
    jawaban = models.TextField("jawaban LKPP", blank=True)
    tanggal_jawab = models.DateField("tanggal jawaban", null=True, blank=True)
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-tanggal", "-id"]
        verbose_name = "koordinasi LKPP"
        verbose_name_plural = "koordinasi LKPP"
        constraints = [
            models.CheckConstraint(
                condition=Q(tanggal_jawab__isnull=True) | Q(tanggal_jawab__gte=F("tanggal")),
                name="koordinasi_jawab_setelah_kirim",
                violation_error_message="Tanggal jawaban tidak boleh sebelum tanggal pengiriman.",
            ),
            models.CheckConstraint(
                condition=Q(tanggal_jawab__isnull=True) | ~Q(jawaban=""),
                name="koordinasi_jawaban_ada_isi",
                violation_error_message="Isi jawaban LKPP bila tanggal jawaban diisi.",
            ),
        ]

    def __str__(self) -> str:
        return self.perihal

    def get_absolute_url(self) -> str:
        return reverse("sekretariat:koordinasi-detail", args=[self.pk])


class KoordinasiTautan(models.Model):
    """A record elsewhere in the portal the exchange was about (a ticket, an
    escalation, an LKPP instruction, an incident), linked, not copied."""

    koordinasi = models.ForeignKey(KoordinasiLkpp, on_delete=models.CASCADE, related_name="tautan")
    jenis = models.CharField("jenis tautan", max_length=60)  # a key of lpse.links
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["koordinasi", "content_type", "object_id"], name="koordinasi_tautan_unik")
        ]

    def __str__(self) -> str:
        return f"{self.jenis} #{self.object_id}"
