"""Settings of the bidang, each with a default so an install works without them."""

from django.conf import settings


def sla_hari() -> int:
    """Working days from submission to a decision (the highlighted SLA target)."""
    return getattr(settings, "REGISTRASI_SLA_HARI", 3)


def max_upload_bytes() -> int:
    return getattr(settings, "REGISTRASI_MAX_UPLOAD_BYTES", 5 * 1024 * 1024)


def catatan_materai() -> str:
    """What the printed forms say about the stamp duty (materai); rates change by law."""
    return getattr(
        settings,
        "REGISTRASI_CATATAN_MATERAI",
        "Ditandatangani di atas meterai Rp10.000 oleh pimpinan/penanggung jawab badan usaha.",
    )


def konfirmasi_hari() -> int:
    """Days an unconfirmed application holds its NPWP and email; a mistyped email must not block a vendor."""
    return getattr(settings, "REGISTRASI_KONFIRMASI_HARI", 2)


def hitung_cache_detik() -> int:
    """Seconds the queue's per-status counts may be reused. Writes through the services clear
    them at once; the TTL only bounds staleness from other writers (bulk loads, admin)."""
    return getattr(settings, "REGISTRASI_HITUNG_CACHE_DETIK", 15)
