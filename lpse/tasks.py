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


@shared_task(soft_time_limit=120, time_limit=180)
def dokumen_render(dokumen_id: int) -> bool:
    """Make the PDF of an issued document (lpse.documents.dokumen_queue_render): the
    request that issued it has answered already. Idempotent: run twice, stored once."""
    from .documents import dokumen_build

    return dokumen_build(dokumen_id=dokumen_id)


@shared_task(soft_time_limit=120, time_limit=180)
def dokumen_sign(tanda_tangan_id: int, sealed: str) -> str:
    """Put one official's signature on a document (lpse.signing.service.tanda_tangan_request).

    ``sealed`` is the passphrase encrypted for a few minutes (Fernet); it is
    sent with ``argsrepr`` redacted, so neither the worker log nor the stored
    result shows even the sealed form.
    """
    from .signing.service import tanda_tangan_run

    return tanda_tangan_run(tanda_tangan_id=tanda_tangan_id, sealed=sealed)
