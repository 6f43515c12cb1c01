"""Platform tasks: thin entry points that call services."""

from celery import shared_task
from django.utils import timezone

from . import mail
from .models import Heartbeat


@shared_task(soft_time_limit=30, time_limit=60)
def heartbeat() -> str:
    """Beat runs this every minute; /healthz reads the time it leaves."""
    Heartbeat.objects.update_or_create(name="worker", defaults={"last_seen": timezone.now()})
    return "ok"


@shared_task(
    autoretry_for=(OSError,), retry_backoff=30, retry_kwargs={"max_retries": 5}, soft_time_limit=60, time_limit=90
)
def send_outbox_email(mail_id: int) -> bool:
    """Send one queued email; retried while the mail server is away."""
    return mail.outbox_send(mail_id=mail_id)


@shared_task(soft_time_limit=300, time_limit=360)
def flush_outbox() -> int:
    """Send what was left in the outbox while the broker or SMTP was down."""
    sent = 0
    for mail_id in mail.outbox_pending_ids():
        try:
            sent += mail.outbox_send(mail_id=mail_id)
        except OSError:
            continue
    return sent


@shared_task(soft_time_limit=1800, time_limit=1900)
def refresh_daily_totals() -> list[str]:
    """Nightly: move each bidang's running totals (lpse.totals) to yesterday and clear dirty days,
    so the year pages' readers find them current."""
    from . import totals

    for bidang in totals.sources():
        totals.refresh(bidang)
    return totals.sources()


@shared_task(soft_time_limit=600, time_limit=660)
def import_run(record_id: int) -> str | None:
    """Write a confirmed spreadsheet import (lpse.imports) in one transaction."""
    from .imports.services import import_run as run

    record = run(record_id=record_id)
    return record.status if record else None
