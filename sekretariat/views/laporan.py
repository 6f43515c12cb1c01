"""Laporan Kegiatan pages (Pasal 7(2)c)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from lpse.access import staff_permission_required
from lpse.pagecache import cached_page

from .. import services
from ..forms import (
    LaporanRequestForm,
    NarasiForm,
)
from ..models import (
    LaporanKegiatan,
)
from .common import _add_errors, _history


def _laporan_context(laporan, narasi_form=None):
    from ..charts import report_charts
    from ..report import sections

    data = laporan.data or {}
    return {
        "laporan": laporan,
        "sections": sections(data.get("figures", {})) if data else [],
        "program_kerja": data.get("program_kerja"),
        "sop": data.get("sop", []),
        "charts": report_charts(data) if data else [],
        "narasi_form": narasi_form or NarasiForm(instance=laporan),
        "history": _history(laporan),
        "periode_berjalan": timezone.localdate() <= laporan.selesai,
    }


@staff_permission_required("sekretariat.susun_laporan")
def laporan_list(request):
    page = Paginator(LaporanKegiatan.objects.select_related("dokumen"), 24).get_page(request.GET.get("halaman"))
    today = timezone.localdate()
    form = LaporanRequestForm(initial={"periode": "bulanan", "tahun": today.year, "nomor": today.month})
    return render(request, "sekretariat/laporan_list.html", {"page": page, "form": form})


@require_POST
@staff_permission_required("sekretariat.susun_laporan")
def laporan_create(request):
    """Queue the report of a period; the worker collects the data (it reads a lot)."""
    form = LaporanRequestForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            laporan = services.laporan_request(
                periode=d["periode"], tahun=d["tahun"], nomor=d["nomor"] or 1, user=request.user
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            return redirect(laporan)
    page = Paginator(LaporanKegiatan.objects.select_related("dokumen"), 24).get_page(1)
    return render(request, "sekretariat/laporan_list.html", {"page": page, "form": form}, status=400)


@staff_permission_required("sekretariat.susun_laporan")
@cached_page
def laporan_detail(request, pk: int):
    laporan = get_object_or_404(LaporanKegiatan.objects.select_related("dokumen"), pk=pk)
    return render(request, "sekretariat/laporan_detail.html", _laporan_context(laporan))


@staff_permission_required("sekretariat.susun_laporan")
def laporan_status(request, pk: int):
    """HTMX polling target: the progress bar; a finished job reloads the page."""
    laporan = get_object_or_404(LaporanKegiatan.objects.only("status", "progres", "langkah", "galat"), pk=pk)
    response = render(request, "sekretariat/_laporan_progress.html", {"laporan": laporan})
    if not laporan.sedang_diproses and request.htmx:
        response["HX-Refresh"] = "true"
    return response


@require_POST
@staff_permission_required("sekretariat.susun_laporan")
def laporan_narasi(request, pk: int):
    """The narrative sections the Kepala Unit writes."""
    laporan = get_object_or_404(LaporanKegiatan.objects.select_related("dokumen"), pk=pk)
    form = NarasiForm(request.POST, instance=laporan)
    if form.is_valid():
        try:
            services.laporan_narrative_save(laporan=form.instance)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, "Narasi laporan tersimpan.")
            return redirect(laporan)
    laporan.refresh_from_db()
    return render(request, "sekretariat/laporan_detail.html", _laporan_context(laporan, form), status=400)


@require_POST
@staff_permission_required("sekretariat.terbitkan_laporan")
def laporan_terbitkan(request, pk: int):
    """Issue the numbered PDF for the Bupati (lpse.documents); the report is then final."""
    laporan = get_object_or_404(LaporanKegiatan, pk=pk)
    try:
        services.laporan_request_issue(
            laporan=laporan, user=request.user, early_ok=request.POST.get("periode_berjalan") == "ya"
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(laporan)
    messages.info(request, "PDF laporan sedang dibuat.")
    return redirect(laporan)


@staff_permission_required("sekretariat.susun_laporan")
def laporan_unduh(request, pk: int):
    laporan = get_object_or_404(LaporanKegiatan.objects.select_related("dokumen"), pk=pk)
    if not laporan.dokumen_id or not laporan.dokumen.pdf:
        raise Http404("PDF laporan ini belum diterbitkan.")
    return FileResponse(
        laporan.dokumen.pdf.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"{laporan.dokumen.nomor.replace('/', '-')}.pdf",
    )
