"""The figures of the staff dashboard (issue 13): one shape for every bidang's panel.

Each panel (``<app>/panels.py``) hands the dashboard a list of ``figure(...)``
dicts; ``templates/lpse/_angka.html`` draws them all the same way: the number
of this month as a link to the list behind it (filtered by the link's query),
last month beside it, a small chart of the trend with its numbers in an
``aria-label``, and colour only where ``attention`` says something needs it.
"""

from datetime import date, timedelta

from django.utils.formats import number_format

MONTHS = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")


def month_start(day: date) -> date:
    return day.replace(day=1)


def previous_month(start: date) -> date:
    return (start - timedelta(days=1)).replace(day=1)


def month_end(start: date) -> date:
    return (start.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def recent_months(today: date, n: int = 6) -> list[date]:
    """The first days of the last ``n`` months, oldest first, this month last."""
    months = [month_start(today)]
    while len(months) < n:
        months.insert(0, previous_month(months[0]))
    return months


def month_label(start: date) -> str:
    return f"{MONTHS[start.month - 1]} {start.year}"


def period_query(start: date, end: date, *, prefix: str = "") -> str:
    """``dari=2026-11-01&sampai=2026-11-30`` (with an optional prefix such as ``dibuat_``)."""
    return f"{prefix}dari={start.isoformat()}&{prefix}sampai={end.isoformat()}"


def figure(
    *,
    key: str,
    label: str,
    value,
    url: str,
    previous=None,
    previous_url: str = "",
    trend: list[tuple[date, float]] | None = None,
    attention: str = "",
    note: str = "",
    display: str = "",
) -> dict:
    """One figure of a panel. ``attention`` is ``""``, ``"warning"`` or ``"danger"``; ``trend``
    holds (month start, value) pairs, oldest first."""
    shown = display or (number_format(value, force_grouping=True) if isinstance(value, int | float) else str(value))
    chart = None
    if trend:
        labels = [month_label(m) for m, _ in trend]
        values = [v for _, v in trend]
        chart = {
            "labels": labels,
            "values": values,
            "text": f"Tren {label.lower()}: "
            + ", ".join(
                f"{lbl} {number_format(v, force_grouping=True)}" for lbl, v in zip(labels, values, strict=True)
            ),
        }
    return {
        "key": key,
        "label": label,
        "value": value,
        "display": shown,
        "url": url,
        "previous": previous,
        "previous_url": previous_url,
        "chart": chart,
        "attention": attention,
        "note": note,
    }
