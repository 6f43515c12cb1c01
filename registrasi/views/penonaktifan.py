"""Deactivation of an SPSE account: request and decision (Pasal 10 ayat 5)."""

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from lpse.access import staff_permission_required

from .. import services
from ..forms import (
    PenonaktifanForm,
    PenonaktifanKeputusanForm,
)
from ..models import (
    Penonaktifan,
)
from ..roles import AJUKAN_PENONAKTIFAN
from .common import AKSES, PER_PAGE, VERIFIKASI_PERM, _add_errors

AJUKAN_PERM = AJUKAN_PENONAKTIFAN.replace(".penonaktifan.", ".")


@login_required
@permission_required(AJUKAN_PERM, raise_exception=True)
def penonaktifan_ajukan(request):
    """PA/KPA, PPK or ULP ask to deactivate a blacklisted vendor's User ID (Pasal 10(5))."""
    form = PenonaktifanForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.penonaktifan_submit(
                    pendaftaran=form.pendaftaran,
                    user=request.user,
                    jenis=Penonaktifan.Jenis.NONAKTIF,
                    sumber=Penonaktifan.Sumber.PERMINTAAN,
                    data=form.service_data(),
                    bukti=form.bukti_checked,
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, "Permintaan penonaktifan terkirim ke Bidang Registrasi dan Verifikasi.")
                return redirect("registrasi:penonaktifan-ajukan")
        return render(request, "registrasi/penonaktifan_ajukan.html", _ajukan_context(request, form), status=400)
    return render(request, "registrasi/penonaktifan_ajukan.html", _ajukan_context(request, form))


def _ajukan_context(request, form) -> dict:
    mine = Penonaktifan.objects.filter(diajukan_oleh=request.user).select_related("pendaftaran")[:20]
    return {"form": form, "milik_saya": mine}


@staff_permission_required(AKSES)
def penonaktifan_list(request):
    """Requests to decide first, then the decided ones (Pasal 10(5))."""
    items = Penonaktifan.objects.select_related("pendaftaran", "diajukan_oleh").order_by("status", "-dibuat")
    page = Paginator(items, PER_PAGE).get_page(request.GET.get("halaman"))
    return render(request, "registrasi/penonaktifan_list.html", {"page": page})


@staff_permission_required(AKSES)
@permission_required(VERIFIKASI_PERM, raise_exception=True)
def penonaktifan_baru(request):
    """Staff open a deactivation for a violation of the SPSE terms, or a reactivation."""
    form = PenonaktifanForm(request.POST or None, request.FILES or None, staff=True)
    if request.method == "POST":
        if form.is_valid():
            try:
                item = services.penonaktifan_submit(
                    pendaftaran=form.pendaftaran,
                    user=request.user,
                    jenis=form.cleaned_data["jenis"],
                    sumber=form.cleaned_data["sumber"],
                    data=form.service_data(),
                    bukti=form.bukti_checked,
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                return redirect("registrasi:penonaktifan-detail", pk=item.pk)
        return render(request, "registrasi/penonaktifan_baru.html", {"form": form}, status=400)
    return render(request, "registrasi/penonaktifan_baru.html", {"form": form})


def _penonaktifan_context(item, **extra) -> dict:
    riwayat = item.pendaftaran.penonaktifan.select_related("diputuskan_oleh").all()
    return {
        "item": item,
        "riwayat": riwayat,
        "form": PenonaktifanKeputusanForm(),
        "history": item.history.select_related("history_user")[:20],
        **extra,
    }


@staff_permission_required(AKSES)
def penonaktifan_detail(request, pk: int):
    item = get_object_or_404(Penonaktifan.objects.select_related("pendaftaran", "diajukan_oleh"), pk=pk)
    return render(request, "registrasi/penonaktifan_detail.html", _penonaktifan_context(item))


@require_POST
@staff_permission_required(AKSES)
@permission_required(VERIFIKASI_PERM, raise_exception=True)
def penonaktifan_putuskan(request, pk: int):
    item = get_object_or_404(Penonaktifan.objects.select_related("pendaftaran", "diajukan_oleh"), pk=pk)
    form = PenonaktifanKeputusanForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.penonaktifan_decide(
                penonaktifan=item,
                staff=request.user,
                setuju=data["hasil"] == "setuju",
                catatan=data["catatan"],
                nomor_usulan_lkpp=data["nomor_usulan_lkpp"],
                tindakan_lkpp=data["tindakan_lkpp"],
                berlaku_mulai=data["berlaku_mulai"],
                berlaku_sampai=data["berlaku_sampai"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, "Keputusan tersimpan.")
            return redirect("registrasi:penonaktifan-detail", pk=pk)
    return render(request, "registrasi/penonaktifan_detail.html", _penonaktifan_context(item, form=form), status=400)


@staff_permission_required(AKSES)
def penonaktifan_bukti(request, pk: int):
    item = get_object_or_404(Penonaktifan, pk=pk)
    if not item.bukti:
        raise Http404("Tidak ada berkas bukti.")
    try:
        handle = item.bukti.open("rb")
    except FileNotFoundError:
        raise Http404("Berkas tidak ditemukan di penyimpanan.") from None
    response = FileResponse(handle, filename=f"bukti-penonaktifan-{item.pk}{PurePath(item.bukti.name).suffix}")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response
