"""The monthly SLA and satisfaction report (Pasal 15 ayat 3, Pasal 24 ayat 1 huruf d)."""

from datetime import datetime, time

from django.db.models import Avg, Count, Prefetch, Q
from django.utils import timezone

from lpse import workcal

from .models import Eskalasi, EvaluasiPelatihan, Prioritas, Status, Tiket


def _month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    start = datetime.combine(datetime(year, month, 1, tzinfo=tz).date(), time(0), tz)
    nxt = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=tz)
    return start, nxt


def sla_month(*, year: int, month: int) -> dict:
    """Per priority: tickets solved in the month, how many met the response
    and resolution targets, working hours paused, and working hours at LKPP
    (kept apart: that time is not the LPSE's to answer for)."""
    start, end = _month_bounds(year, month)
    solved = (
        Tiket.objects.filter(diselesaikan__gte=start, diselesaikan__lt=end, digabung_ke__isnull=True)
        .only(
            "id",
            "prioritas",
            "dibuat",
            "respons_pertama",
            "respons_batas",
            "diselesaikan",
            "selesai_batas",
            "jeda_detik",
        )
        .prefetch_related(Prefetch("eskalasi", queryset=Eskalasi.objects.only("tiket_id", "dikirim", "dijawab")))
    )
    rows = {
        p: {
            "label": label,
            "jumlah": 0,
            "respons_tepat": 0,
            "selesai_tepat": 0,
            "jam_kerja": 0.0,
            "jam_jeda": 0.0,
            "jam_lkpp": 0.0,
        }
        for p, label in Prioritas.choices
    }
    for t in solved.iterator(chunk_size=500):
        r = rows[t.prioritas]
        r["jumlah"] += 1
        r["respons_tepat"] += bool(t.respons_pertama and t.respons_pertama <= t.respons_batas)
        r["selesai_tepat"] += t.diselesaikan <= t.selesai_batas
        r["jam_kerja"] += (workcal.working_seconds_between(t.dibuat, t.diselesaikan) - t.jeda_detik) / 3600
        r["jam_jeda"] += t.jeda_detik / 3600
        r["jam_lkpp"] += (
            sum(
                workcal.working_seconds_between(e.dikirim, min(e.dijawab or t.diselesaikan, t.diselesaikan))
                for e in t.eskalasi.all()
            )
            / 3600
        )
    for r in rows.values():
        for k in ("jam_kerja", "jam_jeda", "jam_lkpp"):
            r[k] = round(r[k], 1)
    ratings = Tiket.objects.filter(dinilai__gte=start, dinilai__lt=end).aggregate(
        jumlah=Count("id"), rata=Avg("nilai"), puas=Count("id", filter=Q(nilai__gte=4))
    )
    return {
        "tahun": year,
        "bulan": month,
        "awal": start,
        "rows": list(rows.values()),
        "nilai": ratings,
        "evaluasi": EvaluasiPelatihan.objects.filter(
            peserta__pelatihan__selesai__gte=start, peserta__pelatihan__selesai__lt=end
        ).aggregate(
            jumlah=Count("id"),
            materi=Avg("nilai_materi"),
            pelatih=Avg("nilai_pelatih"),
            fasilitas=Avg("nilai_fasilitas"),
        ),
        "menunggu_lkpp": Eskalasi.objects.filter(dijawab__isnull=True).count(),
        "terbuka": Tiket.objects.filter(status__in=[Status.BARU, Status.DITANGANI, Status.MENUNGGU]).count(),
    }
