"""Reads shared by the Layanan views, with their joins inside."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import connection
from django.db.models import Avg, Count, F, Prefetch, Q, QuerySet
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
    if status:
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
    return QueuePage(object_list=rows[:QUEUE_PAGE_SIZE], number=page, has_next=len(rows) > QUEUE_PAGE_SIZE)


def tiket_for_staff(pk: int) -> Tiket:
    """One ticket with everything its staff page shows (a constant number of queries)."""
    return (
        Tiket.objects.select_related("petugas", "pelapor", "dicatat_oleh", "digabung_ke", "artikel_solusi")
        .prefetch_related(
            Prefetch(
                "balasan",
                queryset=TiketBalasan.objects.select_related("penulis").prefetch_related("lampiran"),
            ),
            Prefetch("lampiran", queryset=TiketLampiran.objects.filter(balasan__isnull=True)),
            Prefetch("eskalasi", queryset=Eskalasi.objects.select_related("dibuat_oleh")),
            "peristiwa",
            "duplikat",
            "berita_acara__dokumen",
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


def faq_search(q: str, *, limit: int | None = 20) -> QuerySet:
    """Published FAQ articles matching ``q``: PostgreSQL full-text ranking plus
    trigram similarity of the title (typos still find it); elsewhere icontains."""
    qs = ArtikelFaq.objects.filter(terbit=True).select_related("kategori")
    q = (q or "").strip()[:200]
    if not q:
        return qs[:limit] if limit else qs
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, TrigramWordSimilarity

        vector = SearchVector("judul", weight="A", config="simple") + SearchVector("isi", weight="B", config="simple")
        query = SearchQuery(q, config="simple", search_type="websearch")
        qs = (
            qs.annotate(rank=SearchRank(vector, query), sim=TrigramWordSimilarity(q, "judul"))
            .filter(Q(rank__gt=0.01) | Q(sim__gt=0.3) | Q(judul__icontains=q))
            .order_by("-rank", "-sim", "judul")
        )
    else:
        qs = qs.filter(Q(judul__icontains=q) | Q(isi__icontains=q))
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


def report_figures(*, start: date, end: date) -> dict:
    """Service figures of a period for sekretariat/sources.py (five queries whatever the volume).

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
    """
    tz = timezone.get_current_timezone()
    lo = datetime.combine(start, time.min, tz)
    hi = datetime.combine(end + timedelta(days=1), time.min, tz)
    at = min(hi, timezone.now())
    opened = Q(dibuat__gte=lo, dibuat__lt=hi)
    solved = Q(diselesaikan__gte=lo, diselesaikan__lt=hi)
    missed = Q(selesai_batas__gte=lo, selesai_batas__lt=at) & (
        Q(diselesaikan__gt=F("selesai_batas"))
        | Q(diselesaikan__isnull=True, status__in=[Status.BARU, Status.DITANGANI])
    )
    rated = Q(dinilai__gte=lo, dinilai__lt=hi)
    tickets = Tiket.objects.filter(digabung_ke__isnull=True)
    agg = tickets.filter(opened | solved | missed | rated).aggregate(
        masuk=Count("id", filter=opened),
        selesai=Count("id", filter=solved),
        tepat=Count("id", filter=solved & Q(diselesaikan__lte=F("selesai_batas"))),
        lewat=Count("id", filter=missed),
        kepuasan=Avg("nilai", filter=rated),
    )
    kanal_labels, kategori_labels = dict(Kanal.choices), dict(Kategori.choices)
    per_kanal = dict.fromkeys(kanal_labels.values(), 0)
    per_kategori = dict.fromkeys(kategori_labels.values(), 0)
    for kanal, kategori, n in (
        tickets.filter(opened).order_by().values_list("kanal", "kategori").annotate(n=Count("id"))
    ):
        per_kanal[kanal_labels.get(kanal, kanal)] += n
        per_kategori[kategori_labels.get(kategori, kategori)] += n
    eskalasi = Eskalasi.objects.filter(dikirim__gte=lo, dikirim__lt=hi).count()
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
    return {
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
