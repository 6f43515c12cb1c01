"""E-reporting pages, staff and public (Pasal 24(1)c)."""

from datetime import date

from django.shortcuts import render
from django.utils import timezone

from lpse.access import staff_permission_required
from lpse.pagecache import cached_page

from ..forms import (
    PeriodeForm,
)
from .common import _tahun


def _statistik_data(request):
    from ..charts import report_charts
    from ..report import sections
    from ..sources import all_figures

    form = PeriodeForm.from_query(request.GET)
    if not form.is_valid():
        return form, None
    start, end = form.period()
    bidang = form.cleaned_data.get("bidang", "")
    figures = all_figures(start=start, end=end)
    if bidang:
        figures = {k: (v if k == bidang else None) for k, v in figures.items()}
    return form, {
        "start": start,
        "end": end,
        "bidang": bidang,
        "figures": figures,
        "sections": sections(figures, only=bidang),
        "charts": report_charts({"figures": figures}),
    }


@staff_permission_required("lpse.akses_staf")
@cached_page
def statistik(request):
    """Statistics for staff by period and bidang, with charts and export (Pasal 24(1)c)."""
    form, data = _statistik_data(request)
    query = request.GET.urlencode()
    return render(
        request,
        "sekretariat/statistik.html",
        {"form": form, "query": query, **(data or {})},
        status=200 if data is not None else 400,
    )


@staff_permission_required("lpse.akses_staf")
def statistik_ekspor(request):
    """The same figures as CSV or XLSX (one row per indicator)."""
    import csv
    import io

    from django.http import HttpResponse, HttpResponseBadRequest

    from ..report import flat_rows

    form, data = _statistik_data(request)
    fmt = request.GET.get("format", "csv")
    if data is None or fmt not in ("csv", "xlsx"):
        return HttpResponseBadRequest("Filter periode atau format ekspor tidak sah (pilih csv atau xlsx).")
    rows = flat_rows(data["figures"], only=data["bidang"])
    header = ("Bidang", "Indikator", "Nilai")
    name = f"statistik-lpse-{data['start']:%Y%m%d}-{data['end']:%Y%m%d}"
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(["Periode", f"{data['start']:%d-%m-%Y} s.d. {data['end']:%d-%m-%Y}", ""])
        writer.writerow(header)
        writer.writerows(rows)
        response = HttpResponse(buf.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    else:
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        ws.title = "Statistik"
        ws.append(["Periode", f"{data['start']:%d-%m-%Y} s.d. {data['end']:%d-%m-%Y}"])
        ws.append(header)
        for row in rows:
            ws.append(list(row))
        out = io.BytesIO()
        wb.save(out)
        response = HttpResponse(
            out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@cached_page
def statistik_publik(request):
    """Public: aggregate figures of the service only, no personal data (UU 14/2008, Pasal 24(1)c)."""
    from django.core.cache import cache

    from ..report import PUBLIC_KEYS, sections
    from ..sources import all_figures

    tahun = _tahun(request)
    today = timezone.localdate()
    if tahun > today.year:
        tahun = today.year
    key = f"sekretariat:statistik-publik:{tahun}"
    figures = cache.get(key)
    if figures is None:
        end = min(date(tahun, 12, 31), today)
        raw = all_figures(start=date(tahun, 1, 1), end=end)
        figures = {k: raw.get(k) for k in PUBLIC_KEYS}
        cache.set(key, figures, 600)
    from ..charts import public_charts

    return render(
        request,
        "sekretariat/statistik_publik.html",
        {
            "tahun": tahun,
            "charts": public_charts(figures),
            "sections": sections(figures, keys=PUBLIC_KEYS),
            "tahun_pilihan": range(today.year, 2016, -1),
        },
    )
