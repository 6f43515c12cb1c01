"""Running totals per day and per bidang (issue 14).

The year pages (program kerja, statistics, SOP compliance, the yearly report)
used to count a year of tickets, registrations and samples on every request.
A bidang now registers with ``lpse.registry`` (from its ``AppConfig.ready``) a
function that computes its *additive* figures for a range of days, and the
models whose changes touch them::

    registry.register("layanan", ..., daily_figures=selectors.daily_figures,
                      daily_watch={Tiket: ("dibuat", "diselesaikan", "selesai_batas", "dinilai")})

A watched model maps to the names of its date/datetime fields, or to a function
``days(instance) -> iterable of dates`` when a row's figures live on other rows'
days too (a registration's decisions are timed from its submission): it is
called with the row as stored before a save and with the row after it.

``daily(start=, end=)`` returns ``{day: {key: number}}`` (days without figures
may be left out). lpse keeps them in ``DailyTotal`` and ``sums()`` answers a
period with one aggregate over that table:

- days before today come from the table; today is computed live (its figures
  still move with the clock, and it is one day of rows);
- a save or delete of a watched row marks the days of its old and new dates
  dirty in the same transaction (``DailyTotalDirty``); ``sums()`` recomputes
  dirty days of its period before it adds, so the figures always equal a
  direct count;
- ``DailyTotalRange`` is the watermark: the days computed so far. A period
  outside it is computed on first read, and the nightly task
  ``lpse.tasks.refresh_daily_totals`` moves it to yesterday and clears dirty
  days, so readers rarely compute anything.

A period's sums are cached under a version per bidang that every mark retires
(see ``_retire``): a read with nothing changed is one round trip to the cache.

Writes that bypass signals (``QuerySet.update``, ``bulk_create``) must call
``mark_dirty`` themselves, or ``rebuild`` afterwards (as seed_volume does).

lpse imports no bidang app: everything here arrives through ``register``.
"""

import secrets
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Exists, Sum
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils import timezone

from . import pagecache


@dataclass(frozen=True)
class Source:
    bidang: str
    daily: Callable[..., dict]
    watch: dict = field(default_factory=dict)


_SOURCES: dict[str, Source] = {}


def register(bidang: str, *, daily: Callable[..., dict], watch: dict | None = None) -> Source:
    """Record a bidang's per-day figures and connect the signals of the models it watches
    (called by ``lpse.registry.register``)."""
    source = Source(bidang=bidang, daily=daily, watch=dict(watch or {}))
    _SOURCES[bidang] = source
    for model, fields in source.watch.items():
        uid = f"lpse.totals:{bidang}:{model._meta.label}"
        pre_save.connect(_remember_old_days(bidang, fields), sender=model, weak=False, dispatch_uid=uid + ":pre")
        post_save.connect(_mark_days(bidang, fields), sender=model, weak=False, dispatch_uid=uid + ":post")
        post_delete.connect(_mark_days(bidang, fields), sender=model, weak=False, dispatch_uid=uid + ":del")
    return source


def sources() -> list[str]:
    return list(_SOURCES)


def _day(value) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


def _days(values: Iterable) -> set[date]:
    return {d for d in (_day(v) for v in values) if d is not None}


def _remember_old_days(bidang: str, fields):
    def handler(sender, instance, raw=False, **kwargs):
        if raw or instance.pk is None:
            return
        if callable(fields):
            old = sender._default_manager.filter(pk=instance.pk).first()
            days = _days(fields(old)) if old is not None else set()
        else:
            days = _days(sender._default_manager.filter(pk=instance.pk).values_list(*fields).first() or ())
        setattr(instance, f"_lpse_total_days_{bidang}", days)

    return handler


def _mark_days(bidang: str, fields):
    def handler(sender, instance, raw=False, **kwargs):
        if raw:
            return
        now = _days(fields(instance)) if callable(fields) else _days(getattr(instance, f) for f in fields)
        mark_dirty(bidang, now | getattr(instance, f"_lpse_total_days_{bidang}", set()))

    return handler


def mark_dirty(bidang: str, days: Iterable[date]) -> None:
    """Mark days of a bidang stale (in the caller's transaction) and retire its cached sums."""
    from .models import DailyTotalDirty

    days = set(days)
    if not days:
        return
    DailyTotalDirty.objects.bulk_create([DailyTotalDirty(bidang=bidang, tanggal=d) for d in days])
    _retire(bidang)


