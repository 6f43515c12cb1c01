"""Trainings: public list and registration, staff management, certificates (Pasal 11 ayat 4 huruf b)."""

from functools import partial

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from lpse.access import staff_permission_required
from lpse.throttle import throttle

from .. import selectors, services
from ..forms import DaftarForm, EvaluasiForm, PelatihanForm
from ..models import Pelatihan, PesertaPelatihan
from .common import PERM


def _with_seats(qs):
    return qs.annotate(terisi=Count("peserta", filter=Q(peserta__status=PesertaPelatihan.Status.TERDAFTAR)))


def pelatihan_list(request):
    """Public: upcoming trainings and socialisation sessions."""
    pelatihan = _with_seats(Pelatihan.objects.filter(terbit=True, mulai__gte=timezone.now()).select_related("ruang"))[
        :50
    ]
    return render(request, "layanan/pelatihan_list.html", {"pelatihan": pelatihan})


@throttle("pelatihan")
def pelatihan_detail(request, pk: int):
    """Public: a session and its sign-up form (waiting list when full)."""
    pelatihan = get_object_or_404(_with_seats(Pelatihan.objects.select_related("ruang")), pk=pk, terbit=True)
    form = DaftarForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            peserta = services.peserta_register(pelatihan=pelatihan, data=form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if peserta.status == PesertaPelatihan.Status.TERDAFTAR:
                messages.success(request, "Anda terdaftar. Konfirmasi dikirim ke email Anda.")
            else:
                messages.warning(request, "Kuota penuh: Anda masuk daftar tunggu. Kami kabari bila ada kursi.")
            return redirect(peserta)
    return render(
        request,
        "layanan/pelatihan_detail.html",
        {"pelatihan": pelatihan, "form": form, "sisa": max(pelatihan.kapasitas - pelatihan.terisi, 0)},
        status=400 if form.errors else 200,
    )


def _get_peserta(token: str) -> PesertaPelatihan:
    try:
        return PesertaPelatihan.objects.select_related("pelatihan", "sertifikat", "evaluasi").get(token=token)
    except PesertaPelatihan.DoesNotExist:
        raise Http404("Pendaftaran tidak ditemukan. Periksa tautan dari email Anda.") from None


def peserta(request, token: str):
    """Public, by private link: the participant's status, cancel, evaluation, certificate."""
    p = _get_peserta(token)
    form = EvaluasiForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluasi_submit(peserta=p, data=form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Terima kasih atas evaluasi Anda.")
            return redirect(p)
    sudah_evaluasi = hasattr(p, "evaluasi")
    context = {"peserta": p, "form": form, "selesai": timezone.now() >= p.pelatihan.selesai, "sudah": sudah_evaluasi}
    return render(request, "layanan/peserta.html", context, status=400 if form.errors else 200)


@require_POST
def peserta_batal(request, token: str):
    p = _get_peserta(token)
    try:
        services.peserta_cancel(peserta=p)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Pendaftaran Anda dibatalkan.")
    return redirect(p)


def peserta_sertifikat(request, token: str):
    p = _get_peserta(token)
    if p.sertifikat is None or not p.sertifikat.pdf:
        raise Http404("Sertifikat belum tersedia.")
    return FileResponse(
        p.sertifikat.pdf.open("rb"),
        content_type="application/pdf",
        filename=f"{p.sertifikat.nomor.replace('/', '-')}.pdf",
    )


@staff_permission_required(PERM)
def pelatihan_kelola(request):
    form = PelatihanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            pelatihan = services.pelatihan_save(pelatihan=form.instance, user=request.user)
        except ValidationError as exc:
            form.instance.pk = None  # rolled back: the form stays a "new training" form
            form.add_error(None, exc)
        else:
            messages.success(request, "Pelatihan tersimpan; ruangnya ikut dipesan.")
            return redirect("layanan:pelatihan-staf", pk=pelatihan.pk)
    pelatihan = _with_seats(Pelatihan.objects.select_related("ruang")).order_by("-mulai")
    periode = selectors.pelatihan_period(request.GET)
    total = None
    if periode is not None:  # a dashboard figure: the trainings held in the period, all of them
        pelatihan = pelatihan.filter(selectors.pelatihan_held_q(**periode))
        total = pelatihan.count()
    else:
        pelatihan = pelatihan[:50]
    return render(
        request,
        "layanan/pelatihan_kelola.html",
        {"form": form, "pelatihan": pelatihan, "periode": periode, "total": total},
        status=400 if form.errors else 200,
    )


@staff_permission_required(PERM)
def pelatihan_staf(request, pk: int):
    """Participants, attendance and certificates of one session."""
    pelatihan = get_object_or_404(Pelatihan.objects.select_related("ruang"), pk=pk)
    if request.method == "POST":
        ids = {int(i) for i in request.POST.getlist("hadir") if i.isdigit()}
        n = services.pelatihan_record_attendance(pelatihan=pelatihan, hadir_ids=ids, user=request.user)
        messages.success(request, f"Daftar hadir tersimpan ({n} hadir).")
        return redirect("layanan:pelatihan-staf", pk=pk)
    peserta = pelatihan.peserta.select_related("sertifikat", "evaluasi").order_by("status", "dibuat")
    history = pelatihan.history.select_related("history_user")[:20]
    return render(
        request,
        "layanan/pelatihan_staf.html",
        {"pelatihan": pelatihan, "peserta": peserta, "history": history, "progres": _sertifikat_progres(pelatihan)},
    )


@require_POST
@staff_permission_required(PERM)
def pelatihan_sertifikat(request, pk: int):
    """Queue the certificates of those who attended (rendered by the worker)."""
    from ..tasks import sertifikat_pelatihan

    pelatihan = get_object_or_404(Pelatihan, pk=pk)
    if pelatihan.selesai > timezone.now():
        messages.error(request, "Sertifikat baru dapat diterbitkan setelah pelatihan selesai.")
        return redirect("layanan:pelatihan-staf", pk=pk)
    cache.set(_SERTIFIKAT_KEY.format(pk=pk), True, 3600)  # the page shows progress until all are made
    transaction.on_commit(partial(sertifikat_pelatihan.delay, pelatihan.pk, request.user.pk))
    messages.success(request, "Sertifikat sedang dibuat untuk peserta yang hadir.")
    return redirect("layanan:pelatihan-staf", pk=pk)


_SERTIFIKAT_KEY = "layanan:sertifikat-dibuat:{pk}"


def _sertifikat_progres(pelatihan) -> dict | None:
    """How many of those who attended have their certificate PDF, while a run is on."""
    if not cache.get(_SERTIFIKAT_KEY.format(pk=pelatihan.pk)):
        return None
    hadir = pelatihan.peserta.filter(hadir=True, status=PesertaPelatihan.Status.TERDAFTAR)
    total = hadir.count()
    done = hadir.filter(sertifikat__isnull=False).exclude(sertifikat__pdf="").count()
    if done >= total:
        cache.delete(_SERTIFIKAT_KEY.format(pk=pelatihan.pk))
    return {"total": total, "done": done, "persen": round(100 * done / total) if total else 100}


@staff_permission_required(PERM)
def pelatihan_sertifikat_progres(request, pk: int):
    """HTMX polling target: certificates made so far; when all are made the page reloads."""
    pelatihan = get_object_or_404(Pelatihan, pk=pk)
    progres = _sertifikat_progres(pelatihan)
    response = render(request, "layanan/_sertifikat_progres.html", {"pelatihan": pelatihan, "progres": progres})
    if request.htmx and (progres is None or progres["done"] >= progres["total"]):
        response["HX-Refresh"] = "true"
    return response


@staff_permission_required(PERM)
def sertifikat_download(request, pk: int):
    p = get_object_or_404(PesertaPelatihan.objects.select_related("sertifikat"), pk=pk)
    if p.sertifikat is None or not p.sertifikat.pdf:
        raise Http404("Sertifikat belum tersedia.")
    return FileResponse(p.sertifikat.pdf.open("rb"), content_type="application/pdf", filename=f"sertifikat-{p.pk}.pdf")
