"""The staff panel and the Kepala Unit's dashboard (issue 13)."""

from datetime import date, datetime

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone

from ..models import (
    OPEN_STATUSES,
    Eskalasi,
    Pelatihan,
    Status,
    Tiket,
)
from .pelatihan import pelatihan_held_q


def panel_counts() -> dict:
    """Counts for the staff dashboard panel, in two aggregate queries, cached
    for 30 s: the dashboard is open all day in every office's browser."""
    from django.core.cache import cache

    return cache.get_or_set("layanan:panel-counts", _panel_counts, 30)


def _panel_counts() -> dict:
    now = timezone.now()
    open_q = Q(status__in=OPEN_STATUSES)
    counts = Tiket.objects.filter(open_q).aggregate(
        baru=Count("id", filter=Q(status=Status.BARU)),
        ditangani=Count("id", filter=Q(status=Status.DITANGANI)),
        menunggu=Count("id", filter=Q(status=Status.MENUNGGU)),
        lewat=Count("id", filter=Q(sla_berikut__lte=now)),
        dekat=Count("id", filter=Q(sla_berikut__gt=now, sla_berikut_waspada__lte=now)),
    )
    counts["eskalasi"] = Eskalasi.objects.filter(dijawab__isnull=True).count()
    return counts


def panel_today() -> dict:
    """Today's trainings and room bookings for the dashboard (two small queries)."""
    from datetime import datetime, time, timedelta

    from ..models import Pelatihan, PemesananRuang

    tz = timezone.get_current_timezone()
    start = datetime.combine(timezone.localdate(), time(0), tz)
    end = start + timedelta(days=1)
    return {
        "pelatihan": list(
            Pelatihan.objects.filter(mulai__lt=end, selesai__gt=start).select_related("ruang").order_by("mulai")[:5]
        ),
        "pemesanan": list(
            PemesananRuang.objects.filter(mulai__lt=end, selesai__gt=start, status__in=PemesananRuang.AKTIF)
            .select_related("ruang")
            .order_by("mulai")[:8]
        ),
    }


# --- The Kepala Unit's dashboard (issue 13) ------------------------------------------------------


def dashboard_figures(*, today: date) -> list[dict]:
    """Tickets opened, solved within SLA and trainings held: this month, last month, six months
    of trend. The ticket figures are the running totals (lpse.totals, one aggregate); trainings one
    aggregate by month. The same number of queries whatever the volume."""
    from lpse import figures, totals

    months = figures.recent_months(today)
    this, prev = months[-1], months[-2]
    per_month = totals.monthly("layanan", start=months[0], today=today)
    tz = timezone.get_current_timezone()
    held = dict(
        Pelatihan.objects.filter(pelatihan_held_q(dari=months[0], sampai=today))
        .annotate(bulan=TruncMonth("selesai", tzinfo=tz))
        .values_list("bulan")
        .annotate(n=Count("id"))
        .order_by()
    )
    held = {timezone.localtime(k).date() if isinstance(k, datetime) else k: v for k, v in held.items()}
    index = reverse("layanan:index")
    kelola = reverse("layanan:pelatihan-kelola")

    def get(month, key):
        return per_month.get(month, {}).get(key, 0)

    def q(month, prefix, extra=""):
        end = min(figures.month_end(month), today)
        return f"?{figures.period_query(month, end, prefix=prefix)}{extra}"

    selesai, tepat = get(this, "selesai"), get(this, "tepat")
    return [
        figures.figure(
            key="tiket-masuk",
            label="Tiket masuk",
            value=get(this, "masuk"),
            url=index + q(this, "dibuat_"),
            previous=get(prev, "masuk"),
            previous_url=index + q(prev, "dibuat_"),
            trend=[(m, get(m, "masuk")) for m in months],
        ),
        figures.figure(
            key="tiket-tepat-sla",
            label="Selesai dalam SLA",
            value=tepat,
            url=index + q(this, "selesai_", "&sla=tepat"),
            previous=get(prev, "tepat"),
            previous_url=index + q(prev, "selesai_", "&sla=tepat"),
            trend=[(m, get(m, "tepat")) for m in months],
            note=f"dari {selesai} selesai ({round(100 * tepat / selesai)} %)" if selesai else "belum ada yang selesai",
            attention="warning" if selesai and tepat < selesai else "",
        ),
        figures.figure(
            key="pelatihan",
            label="Pelatihan terselenggara",
            value=held.get(this, 0),
            url=kelola + "?" + figures.period_query(this, min(figures.month_end(this), today)),
            previous=held.get(prev, 0),
            previous_url=kelola + "?" + figures.period_query(prev, figures.month_end(prev)),
            trend=[(m, held.get(m, 0)) for m in months],
        ),
    ]
