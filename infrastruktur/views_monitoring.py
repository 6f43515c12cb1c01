"""Monitoring views (Pasal 17(2), 17(6): LKPP sees these read-only) and the agent ingest API."""

from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from lpse.access import staff_permission_required

from . import conf, selectors
from .models import Aset
from .services.metrik import MetrikInvalid, metrik_receive

MONITORING = "lpse.akses_monitoring"


@require_GET
@staff_permission_required(MONITORING)
def overview(request):
    """Every asset's state at a glance."""
    return render(
        request,
        "infrastruktur/monitoring.html",
        {"aset": selectors.aset_overview(), "counts": selectors.state_counts(), "now": timezone.now()},
    )


@require_GET
@staff_permission_required(MONITORING)
def aset_grafik(request, pk: int):
    aset = get_object_or_404(Aset.objects.select_related("keadaan"), pk=pk)
    rentang = request.GET.get("rentang", "24j")
    if rentang not in selectors.RENTANG:
        rentang = "24j"
    return render(
        request,
        "infrastruktur/grafik.html",
        {
            "aset": aset,
            "rentang": rentang,
            "pilihan": [(k, v[0]) for k, v in selectors.RENTANG.items()],
            "grup": selectors.GRUP,
        },
    )


@require_GET
@staff_permission_required(MONITORING)
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
    return render(request, "infrastruktur/uptime.html", {"months": months, "rows": rows})


@csrf_exempt  # machine-to-machine: authenticated by the per-server token, not a session
@never_cache
@require_POST
def api_metrik(request):
    """Agent posts (``infrastruktur/agent/lpse_agent.py``): 201 stored, 400 malformed or
    out-of-window timestamp, 401 bad token, 409 replay, 413 too large."""
    limit = conf.get("METRIK_MAKS_BYTE")
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
