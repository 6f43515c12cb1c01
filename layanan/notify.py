"""SLA warnings for the Kepala Bidang Layanan dan Dukungan."""

from datetime import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from lpse import roles
from lpse.mail import queue_email

from .models import OPEN_STATUSES, Tiket

LIMIT = 200  # one mail lists at most this many tickets; the rest follow on the next run


@transaction.atomic
def sla_notify(*, now: datetime | None = None) -> int:
    """Mail tickets newly near (¾ of the target gone) or past their SLA
    deadline to the Kepala Bidang Layanan; each level is mailed once per
    deadline (``sla_notif``). Returns the number of tickets reported."""
    now = now or timezone.now()
    due = list(
        Tiket.objects.select_for_update(skip_locked=True)
        .filter(status__in=OPEN_STATUSES, sla_berikut__isnull=False)
        .filter(Q(sla_berikut__lte=now, sla_notif__lt=2) | Q(sla_berikut_waspada__lte=now, sla_notif__lt=1))
        .only("id", "subjek", "prioritas", "sla_berikut", "sla_berikut_waspada", "sla_notif", "status")
        .order_by("sla_berikut")[:LIMIT]
    )
    if not due:
        return 0
    lewat = [t for t in due if t.sla_berikut <= now]
    dekat = [t for t in due if t.sla_berikut > now]

    def line(t: Tiket) -> str:
        batas = timezone.localtime(t.sla_berikut)
        return f"- {t.nomor} [{t.get_prioritas_display()}] {t.subjek} — batas {batas:%d-%m-%Y %H.%M}"

    body = ["Tiket helpdesk yang perlu perhatian (dihitung dalam jam kerja):", ""]
    if lewat:
        body += ["LEWAT BATAS SLA:", *map(line, lewat), ""]
    if dekat:
        body += ["MENDEKATI BATAS SLA:", *map(line, dekat), ""]
    recipients = list(
        get_user_model()
        .objects.filter(groups__name=roles.KABID_LAYANAN, is_active=True)
        .values_list("email", flat=True)
    )
    queue_email(
        subject=f"[LPSE] SLA helpdesk: {len(lewat)} lewat batas, {len(dekat)} mendekati batas",
        body="\n".join(body),
        recipients=recipients,
    )
    Tiket.objects.filter(pk__in=[t.pk for t in dekat]).update(sla_notif=1)
    Tiket.objects.filter(pk__in=[t.pk for t in lewat]).update(sla_notif=2)
    return len(due)
