"""Celery entry points of the bidang: thin, they call services."""

from celery import shared_task

from lpse.schedules import once_per_day

from . import services


@shared_task(soft_time_limit=300, time_limit=360)
@once_per_day(lease_seconds=360, skipped=0)
def ingatkan_kedaluwarsa() -> int:
    """Daily: remind users whose masa berlaku jabatan or licence ends within 30 days."""
    return services.pendaftaran_send_expiry_reminders()


@shared_task(soft_time_limit=120, time_limit=180)
@once_per_day(lease_seconds=180, skipped=0)
def batalkan_belum_dikonfirmasi() -> int:
    """Daily: cancel applications whose email was never confirmed, so their NPWP and email are free again."""
    return services.pendaftaran_expire_unconfirmed()


@shared_task(soft_time_limit=300, time_limit=360)
@once_per_day(lease_seconds=360, skipped=0)
def hapus_draf_kedaluwarsa() -> int:
    """Daily: purge registration drafts (and their documents) past REGISTRASI_DRAFT_DAYS (issue 13)."""
    return services.draf_purge_expired()
