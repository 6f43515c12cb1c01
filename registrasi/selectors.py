"""Reads of the bidang shared by views, the panel and the export."""

from datetime import timedelta

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from . import conf
from .models import JadwalVerifikasi, Pendaftaran

Status = Pendaftaran.Status


def antrian_queryset() -> QuerySet[Pendaftaran]:
    """The register as the queue shows it: one query with the verifier joined."""
    return (
        Pendaftaran.objects.exclude(status=Status.MENUNGGU_KONFIRMASI)
        .select_related("verifikator")
        .only(
            "id",
            "nomor",
            "jenis",
            "status",
            "nama_badan_usaha",
            "bentuk_usaha",
            "npwp",
            "nib",
            "pj_nama",
            "pj_nik",
            "email",
            "diajukan",
            "batas_sla",
            "putaran",
            "verifikator__id",
            "verifikator__nama_lengkap",
        )
        .order_by("-diajukan", "-id")
    )


COUNTS_CACHE_KEY = "registrasi:hitung-status"


def status_counts() -> dict[str, int]:
    """Applications per status and those past the SLA target: two queries whatever the volume,
    reused for a few seconds (see conf.hitung_cache_detik) by the queue and the dashboard panel.

    GROUP BY status reads the status index; the past-SLA count uses the
    partial index on waiting applications (one FILTER aggregate over the
    whole table was several times slower at 100,000 rows).
    """
    ttl = conf.hitung_cache_detik()
    if ttl and (cached := cache.get(COUNTS_CACHE_KEY)) is not None:
        return cached
    counts = dict.fromkeys(Status.values, 0)
    counts.update(Pendaftaran.objects.order_by().values_list("status").annotate(n=Count("id")))
    counts["lewat_sla"] = Pendaftaran.objects.filter(status=Status.DIAJUKAN, batas_sla__lt=timezone.now()).count()
    if ttl:
        cache.set(COUNTS_CACHE_KEY, counts, ttl)
    return counts


def status_counts_changed() -> None:
    """Forget the cached counts once the current transaction commits."""
    transaction.on_commit(lambda: cache.delete(COUNTS_CACHE_KEY))


def jadwal_hari_ini() -> QuerySet[JadwalVerifikasi]:
    today = timezone.localdate()
    return (
        JadwalVerifikasi.objects.filter(slot__mulai__date=today)
        .select_related("slot", "pendaftaran")
        .order_by("slot__mulai")
    )


def pendaftaran_detail(pk: int) -> Pendaftaran:
    return (
        Pendaftaran.objects.select_related("verifikator", "instansi", "akun", "jadwal__slot")
        .prefetch_related("berkas", "keputusan__verifikator", "keputusan__berita_acara", "penonaktifan")
        .get(pk=pk)
    )


def pendaftaran_by_token(token: str) -> Pendaftaran:
    """The applicant's own application, by the private token of their status link."""
    return (
        Pendaftaran.objects.select_related("instansi", "jadwal__slot")
        .prefetch_related("berkas", "keputusan", "penonaktifan")
        .exclude(status=Status.MENUNGGU_KONFIRMASI)
        .get(token=token)
    )


def akan_kedaluwarsa(*, today, days: int = 30) -> QuerySet[Pendaftaran]:
    """Approved users whose appointment (officials) or licence (vendors) ends within ``days``
    or has ended already, soonest first."""
    limit = today + timedelta(days=days)
    return (
        Pendaftaran.objects.filter(status=Status.DISETUJUI)
        .filter(Q(masa_berlaku_sampai__lte=limit) | Q(izin_berlaku_sampai__lte=limit))
        .annotate(berakhir=Coalesce("masa_berlaku_sampai", "izin_berlaku_sampai"))
        .select_related("instansi")
        .order_by("berakhir", "id")
    )
