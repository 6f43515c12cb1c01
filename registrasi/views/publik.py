"""Public registration pages: forms, email confirmation, status link, fixes, slot booking (Pasal 13, 14a)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from lpse.documents import dokumen_file_response
from lpse.pagecache import cached_page
from lpse.throttle import throttle

from .. import selectors, services
from ..forms import (
    BookingForm,
    CekStatusForm,
    PendaftaranPejabatForm,
    PendaftaranPenyediaForm,
    perbaikan_form_class,
)
from ..models import (
    Pendaftaran,
)
from .common import _add_errors, _berkas_aktif


def _daftar(request, form_class, template: str):
    """The registration form; its documents may already wait in a draft (issue 13). Files a
    failed submit brought that passed their check go into the draft, so they stay attached."""
    draf = selectors.draf_for_token(request.POST.get("draf", ""), jenis=form_class.JENIS) if request.POST else None
    form = form_class(request.POST or None, request.FILES or None, attached=selectors.draf_berkas(draf))
    if request.method != "POST":
        return render(request, template, {"form": form})
    if form.is_valid():
        try:
            services.pendaftaran_submit(jenis=form.JENIS, data=form.service_data(), files=form.files_checked, draf=draf)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            return redirect("registrasi:terkirim")
    if form.files_checked:
        draf = services.draf_keep(draf=draf, jenis=form.JENIS, files=form.files_checked)
        draf = selectors.draf_for_token(draf.token)
        form.attach(selectors.draf_berkas(draf))
    return render(request, template, {"form": form, "draf": draf}, status=400)


def persiapan(request):
    """What a vendor needs before the form (Pasal 13(1)a, 13(3)): documents, formats, limits, what follows."""
    from django.conf import settings

    from ..models import DOKUMEN_PENYEDIA_OPSIONAL, DOKUMEN_PENYEDIA_WAJIB

    return render(
        request,
        "registrasi/persiapan.html",
        {
            "wajib": [d.label for d in DOKUMEN_PENYEDIA_WAJIB],
            "opsional": [d.label for d in DOKUMEN_PENYEDIA_OPSIONAL],
            "batas_mb": settings.MAX_UPLOAD_BYTES // 1_048_576,
            "sla_hari": settings.REGISTRASI_SLA_HARI,
            "draf_hari": settings.REGISTRASI_DRAFT_DAYS,
        },
    )


@throttle("pendaftaran")
@cached_page
def daftar(request):
    """Vendor registration (Pasal 13(1)a); the form says Pasal 13(5) plainly."""
    return _daftar(request, PendaftaranPenyediaForm, "registrasi/daftar_penyedia.html")


@throttle("pendaftaran")
def daftar_pejabat(request):
    """Registration of PPK, Pokja ULP/Pejabat Pengadaan, Auditor and PA/KPA (Pasal 13(1)b, 13(7))."""
    return _daftar(request, PendaftaranPejabatForm, "registrasi/daftar_pejabat.html")


def terkirim(request):
    return render(request, "registrasi/terkirim.html")


def konfirmasi(request, token: str):
    """GET shows a button; only the POST confirms, so mail scanners following links change nothing."""
    pendaftaran = get_object_or_404(Pendaftaran, token_konfirmasi=token)
    if pendaftaran.status != Pendaftaran.Status.MENUNGGU_KONFIRMASI:
        return redirect("registrasi:status", token=pendaftaran.token)
    if request.method == "POST":
        pendaftaran = services.pendaftaran_confirm_email(pendaftaran=pendaftaran)
        messages.success(
            request,
            f"Email dikonfirmasi. Nomor pendaftaran Anda {pendaftaran.nomor}. Simpan alamat halaman ini: "
            "ini tautan status pribadi Anda (juga dikirim ke email).",
        )
        return redirect("registrasi:status", token=pendaftaran.token)
    return render(request, "registrasi/konfirmasi.html", {"pendaftaran": pendaftaran})


@throttle("kirim-ulang-status")
def cek_status(request):
    form = CekStatusForm(request.POST or None)
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "registrasi/cek_status.html", {"form": form}, status=400)
        services.pendaftaran_send_link(email=form.cleaned_data["email"])
        messages.info(
            request,
            "Bila email itu terdaftar pada pendaftaran yang berjalan, tautan status telah dikirim ke alamat tersebut.",
        )
        return redirect("registrasi:cek-status")
    return render(request, "registrasi/cek_status.html", {"form": form})


def _get_pendaftaran_for_token(token: str) -> Pendaftaran:
    """The application whose private status link this is; anything else is 404."""
    try:
        return selectors.pendaftaran_by_token(token)
    except Pendaftaran.DoesNotExist:
        raise Http404("Tautan status tidak dikenal.") from None


def _status_context(pendaftaran: Pendaftaran, **extra) -> dict:
    keputusan = list(pendaftaran.keputusan.all())
    context = {
        "pendaftaran": pendaftaran,
        "berkas": _berkas_aktif(pendaftaran),
        "keputusan_terakhir": keputusan[-1] if keputusan else None,
        "jadwal": getattr(pendaftaran, "jadwal", None),
    }
    if pendaftaran.status == Pendaftaran.Status.DIKEMBALIKAN:
        context.setdefault("perbaikan_form", perbaikan_form_class(pendaftaran)(instance=pendaftaran))
    if pendaftaran.status in (Pendaftaran.Status.DIAJUKAN, Pendaftaran.Status.DIKEMBALIKAN):
        context.setdefault("booking_form", BookingForm())
    context.update(extra)
    return context


@cached_page
def status(request, token: str):
    """The applicant's private status page: status, next steps, forms, booking, fixes."""
    pendaftaran = _get_pendaftaran_for_token(token)
    return render(request, "registrasi/status.html", _status_context(pendaftaran))


