"""Monitoring views (Pasal 17(2), 17(6): LKPP sees these read-only) and the agent ingest API."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from infrastruktur.models import Aset
from infrastruktur.views import AKSES, form_page
from lpse.access import staff_permission_required
from lpse.pagecache import cached_page

from . import selectors
from .forms import PemeriksaanForm
from .models import LaporanHarian, Pemeriksaan, RekomendasiUpgrade, TokenAgen
from .services import cek, metrik, upgrade
from .services.laporan import laporan_harian_request
from .services.metrik import MetrikInvalid, metrik_receive

MONITORING = "lpse.akses_monitoring"


@require_GET
@staff_permission_required(MONITORING)
@cached_page
def overview(request):
    """Every asset's state at a glance; ``?keadaan=bermasalah`` (the dashboard's figure) only those not normal."""
    aset = selectors.aset_overview()
    bermasalah = request.GET.get("keadaan") == "bermasalah"
    if bermasalah:
        aset = list(selectors.with_problems(aset))
    context = {"aset": aset, "counts": selectors.state_counts(), "now": timezone.now(), "bermasalah": bermasalah}
    return render(request, "monitoring/monitoring.html", context)


@require_GET
@staff_permission_required(MONITORING)
@cached_page
def aset_grafik(request, pk: int):
    aset = get_object_or_404(Aset.objects.select_related("keadaan"), pk=pk)
    rentang = request.GET.get("rentang", "24j")
    if rentang not in selectors.RENTANG:
        rentang = "24j"
    return render(
        request,
        "monitoring/grafik.html",
        {
            "aset": aset,
            "rentang": rentang,
            "pilihan": [(k, v[0]) for k, v in selectors.RENTANG.items()],
            "grup": selectors.GRUP,
        },
    )


@require_GET
@staff_permission_required(MONITORING)
@cached_page
def aset_grafik_data(request, pk: int):
    aset = get_object_or_404(Aset, pk=pk)
    rentang = request.GET.get("rentang", "24j")
    if rentang not in selectors.RENTANG:
        return JsonResponse({"galat": "Rentang harus salah satu dari: " + ", ".join(selectors.RENTANG)}, status=400)
    return JsonResponse(selectors.chart_data(aset=aset, rentang=rentang))


@require_GET
@staff_permission_required(MONITORING)
def uptime(request):
    months, rows = selectors.uptime_per_month()
    return render(request, "monitoring/uptime.html", {"months": months, "rows": rows})


@csrf_exempt  # machine-to-machine: authenticated by the per-server token, not a session
@never_cache
@require_POST
def api_metrik(request):
    """Agent posts (``monitoring/agent/lpse_agent.py``): 201 stored, 400 malformed, nested deeper
    than MONITORING_METRIK_MAKS_KEDALAMAN or out-of-window timestamp, 401 bad token, 409 replay,
    413 larger than MONITORING_METRIK_MAKS_BYTE."""
    limit = settings.MONITORING_METRIK_MAKS_BYTE
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return JsonResponse({"galat": "Content-Length tidak sah."}, status=400)
    if length > limit:
        return JsonResponse({"galat": f"Kiriman lebih dari {limit} byte."}, status=413)
    body = request.read(limit + 1)
    if len(body) > limit:
        return JsonResponse({"galat": f"Kiriman lebih dari {limit} byte."}, status=413)
    try:
        n = metrik_receive(authorization=request.headers.get("Authorization", ""), body=body)
    except MetrikInvalid as exc:
        response = JsonResponse({"galat": exc.pesan}, status=exc.status)
        if exc.status == 401:
            response["WWW-Authenticate"] = 'Bearer realm="lpse-agen"'
        return response
    return JsonResponse({"diterima": n}, status=201)


# --- Agent tokens and connection checks of an asset (Pasal 17(1)–(3)) ------------------------


@require_POST
@staff_permission_required(AKSES)
def token_create(request, pk: int):
    """A new agent token; the clear text is shown on this page only."""
    aset = get_object_or_404(Aset, pk=pk)
    token, clear = metrik.token_create(aset=aset, user=request.user)
    return render(request, "monitoring/token_baru.html", {"aset": aset, "token": token, "clear": clear})


@require_POST
@staff_permission_required(AKSES)
def token_revoke(request, pk: int):
    token = get_object_or_404(TokenAgen, pk=pk)
    metrik.token_revoke(token=token)
    messages.success(request, f"Token {token.prefix}… dicabut; agen yang memakainya akan ditolak (401).")
    return redirect("infrastruktur:aset-detail", token.aset_id)


@staff_permission_required(AKSES)
def pemeriksaan_create(request, pk: int):
    aset = get_object_or_404(Aset, pk=pk)
    return _pemeriksaan_form(request, Pemeriksaan(aset=aset))


@staff_permission_required(AKSES)
def pemeriksaan_edit(request, pk: int):
    return _pemeriksaan_form(request, get_object_or_404(Pemeriksaan.objects.select_related("aset"), pk=pk))


def _pemeriksaan_form(request, check: Pemeriksaan):
    form = PemeriksaanForm(request.POST or None, instance=check)
    if request.method == "POST" and form.is_valid():
        check = cek.pemeriksaan_save(check=form.instance)
        messages.success(request, f"Pemeriksaan {check.nama} tersimpan.")
        return redirect("infrastruktur:aset-detail", check.aset_id)
    title = f"Pemeriksaan koneksi untuk {check.aset.nama}"
    return form_page(request, form=form, title=title, back="infrastruktur:aset-list", obj=check)


# --- Daily reports -------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@staff_permission_required(AKSES)
def laporan_list(request):
    """The daily reports; a POST makes today's now (queued, shown with its progress)."""
    if request.method == "POST":
        if laporan_harian_request() == "ada":
            messages.info(request, "Laporan hari ini sudah dibuat; tidak dibuat dua kali.")
        else:
            messages.success(request, "Laporan hari ini diantrekan; halaman ini menunjukkan kemajuannya.")
        return redirect("monitoring:laporan-list")
    harian = selectors.daily_report_state()
    if request.headers.get("HX-Request"):
        return render(request, "monitoring/_laporan_progres.html", {"harian": harian})
    page = Paginator(LaporanHarian.objects.select_related("dokumen").defer("data"), 31).get_page(
        request.GET.get("halaman")
    )
    return render(request, "monitoring/laporan_list.html", {"page": page, "harian": harian})


