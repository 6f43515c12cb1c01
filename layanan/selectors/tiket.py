"""Reads of tickets: the staff queue, one ticket for staff or requester, reopen and
escalation times, reply templates."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db.models import F, Prefetch, Q, QuerySet
from django.utils import timezone

from lpse import workcal

from .. import sla
from ..models import (
    OPEN_STATUSES,
    Eskalasi,
    Tiket,
    TiketBalasan,
    TiketLampiran,
)

QUEUE_PAGE_SIZE = 25

QUEUE_FIELDS = (
    "id",
    "subjek",
    "status",
    "prioritas",
    "kategori",
    "kanal",
    "nama",
    "instansi",
    "dibuat",
    "sla_berikut",
    "sla_berikut_waspada",
    "kode_paket",
    "petugas__nama_lengkap",
    "petugas__email",
)


@dataclass
class QueuePage:
    """A page of the queue without COUNT(*): at half a million tickets a count
    costs more than the page itself; the queue shows previous/next only."""

    object_list: list
    number: int
    has_next: bool
    total: int | None = None  # counted only for a period (a dashboard figure's list)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1


def _search(qs: QuerySet, q: str) -> QuerySet:
    q = q.strip()
    number = q.upper().removeprefix(Tiket.nomor_prefix + "-").lstrip("0")
    if number.isdigit():
        return qs.filter(pk=int(number))
    if "@" in q:
        return qs.filter(email__iexact=q)
    # UPPER(subjek) LIKE … is served by the trigram index tiket_subjek_trgm.
    return qs.filter(Q(subjek__icontains=q) | Q(kode_paket=q))


def tiket_queue(*, filters: dict, page: int = 1) -> QueuePage:
    """The staff queue. Without a status filter or search it shows the open
    tickets, the next SLA deadline first (index tiket_antrian_idx)."""
    qs = Tiket.objects.select_related("petugas").only(*QUEUE_FIELDS)
    status = filters.get("status")
    period = _period_filter(filters)
    if period is not None:
        # A period from a dashboard figure (issue 13): every status, the same rules as the
        # running totals (daily_figures: merged duplicates never count), newest first.
        qs = qs.filter(period, digabung_ke__isnull=True).order_by("-id")
        if status:
            qs = qs.filter(status=status)
    elif status:
        qs = qs.filter(status=status).order_by("-id")
    elif filters.get("q"):
        # A text search looks through every ticket, newest first: walking the
        # primary key backwards stops after a page of matches, and a rare term
        # is found through the trigram index (checked at 500,000 tickets).
        qs = qs.order_by("-id")
    else:
        qs = qs.filter(status__in=OPEN_STATUSES).order_by(F("sla_berikut").asc(nulls_last=True), "id")
    if filters.get("kategori"):
        qs = qs.filter(kategori=filters["kategori"])
    if filters.get("prioritas"):
        qs = qs.filter(prioritas=filters["prioritas"])
    if filters.get("petugas") == "saya" and filters.get("user"):
        qs = qs.filter(petugas=filters["user"])
    elif filters.get("petugas") == "kosong":
        qs = qs.filter(petugas__isnull=True)
    if filters.get("q"):
        qs = _search(qs, filters["q"])
    page = max(1, page)
    start = (page - 1) * QUEUE_PAGE_SIZE
    rows = list(qs[start : start + QUEUE_PAGE_SIZE + 1])
    # A period is a month at most from the dashboard: counting it is cheap, and the figure
    # that led here is checked against this number.
    total = qs.count() if period is not None else None
    return QueuePage(object_list=rows[:QUEUE_PAGE_SIZE], number=page, has_next=len(rows) > QUEUE_PAGE_SIZE, total=total)


PERIOD_FILTERS = ("dibuat_dari", "dibuat_sampai", "selesai_dari", "selesai_sampai", "sla")


def _period_filter(filters: dict) -> Q | None:
    """Tickets opened or solved in a period of local days (``dibuat_dari``/``dibuat_sampai``,
    ``selesai_dari``/``selesai_sampai``, dates already parsed), solved by their deadline with
    ``sla=tepat``; None without a period."""
    tz = timezone.get_current_timezone()
    q = Q()
    found = False
    for prefix, field in (("dibuat", "dibuat"), ("selesai", "diselesaikan")):
        lo, hi = filters.get(f"{prefix}_dari"), filters.get(f"{prefix}_sampai")
        if lo:
            q &= Q(**{f"{field}__gte": datetime.combine(lo, time.min, tz)})
            found = True
        if hi:
            q &= Q(**{f"{field}__lt": datetime.combine(hi + timedelta(days=1), time.min, tz)})
            found = True
    if filters.get("sla") == "tepat":
        q &= Q(diselesaikan__isnull=False, diselesaikan__lte=F("selesai_batas"))
        found = True
    return q if found else None


def tiket_for_staff(pk: int) -> Tiket:
    """One ticket with everything its staff page shows (a constant number of queries).

    Duplicates and berita acara are only counted here: their lists load with
    their sections (views.tiket_bagian).
    """
    from django.db.models import Count, IntegerField, OuterRef, Subquery
    from django.db.models.functions import Coalesce

    from ..models import BeritaAcaraKesaksian

    def count_of(qs, fk: str):
        rows = qs.filter(**{fk: OuterRef("pk")}).order_by().values(fk).annotate(n=Count("pk")).values("n")
        return Coalesce(Subquery(rows, output_field=IntegerField()), 0)

    return (
        Tiket.objects.select_related("petugas", "pelapor", "dicatat_oleh", "digabung_ke", "artikel_solusi")
        .annotate(
            n_duplikat=count_of(Tiket.objects, "digabung_ke"),
            n_berita_acara=count_of(BeritaAcaraKesaksian.objects, "tiket"),
        )
        .prefetch_related(
            Prefetch(
                "balasan",
                queryset=TiketBalasan.objects.select_related("penulis").prefetch_related("lampiran"),
            ),
            Prefetch("lampiran", queryset=TiketLampiran.objects.filter(balasan__isnull=True)),
            Prefetch("eskalasi", queryset=Eskalasi.objects.select_related("dibuat_oleh")),
            "peristiwa",
        )
        .get(pk=pk)
    )


def tiket_for_requester(token: str) -> Tiket:
    """The ticket behind a private link, with its public replies only."""
    return (
        Tiket.objects.select_related("digabung_ke")
        .prefetch_related(
            Prefetch(
                "balasan",
                queryset=TiketBalasan.objects.filter(publik=True).prefetch_related(
                    Prefetch("lampiran", queryset=TiketLampiran.objects.filter(publik=True))
                ),
            ),
            Prefetch("lampiran", queryset=TiketLampiran.objects.filter(balasan__isnull=True, publik=True)),
        )
        .get(token=token)
    )


def reopen_deadline(tiket: Tiket) -> datetime | None:
    """Until when the requester may reopen a solved ticket (working days after it was solved)."""
    if tiket.diselesaikan is None:
        return None
    return workcal.add_working_days(tiket.diselesaikan, sla.reopen_window_days())


def escalated_seconds(tiket: Tiket, *, now: datetime | None = None) -> int:
    """Working time the ticket spent with LKPP (shown apart in the SLA report)."""
    now = now or timezone.now()
    return sum(
        workcal.working_seconds_between(e.dikirim, e.dijawab or now)
        for e in tiket.eskalasi.all()  # prefetched by callers
    )


TEMPLAT_CACHE_KEY = "layanan:templat:{}"


def balasan_templat(kategori: str) -> list[dict]:
    """Active reply templates of one category, for the ticket page's picker.

    The same few rows are shown on every ticket page of a category; cached until
    a template is saved or deleted (layanan.signals).
    """
    from django.core.cache import cache

    from ..models import BalasanTemplat

    return cache.get_or_set(
        TEMPLAT_CACHE_KEY.format(kategori),
        lambda: list(BalasanTemplat.objects.filter(kategori=kategori, aktif=True).values("id", "judul", "isi")),
        24 * 3600,
    )
