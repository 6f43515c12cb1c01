"""Account services after registration and the expiry list (Pasal 10)."""

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from lpse.access import staff_permission_required
from lpse.documents import dokumen_file_response
from lpse.throttle import throttle

from .. import selectors, services
from ..forms import (
    LupaUserIdForm,
    PermohonanAkunForm,
    ProsesPermohonanForm,
)
from ..models import (
    Pendaftaran,
    PermohonanAkun,
)
from .common import AKSES, PER_PAGE, VERIFIKASI_PERM, _add_errors


@login_required
def layanan_akun(request):
    """The logged-in user's approved registrations and their requests (contact, User ID, password, data, renewal)."""
    pendaftaran = (
        Pendaftaran.objects.filter(akun=request.user, status=Pendaftaran.Status.DISETUJUI)
        .select_related("instansi")
        .prefetch_related("penonaktifan")
        .order_by("-diajukan")
        .first()
    )
    form = PermohonanAkunForm(request.POST or None, request.FILES or None)
    status_code = 200
    if request.method == "POST":
        if pendaftaran is None:
            raise PermissionDenied("Anda belum memiliki pendaftaran yang disetujui.")
        if form.is_valid():
            data = form.cleaned_data
            try:
                item = services.permohonan_akun_submit(
                    pendaftaran=pendaftaran,
                    pemohon=request.user,
                    jenis=data["jenis"],
                    uraian=data["uraian"],
                    berlaku_sampai_baru=data["berlaku_sampai_baru"],
                    bukti=form.bukti_checked,
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, f"Permohonan tercatat. Unduh tanda terima nomor {item.tanda_terima or '-'}.")
                return redirect("registrasi:layanan-akun")
        status_code = 400
    permohonan = (
        PermohonanAkun.objects.filter(pendaftaran=pendaftaran).select_related("tanda_terima")[:20]
        if pendaftaran
        else []
    )
    context = {"pendaftaran": pendaftaran, "form": form, "permohonan": permohonan}
    return render(request, "registrasi/layanan_akun.html", context, status=status_code)


@login_required
def layanan_akun_tanda_terima(request, pk: int):
    """The requester's own tanda terima; anyone else gets 404."""
    item = get_object_or_404(
        PermohonanAkun.objects.select_related("pendaftaran", "tanda_terima"), pk=pk, pendaftaran__akun=request.user
    )
    dokumen = services.permohonan_akun_issue_receipt(permohonan=item)
    if dokumen is None:
        raise Http404("Tanda terima belum dapat dibuat; coba lagi nanti.")
    return dokumen_file_response(request, dokumen)


@throttle("lupa-user-id")
def lupa_user_id(request):
    form = LupaUserIdForm(request.POST or None)
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "registrasi/lupa_user_id.html", {"form": form}, status=400)
        services.pendaftaran_send_user_id(email=form.cleaned_data["email"])
        messages.info(
            request, "Bila email itu terdaftar pada akun yang disetujui, User ID telah dikirim ke alamat itu."
        )
        return redirect("registrasi:lupa-user-id")
    return render(request, "registrasi/lupa_user_id.html", {"form": form})


@staff_permission_required(AKSES)
def layanan_akun_list(request):
    items = PermohonanAkun.objects.select_related("pendaftaran", "pemohon").order_by("status", "-dibuat")
    page = Paginator(items, PER_PAGE).get_page(request.GET.get("halaman"))
    return render(request, "registrasi/layanan_akun_list.html", {"page": page})


def _permohonan_context(item, **extra) -> dict:
    return {
        "item": item,
        "form": ProsesPermohonanForm(),
        "history": item.history.select_related("history_user")[:20],
        **extra,
    }


@staff_permission_required(AKSES)
def layanan_akun_detail(request, pk: int):
    item = get_object_or_404(PermohonanAkun.objects.select_related("pendaftaran", "pemohon", "tanda_terima"), pk=pk)
    return render(request, "registrasi/layanan_akun_detail.html", _permohonan_context(item))


@require_POST
@staff_permission_required(AKSES)
@permission_required(VERIFIKASI_PERM, raise_exception=True)
def layanan_akun_proses(request, pk: int):
    item = get_object_or_404(PermohonanAkun.objects.select_related("pendaftaran", "pemohon", "tanda_terima"), pk=pk)
    form = ProsesPermohonanForm(request.POST)
    if form.is_valid():
        try:
            services.permohonan_akun_process(
                permohonan=item,
                staff=request.user,
                selesai=form.cleaned_data["hasil"] == "selesai",
                catatan=form.cleaned_data["catatan"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, "Permohonan diproses dan pemohon diberi tahu.")
            return redirect("registrasi:layanan-akun-detail", pk=pk)
    return render(request, "registrasi/layanan_akun_detail.html", _permohonan_context(item, form=form), status=400)


@staff_permission_required(AKSES)
def layanan_akun_bukti(request, pk: int):
    item = get_object_or_404(PermohonanAkun, pk=pk)
    if not item.bukti:
        raise Http404("Tidak ada dokumen pendukung.")
    try:
        handle = item.bukti.open("rb")
    except FileNotFoundError:
        raise Http404("Berkas tidak ditemukan di penyimpanan.") from None
    response = FileResponse(handle, filename=f"permohonan-{item.pk}{PurePath(item.bukti.name).suffix}")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response


@staff_permission_required(AKSES)
def kedaluwarsa(request):
    """Appointments and licences ending within 30 days (or ended), for staff to follow up."""
    items = selectors.akan_kedaluwarsa(today=timezone.localdate())
    page = Paginator(items, PER_PAGE).get_page(request.GET.get("halaman"))
    return render(request, "registrasi/kedaluwarsa.html", {"page": page, "today": timezone.localdate()})