# --- Cached sums -----------------------------------------------------------------------------
# A period's sums are cached under the bidang's version, which every change retires: at once
# (a reader inside the writer's transaction, or a test, sees the change) and again on commit
# (a reader that cached the old rows while the writer was still open is not believed). Stored
# days change only through marks, so their sums stay valid until the version moves; today's
# live figures are recomputed after LIVE_SECONDS as well, for the few that move with the clock
# alone (a ticket's deadline passing, layanan's ``lewat``).
LIVE_SECONDS = 60
CACHE_SECONDS = 24 * 3600


def _version_key(bidang: str) -> str:
    return f"lpse:totals:versi:{bidang}"


def _retire(bidang: str) -> None:
    from django.core.cache import cache

    def bump():
        cache.set(_version_key(bidang), secrets.token_hex(8), None)

    bump()
    transaction.on_commit(bump)


def _store(source: Source, start: date, end: date) -> None:
    """Recompute and replace the stored figures of the days [start, end]."""
    from .models import DailyTotal

    figures = source.daily(start=start, end=end)
    DailyTotal.objects.filter(bidang=source.bidang, tanggal__gte=start, tanggal__lte=end).delete()
    DailyTotal.objects.bulk_create(
        [
            DailyTotal(tanggal=day, bidang=source.bidang, kunci=key, nilai=value)
            for day, values in figures.items()
            if start <= day <= end
            for key, value in values.items()
            if value
        ],
        batch_size=2000,
    )


def _ensure(source: Source, start: date, end: date) -> None:
    """Make the stored days [start, end] (all before today) current: extend the range, clear dirty days.

    Whatever is missing or dirty is recomputed as one span of days with one call of the
    bidang's function, so a read costs the same number of queries whatever changed.
    """
    from .models import DailyTotalDirty, DailyTotalRange

    dirty = DailyTotalDirty.objects.filter(bidang=source.bidang, tanggal__gte=start, tanggal__lte=end)
    # One query whatever is known: the range and whether a day of the period is marked.
    known = (
        DailyTotalRange.objects.filter(bidang=source.bidang)
        .annotate(dirty=Exists(dirty))
        .values_list("dari", "sampai", "dirty")
        .first()
    )
    if known and known[0] <= start and end < known[1] and not known[2]:
        return
    with transaction.atomic():
        # One row per bidang, created without a savepoint even when two readers race.
        DailyTotalRange.objects.bulk_create(
            [DailyTotalRange(bidang=source.bidang, dari=start, sampai=start)], ignore_conflicts=True
        )
        rng = DailyTotalRange.objects.select_for_update().get(bidang=source.bidang)
        if rng.dari == rng.sampai:  # nothing computed yet
            rng.dari = rng.sampai = start
        days = []  # the first and last day to recompute
        if start < rng.dari:
            days += [start, rng.dari - timedelta(days=1)]
        if end >= rng.sampai:
            days += [rng.sampai, end]
        # Markers read under the lock; only these are deleted (a change landing now stays marked).
        marked = list(dirty.values_list("id", "tanggal"))
        days += [d for _, d in marked]
        if days:
            _store(source, min(days), max(days))
        rng.dari, rng.sampai = min(rng.dari, start), max(rng.sampai, end + timedelta(days=1))
        rng.save(update_fields=["dari", "sampai"])
        DailyTotalDirty.objects.filter(id__in=[i for i, _ in marked]).delete()


def refresh(bidang: str, *, today: date | None = None) -> None:
    """Move the watermark of a bidang to yesterday and recompute its dirty days (the nightly task)."""
    from .models import DailyTotalDirty, DailyTotalRange

    source = _SOURCES[bidang]
    yesterday = (today or timezone.localdate()) - timedelta(days=1)
    known = DailyTotalRange.objects.filter(bidang=bidang).values_list("dari", flat=True).first()
    oldest_dirty = (
        DailyTotalDirty.objects.filter(bidang=bidang).order_by("tanggal").values_list("tanggal", flat=True).first()
    )
    start = min(d for d in (known, oldest_dirty, yesterday) if d is not None)
    _ensure(source, start, yesterday)


def rebuild(bidang: str, *, start: date, end: date) -> None:
    """Recompute the days [start, end] from the rows (after writes that sent no signals)."""
    from .models import DailyTotalDirty

    source = _SOURCES[bidang]
    with transaction.atomic():
        _ensure(source, start, end)
        _store(source, start, end)
        DailyTotalDirty.objects.filter(bidang=bidang, tanggal__gte=start, tanggal__lte=end).delete()
        _retire(bidang)


