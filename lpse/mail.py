"""Mail through a transactional outbox: written with the change, sent after
commit by the worker, retried by ``flush_outbox`` when anything was down."""

import logging
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from .models import EmailOutbox

logger = logging.getLogger(__name__)


def queue_email(*, subject: str, body: str, recipients: list[str]) -> EmailOutbox | None:
    """Record an email and queue it for the worker once the transaction commits.

    A rolled-back change leaves no row and sends nothing.
    """
    recipients = sorted({r for r in recipients if r})
    if not recipients:
        return None
    mail = EmailOutbox.objects.create(subjek=subject[:255], isi=body, penerima=recipients)
    transaction.on_commit(partial(_dispatch, mail.pk))
    return mail


def _dispatch(mail_id: int) -> None:
    from .tasks import send_outbox_email

    try:
        send_outbox_email.delay(mail_id)
    except Exception:  # broker down: flush_outbox will pick it up
        logger.warning("Broker tidak tersedia; email %s menunggu di outbox", mail_id)


def outbox_send(*, mail_id: int) -> bool:
    """Send one outbox email unless it has gone already. True when sent now.

    A failure is recorded on the row (attempts, last error) and then raised,
    so the task retries; the record is committed before the raise, or the
    rollback would erase it.
    """
    failure = None
    with transaction.atomic():
        mail = EmailOutbox.objects.select_for_update(skip_locked=True).filter(pk=mail_id, terkirim=None).first()
        if mail is None:
            return False
        mail.percobaan += 1
        try:
            send_mail(mail.subjek, mail.isi, None, mail.penerima)
        except OSError as exc:
            failure = exc
            mail.galat_terakhir = f"{type(exc).__name__}: {exc}"[:2000]
            mail.save(update_fields=["percobaan", "galat_terakhir"])
        else:
            mail.terkirim = timezone.now()
            mail.save(update_fields=["terkirim", "percobaan"])
    if failure is not None:
        raise failure
    return True


def outbox_pending_ids(*, older_than_seconds: int | None = None, limit: int = 500) -> list[int]:
    """Mail still unsent after OUTBOX_RETRY_AFTER_SECONDS (its own task had that long)."""
    if older_than_seconds is None:
        older_than_seconds = settings.OUTBOX_RETRY_AFTER_SECONDS
    cutoff = timezone.now() - timezone.timedelta(seconds=older_than_seconds)
    return list(
        EmailOutbox.objects.filter(terkirim=None, dibuat__lte=cutoff, percobaan__lt=20)
        .order_by("dibuat")
        .values_list("pk", flat=True)[:limit]
    )
