"""Celery entry points of the bidang: thin, they call services."""

from celery import shared_task

from . import services


@shared_task(soft_time_limit=300, time_limit=360)
def ingatkan_kedaluwarsa() -> int:
    """Daily: remind users whose masa berlaku jabatan or licence ends within 30 days."""
    return services.pendaftaran_send_expiry_reminders()


@shared_task(soft_time_limit=120, time_limit=180)
def batalkan_belum_dikonfirmasi() -> int:
    """Daily: cancel applications whose email was never confirmed, so their NPWP and email are free again."""
    return services.pendaftaran_expire_unconfirmed()