def sums(bidang: str, *, start: date, end: date, today: date | None = None) -> dict[str, int | float]:
    """The bidang's additive figures summed over [start, end]: stored days plus today's live ones.

    Cached (one round trip to the cache when nothing changed): see ``_retire`` above.
    """
    from django.core.cache import cache

    from .models import DailyTotal

    source = _SOURCES[bidang]
    today = today or timezone.localdate()
    key = f"lpse:totals:jumlah:{bidang}:{start}:{end}:{today}"
    got = cache.get_many([_version_key(bidang), key])
    version, entry = got.get(_version_key(bidang)), got.get(key)
    if version is None:
        cache.add(_version_key(bidang), secrets.token_hex(8), None)
        version = cache.get(_version_key(bidang))
    pagecache.note_key(_version_key(bidang), version)  # a cached page showing these sums goes with them
    current = entry is not None and entry["versi"] == version
    stored: dict[str, float] | None = entry["simpan"] if current else None
    fresh = current and time.time() - entry["pada"] < LIVE_SECONDS
    live: dict[str, float] | None = entry["hari_ini"] if fresh else None
    if stored is None:
        stored = {}
        stored_end = min(end, today - timedelta(days=1))
        if start <= stored_end:
            _ensure(source, start, stored_end)
            rows = (
                DailyTotal.objects.filter(bidang=bidang, tanggal__gte=start, tanggal__lte=stored_end)
                .values_list("kunci")
                .annotate(total=Sum("nilai"))
            )
            stored.update(rows)
    if live is None:
        live = source.daily(start=today, end=today).get(today, {}) if start <= today <= end else {}
        entry = {"versi": version, "simpan": stored, "hari_ini": live, "pada": time.time()}
        cache.set(key, entry, CACHE_SECONDS)
    result = dict(stored)
    for k, value in live.items():
        result[k] = result.get(k, 0) + value
    return {k: int(v) if float(v).is_integer() else v for k, v in result.items()}


def forget(bidang: str) -> None:
    """Drop a bidang's stored totals (after a change whose days are not worth finding, e.g. an
    asset deleted with a year of roll-ups); its next read recomputes them."""
    from .models import DailyTotal, DailyTotalDirty, DailyTotalRange

    DailyTotalRange.objects.filter(bidang=bidang).delete()
    DailyTotal.objects.filter(bidang=bidang).delete()
    DailyTotalDirty.objects.filter(bidang=bidang).delete()
    _retire(bidang)


def forget_all() -> None:
    """Drop every stored total (after bulk writes that sent no signals); the next reads recompute."""
    from .models import DailyTotal, DailyTotalDirty, DailyTotalRange

    with transaction.atomic():
        DailyTotalRange.objects.all().delete()
        DailyTotal.objects.all().delete()
        DailyTotalDirty.objects.all().delete()
        for bidang in _SOURCES:
            _retire(bidang)


def monthly(bidang: str, *, start: date, today: date | None = None) -> dict[date, dict[str, int | float]]:
    """The bidang's additive figures per month from ``start`` (a first day) to this month: one
    aggregate over the stored days plus today's live figures (the dashboard's trends, issue 13)."""
    from django.db.models.functions import TruncMonth

    from .models import DailyTotal

    source = _SOURCES[bidang]
    today = today or timezone.localdate()
    out: dict[date, dict[str, float]] = {}
    stored_end = today - timedelta(days=1)
    if start <= stored_end:
        _ensure(source, start, stored_end)
        rows = (
            DailyTotal.objects.filter(bidang=bidang, tanggal__gte=start, tanggal__lte=stored_end)
            .annotate(bulan=TruncMonth("tanggal"))
            .values_list("bulan", "kunci")
            .annotate(total=Sum("nilai"))
        )
        for bulan, kunci, total in rows:
            out.setdefault(_day(bulan), {})[kunci] = total
    month = today.replace(day=1)
    for key, value in source.daily(start=today, end=today).get(today, {}).items():
        bucket = out.setdefault(month, {})
        bucket[key] = bucket.get(key, 0) + value
    return {m: {k: int(v) if float(v).is_integer() else v for k, v in f.items()} for m, f in out.items()}
