"""Reads shared by the Layanan views, with their joins inside."""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from django.db import connection
from django.db.models import Count, F, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone

from lpse import workcal

from . import sla
from .models import (
    OPEN_STATUSES,
    ArtikelFaq,
    Eskalasi,
    Kanal,
    Kategori,
    Pelatihan,
    PemesananRuang,
    PesertaPelatihan,
    Ruang,
    Status,
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

    from .models import BeritaAcaraKesaksian

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


@lru_cache(maxsize=1)
def _stemmer():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


def _word_match(q: str) -> Q | None:
    """Every word of ``q`` in the title or text, as the word, its Indonesian
    stem (Sastrawi: "penawaran" → "tawar", "mengunggah" → "unggah") or the
    start of a longer word; the same on PostgreSQL and SQLite (issue 13:
    "unggah penawaran" found nothing though "Gagal mengunggah dokumen
    penawaran" exists)."""
    words = [w for w in re.findall(r"\w+", q.lower()) if len(w) > 1][:8]
    if not words:
        return None
    match = Q()
    for word in words:
        forms = {word, _stemmer().stem(word)} - {""}
        either = Q()
        for form in forms:
            either |= Q(judul__icontains=form) | Q(isi__icontains=form)
        match &= either
    return match


def faq_search(q: str, *, limit: int | None = 20) -> QuerySet:
    """Published FAQ articles matching ``q``: every word (or its stem, or as a
    prefix) in the article; on PostgreSQL also full-text ranking and trigram
    similarity of the title (typos still find it)."""
    qs = ArtikelFaq.objects.filter(terbit=True).select_related("kategori")
    q = (q or "").strip()[:200]
    if not q:
        return qs[:limit] if limit else qs
    words = _word_match(q)
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, TrigramWordSimilarity

        vector = SearchVector("judul", weight="A", config="simple") + SearchVector("isi", weight="B", config="simple")
        query = SearchQuery(q, config="simple", search_type="websearch")
        qs = (
            qs.annotate(rank=SearchRank(vector, query), sim=TrigramWordSimilarity(q, "judul"))
            .filter(Q(rank__gt=0.01) | Q(sim__gt=0.3) | Q(judul__icontains=q) | (words or Q(pk__in=[])))
            .order_by("-rank", "-sim", "judul")
        )
    else:
        qs = qs.filter(Q(judul__icontains=q) | Q(isi__icontains=q) | (words or Q(pk__in=[]))).order_by("judul")
    return qs[:limit] if limit else qs


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

    from .models import Pelatihan, PemesananRuang

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


# --- Figures for the Sekretariat's Laporan Kegiatan (Pasal 7(2)c) and SOP page (Pasal 12(2)b–c) ---


def daily_figures(*, start: date, end: date) -> dict[date, dict[str, int]]:
    """The additive ticket and escalation figures of each day in [start, end], for lpse.totals.

    The same rules as ``report_figures`` (merged duplicates never count), by the local day of
    the moment each figure is about: opened (per kanal and kategori), solved (and whether by its
    deadline), deadline missed (only deadlines already past), rated (sum and count), escalated.
    Five aggregate queries whatever the span.
    """
    from collections import defaultdict

    from django.db.models.functions import TruncDate

    tz = timezone.get_current_timezone()
    lo = datetime.combine(start, time.min, tz)
    hi = datetime.combine(end + timedelta(days=1), time.min, tz)
    at = min(hi, timezone.now())
    tickets = Tiket.objects.filter(digabung_ke__isnull=True).order_by()
    out: dict[date, dict[str, int]] = defaultdict(lambda: defaultdict(int))

    def per_day(qs, field: str, **aggregates):
        return qs.annotate(hari=TruncDate(field, tzinfo=tz)).values("hari").annotate(**aggregates)

    rows = (
        tickets.filter(dibuat__gte=lo, dibuat__lt=hi)
        .annotate(hari=TruncDate("dibuat", tzinfo=tz))
        .values_list("hari", "kanal", "kategori")
        .annotate(n=Count("id"))
    )
    for hari, kanal, kategori, n in rows:
        out[hari]["masuk"] += n
        out[hari][f"kanal:{kanal}"] += n
        out[hari][f"kategori:{kategori}"] += n
    solved = tickets.filter(diselesaikan__gte=lo, diselesaikan__lt=hi)
    for row in per_day(
        solved, "diselesaikan", n=Count("id"), tepat=Count("id", filter=Q(diselesaikan__lte=F("selesai_batas")))
    ):
        out[row["hari"]]["selesai"] += row["n"]
        out[row["hari"]]["tepat"] += row["tepat"]
    running = Q(diselesaikan__isnull=True, status__in=[Status.BARU, Status.DITANGANI])
    missed = tickets.filter(selesai_batas__gte=lo, selesai_batas__lt=at).filter(
        Q(diselesaikan__gt=F("selesai_batas")) | running
    )
    for row in per_day(missed, "selesai_batas", n=Count("id")):
        out[row["hari"]]["lewat"] += row["n"]
    rated = tickets.filter(dinilai__gte=lo, dinilai__lt=hi, nilai__isnull=False)
    for row in per_day(rated, "dinilai", n=Count("id"), jumlah=Sum("nilai")):
        out[row["hari"]]["nilai_n"] += row["n"]
        out[row["hari"]]["nilai_jumlah"] += row["jumlah"]
    for row in per_day(Eskalasi.objects.filter(dikirim__gte=lo, dikirim__lt=hi).order_by(), "dikirim", n=Count("id")):
        out[row["hari"]]["eskalasi"] += row["n"]
    return {d: dict(v) for d, v in out.items()}


# The models whose saves and deletes change daily_figures, with the moments each is counted by.
DAILY_WATCH_FIELDS = {
    "Tiket": ("dibuat", "diselesaikan", "selesai_batas", "dinilai"),
    "Eskalasi": ("dikirim",),
}


def report_figures(*, start: date, end: date) -> dict:
    """Service figures of a period for sekretariat/sources.py (a constant number of queries:
    the ticket figures are sums of lpse.totals' running totals; RUP adds four).

    Merged duplicates (``digabung_ke``) are not counted anywhere: their request lives on in the
    ticket they were merged into.

    - ``tiket_masuk`` (and per kanal / kategori): tickets opened in the period.
    - ``tiket_selesai``: tickets solved in the period; ``sla_terpenuhi_persen``: the share of them
      solved by their resolution deadline (``selesai_batas``, working time, pauses added — layanan/sla.py).
    - ``tiket_lewat_sla``: resolution deadlines that fell in the period (up to now) and were missed:
      solved after the deadline, or still open and running (a ticket waiting on its user is paused).
    - ``kepuasan_rata2``: mean rating (1–5) given in the period (Pasal 24(1)d).
    - ``eskalasi_lkpp``: escalations sent to LKPP in the period (Pasal 15(3)).
    - ``pelatihan`` / ``peserta_pelatihan``: published trainings that ended in the period (up to
      now) and their participants marked present (Pasal 11(4)b).
    - ``pemakaian_ruang``: approved room bookings starting in the period, per room (Pasal 14a).
    - ``rup_*``, ``pengumuman_ulp_difasilitasi``, ``sesi_pendampingan``: RUP and announcement
      facilitation (Pasal 4(1)a–b, 24(1)a), four queries in layanan/rup.py.
    """
    from lpse import totals

    tz = timezone.get_current_timezone()
    lo = datetime.combine(start, time.min, tz)
    hi = datetime.combine(end + timedelta(days=1), time.min, tz)
    at = min(hi, timezone.now())
    # Tickets and escalations: sums of the running totals (lpse.totals, daily_figures below),
    # not a scan of a year of tickets on every request (issue 14).
    day = totals.sums("layanan", start=start, end=end)
    kanal_labels, kategori_labels = dict(Kanal.choices), dict(Kategori.choices)
    per_kanal = {label: day.get(f"kanal:{k}", 0) for k, label in kanal_labels.items()}
    per_kategori = {label: day.get(f"kategori:{k}", 0) for k, label in kategori_labels.items()}
    agg = {
        "masuk": day.get("masuk", 0),
        "selesai": day.get("selesai", 0),
        "tepat": day.get("tepat", 0),
        "lewat": day.get("lewat", 0),
        "kepuasan": day["nilai_jumlah"] / day["nilai_n"] if day.get("nilai_n") else None,
    }
    eskalasi = day.get("eskalasi", 0)
    trainings = Pelatihan.objects.filter(terbit=True, selesai__gte=lo, selesai__lt=at).aggregate(
        n=Count("id", distinct=True),
        peserta=Count("peserta", filter=Q(peserta__hadir=True, peserta__status=PesertaPelatihan.Status.TERDAFTAR)),
    )
    rooms = dict(
        Ruang.objects.order_by("nama")
        .annotate(
            n=Count(
                "pemesanan",
                filter=Q(
                    pemesanan__status=PemesananRuang.Status.SETUJU, pemesanan__mulai__gte=lo, pemesanan__mulai__lt=hi
                ),
            )
        )
        .values_list("nama", "n")
    )
    sla_report = f"{reverse('layanan:sla-laporan')}?tahun={end.year}&bulan={end.month}"
    from .rup import report_figures as rup_figures  # Pasal 4(1)a–b, 24(1)a

    rup_link = f"{reverse('layanan:rup-list')}?tahun={end.year}"
    return {
        **rup_figures(start=start, end=end),
        "tiket_per_kanal": per_kanal,
        "tiket_per_kategori": per_kategori,
        "tiket_masuk": agg["masuk"],
        "tiket_selesai": agg["selesai"],
        "sla_terpenuhi_persen": round(100 * agg["tepat"] / agg["selesai"], 1) if agg["selesai"] else None,
        "tiket_lewat_sla": agg["lewat"],
        "kepuasan_rata2": round(float(agg["kepuasan"]), 2) if agg["kepuasan"] is not None else None,
        "eskalasi_lkpp": eskalasi,
        "pelatihan": trainings["n"],
        "peserta_pelatihan": trainings["peserta"],
        "pemakaian_ruang": rooms,
        "tautan": {
            "tiket_masuk": reverse("layanan:index"),
            "sla_terpenuhi_persen": sla_report,
            "tiket_lewat_sla": sla_report,
            "kepuasan_rata2": sla_report,
            "pelatihan": reverse("layanan:pelatihan-kelola"),
            "peserta_pelatihan": reverse("layanan:pelatihan-kelola"),
            "pemakaian_ruang": reverse("layanan:ruang-kalender"),
            "rup_diumumkan": rup_link,
            "rup_opd_terlambat": f"{reverse('layanan:rup-terlambat')}?tahun={end.year}",
            "pengumuman_ulp_difasilitasi": reverse("layanan:pengumuman-ulp-list"),
        },
    }


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

    from .models import BalasanTemplat

    return cache.get_or_set(
        TEMPLAT_CACHE_KEY.format(kategori),
        lambda: list(BalasanTemplat.objects.filter(kategori=kategori, aktif=True).values("id", "judul", "isi")),
        24 * 3600,
    )


# --- The Kepala Unit's dashboard (issue 13) ------------------------------------------------------


def pelatihan_period(params) -> dict | None:
    """``dari``/``sampai`` (ISO dates) of a trainings link, or None when absent or malformed."""
    try:
        lo, hi = date.fromisoformat(params.get("dari", "")), date.fromisoformat(params.get("sampai", ""))
    except ValueError:
        return None
    return {"dari": lo, "sampai": hi} if lo <= hi else None


def pelatihan_held_q(*, dari: date, sampai: date, now: datetime | None = None) -> Q:
    """Published trainings that ended in [dari, sampai] and before now: held (report_figures' rule)."""
    tz = timezone.get_current_timezone()
    hi = min(datetime.combine(sampai + timedelta(days=1), time.min, tz), now or timezone.now())
    return Q(terbit=True, selesai__gte=datetime.combine(dari, time.min, tz), selesai__lt=hi)


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
