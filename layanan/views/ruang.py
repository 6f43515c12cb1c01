"""Rooms and guest book (Pasal 14 huruf a–b)."""

from datetime import date, datetime, time, timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from lpse.access import staff_permission_required

from .. import services
from ..forms import KeputusanForm, PemesananForm, TamuForm
from ..models import BukuTamu, PemesananRuang, Ruang
from .common import PERM

BOOK = "layanan.add_pemesananruang"
DECIDE = "layanan.putus_pemesanan"


def _week_start(raw: str | None) -> date:
    try:
        day = date.fromisoformat(raw) if raw else timezone.localdate()
    except ValueError:
        day = timezone.localdate()
    return day - timedelta(days=day.weekday())


@staff_permission_required(BOOK)
def ruang_kalender(request):
    """Week calendar of the rooms with the booking form (Pokja and staff)."""
    senin = _week_start(request.GET.get("minggu"))
    tz = timezone.get_current_timezone()
    awal = datetime.combine(senin, time(0), tz)
    akhir = awal + timedelta(days=7)
    days = [senin + timedelta(days=i) for i in range(7)]
    rooms = list(Ruang.objects.filter(aktif=True))
    bookings = (
        PemesananRuang.objects.filter(mulai__lt=akhir, selesai__gt=awal, status__in=PemesananRuang.AKTIF)
        .select_related("pemesan")
        .order_by("mulai")
    )
    grid = {(r.pk, d): [] for r in rooms for d in days}
    for b in bookings:
        key = (b.ruang_id, timezone.localtime(b.mulai).date())
        if key in grid:
            grid[key].append(b)
    rows = [{"ruang": r, "cells": [grid[(r.pk, d)] for d in days]} for r in rooms]
    form = PemesananForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.pemesanan_create(pemesan=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Pemesanan ruang tercatat.")
            return redirect(f"{request.path}?minggu={timezone.localtime(form.cleaned_data['mulai']).date()}")
    pending = (
        PemesananRuang.objects.filter(status=PemesananRuang.Status.TUNDA).select_related("ruang", "pemesan")[:50]
        if request.user.has_perm(DECIDE)
        else []
    )
    context = {
        "rows": rows,
        "days": days,
        "senin": senin,
        "minggu_lalu": senin - timedelta(days=7),
        "minggu_depan": senin + timedelta(days=7),
        "form": form,
        "pending": pending,
        "keputusan_form": KeputusanForm(),
    }
    return render(request, "layanan/ruang_kalender.html", context, status=400 if form.errors else 200)


@require_POST
@staff_permission_required(DECIDE)
def pemesanan_keputusan(request, pk: int):
    pemesanan = get_object_or_404(PemesananRuang.objects.select_related("ruang", "pemesan"), pk=pk)
    form = KeputusanForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Pilih setuju atau tidak setuju.")
        return redirect("layanan:ruang-kalender")
    try:
        services.pemesanan_decide(
            pemesanan=pemesanan,
            setuju=form.cleaned_data["keputusan"] == "setuju",
            user=request.user,
            catatan=form.cleaned_data["catatan"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Keputusan tersimpan.")
    return redirect("layanan:ruang-kalender")


@require_POST
@staff_permission_required(BOOK)
def pemesanan_batal(request, pk: int):
    pemesanan = get_object_or_404(PemesananRuang, pk=pk)
    try:
        services.pemesanan_cancel(pemesanan=pemesanan, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Pemesanan dibatalkan.")
    return redirect("layanan:ruang-kalender")


@staff_permission_required(PERM)
def buku_tamu(request):
    """Walk-in visitors of the internet corner (Pasal 14 huruf b): today's list and check-in."""
    form = TamuForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.tamu_checkin(data=form.cleaned_data, user=request.user)
        messages.success(request, "Tamu tercatat.")
        return redirect("layanan:buku-tamu")
    today = timezone.localdate()
    tamu = BukuTamu.objects.filter(masuk__date=today)
    return render(
        request,
        "layanan/buku_tamu.html",
        {"form": form, "tamu": tamu, "today": today},
        status=400 if form.errors else 200,
    )


@require_POST
@staff_permission_required(PERM)
def tamu_keluar(request, pk: int):
    services.tamu_checkout(tamu=get_object_or_404(BukuTamu, pk=pk))
    return redirect("layanan:buku-tamu")
