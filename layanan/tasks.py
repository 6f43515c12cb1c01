"""Celery entry points of Layanan dan Dukungan: thin, they call services."""

from celery import shared_task


@shared_task(soft_time_limit=120, time_limit=180)
def sla_peringatan() -> int:
    """Mail the Kepala Bidang Layanan the tickets that near or passed their SLA."""
    from .notify import sla_notify

    return sla_notify()