@staff_permission_required(AKSES)
def laporan_unduh(request, pk: int):
    laporan = get_object_or_404(LaporanHarian.objects.select_related("dokumen"), pk=pk)
    if laporan.dokumen is None or not laporan.dokumen.pdf:
        raise Http404("PDF laporan ini belum dibuat.")
    return FileResponse(
        laporan.dokumen.pdf.open("rb"),
        content_type="application/pdf",
        filename=f"laporan-monitoring-{laporan.tanggal:%Y%m%d}.pdf",
    )


# --- Upgrade planning (Pasal 17(5)) ---------------------------------------------------


class UsulanForm(forms.Form):
    tahun = forms.IntegerField(label="Tahun anggaran", min_value=2000, max_value=2100)
    biaya = forms.DecimalField(label="Perkiraan biaya (Rp)", min_value=0, max_digits=16, decimal_places=2)


def _get_rekomendasi(pk: int) -> RekomendasiUpgrade:
    """The recommendation with its asset and change request, or 404."""
    return get_object_or_404(RekomendasiUpgrade.objects.select_related("aset", "perubahan", "diputuskan_oleh"), pk=pk)


@require_GET
@staff_permission_required(AKSES)
def rekomendasi_list(request):
    """What to upgrade, why and by when: open recommendations first (Pasal 17(5))."""
    status = request.GET.get("status", "terbuka")
    qs = RekomendasiUpgrade.objects.select_related("aset", "perubahan")
    if status == "terbuka":
        qs = qs.filter(status__in=RekomendasiUpgrade.OPEN)
    elif status in RekomendasiUpgrade.Status.values:
        qs = qs.filter(status=status)
    else:
        status = ""
    page = Paginator(qs, 30).get_page(request.GET.get("halaman"))
    pilihan = [("terbuka", "Terbuka"), *RekomendasiUpgrade.Status.choices, ("", "Semua")]
    return render(request, "monitoring/rekomendasi_list.html", {"page": page, "status": status, "pilihan": pilihan})


@staff_permission_required(AKSES)
def rekomendasi_detail(request, pk: int):
    """One recommendation with the chart behind it and what can be done with it."""
    rec = _get_rekomendasi(pk)
    context = {
        "r": rec,
        "grup": selectors.group_of(rec.seri),
        "label": selectors.chart_label(aset=rec.aset, seri=rec.seri),
        "usulan_form": UsulanForm(
            initial={"tahun": rec.usulan_tahun or timezone.localdate().year + 1, "biaya": rec.usulan_biaya}
        ),
        "history": rec.history.select_related("history_user")[:20],
    }
    return render(request, "monitoring/rekomendasi_detail.html", context)


@require_POST
@staff_permission_required(AKSES)
def rekomendasi_aksi(request, pk: int, aksi: str):
    """Accept, dismiss, turn into a change request."""
    rec = _get_rekomendasi(pk)
    try:
        if aksi in ("terima", "abaikan"):
            upgrade.rekomendasi_decide(
                rekomendasi=rec, terima=aksi == "terima", user=request.user, catatan=request.POST.get("catatan", "")
            )
            messages.success(request, "Rekomendasi diterima." if aksi == "terima" else "Rekomendasi diabaikan.")
        elif aksi == "perubahan":
            perubahan = upgrade.rekomendasi_to_perubahan(rekomendasi=rec, user=request.user)
            messages.success(request, "Permintaan perubahan dibuat; lengkapi rencananya.")
            return redirect("infrastruktur:perubahan-detail", pk=perubahan.pk)
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(rec)


@require_POST
@staff_permission_required(AKSES)
def rekomendasi_usulan(request, pk: int):
    """Propose an accepted recommendation as a budget line of the program kerja (Pasal 25)."""
    rec = _get_rekomendasi(pk)
    form = UsulanForm(request.POST)
    if form.is_valid():
        try:
            upgrade.rekomendasi_propose_budget(
                rekomendasi=rec, tahun=form.cleaned_data["tahun"], biaya=form.cleaned_data["biaya"], user=request.user
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Usulan anggaran tampil di program kerja Sekretariat.")
            return redirect(rec)
    context = {
        "r": rec,
        "grup": selectors.group_of(rec.seri),
        "label": selectors.chart_label(aset=rec.aset, seri=rec.seri),
        "usulan_form": form,
        "history": rec.history.select_related("history_user")[:20],
    }
    return render(request, "monitoring/rekomendasi_detail.html", context, status=400)
