"""Registration drafts saved before submission, with their files."""

from django.db import models
from django.utils import timezone

from lpse.uploads import PrivateUploadTo

from .common import JenisDokumen, _token
from .pendaftaran import Pendaftaran


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