@require_POST
@throttle("pendaftaran")
def perbaikan(request, token: str):
    """Resubmit after a rejection: only the named documents and fields (Pasal 10(4))."""
    pendaftaran = _get_pendaftaran_for_token(token)
    if pendaftaran.status != Pendaftaran.Status.DIKEMBALIKAN:
        raise PermissionDenied("Pendaftaran ini tidak sedang menunggu perbaikan.")
    snapshot = Pendaftaran.objects.get(pk=pendaftaran.pk)
    form = perbaikan_form_class(pendaftaran)(request.POST, request.FILES, instance=snapshot)
    if form.is_valid():
        try:
            services.pendaftaran_resubmit(pendaftaran=pendaftaran, data=form.service_data(), files=form.files_checked)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, "Perbaikan telah diajukan kembali untuk diverifikasi.")
            return redirect("registrasi:status", token=token)
    context = _status_context(pendaftaran, perbaikan_form=form)
    return render(request, "registrasi/status.html", context, status=400)


@require_POST
def jadwal(request, token: str):
    """Book a verification slot (Pasal 14a); a full slot refuses."""
    pendaftaran = _get_pendaftaran_for_token(token)
    form = BookingForm(request.POST)
    if form.is_valid():
        try:
            services.jadwal_book(pendaftaran=pendaftaran, slot_id=form.cleaned_data["slot"].pk)
        except ValidationError as exc:
            form.add_error("slot", exc)
        else:
            messages.success(request, "Jadwal verifikasi tersimpan.")
            return redirect("registrasi:status", token=token)
    return render(request, "registrasi/status.html", _status_context(pendaftaran, booking_form=form), status=400)


def formulir(request, token: str, jenis: str):
    """Prefilled Formulir Pendaftaran / Keikutsertaan (Pasal 13(6)) to sign and bring along."""
    if jenis not in services.FORMULIR:
        raise Http404("Formulir tidak dikenal.")
    pendaftaran = _get_pendaftaran_for_token(token)
    dokumen = services.formulir_issue(pendaftaran=pendaftaran, jenis=jenis)
    return dokumen_file_response(request, dokumen, filename=f"formulir-{jenis}-{pendaftaran.nomor}.pdf")
