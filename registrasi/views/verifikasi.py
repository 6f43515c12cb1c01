"""Staff verification pages: queue, detail, checks, decisions, export, room slots (Pasal 10, 13)."""

import csv
import itertools
from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from lpse.access import staff_permission_required
from lpse.documents import dokumen_file_response
from lpse.net import client_ip
from lpse.pagecache import cached_page
from lpse.paginator import CappedPaginator
from lpse.spreadsheet import CSV_BOM, cell_safe
from lpse.uploads import CONTENT_TYPES

from .. import selectors, services
from ..filters import AntrianFilter
from ..forms import (
    BatalkanForm,
    ChecklistForm,
    KeputusanForm,
    SlotForm,
    TugaskanForm,
)
from ..models import (
    BerkasPendaftaran,
    Keputusan,
    Pendaftaran,
    SlotVerifikasi,
)
from .common import AKSES, PER_PAGE, TUGASKAN_PERM, VERIFIKASI_PERM, _add_errors, _berkas_aktif


def _antrian(request):
    """The queue's filterset and rows. Without a chosen status it shows the applications waiting,
    oldest first (the SLA order); ``status=`` (empty) shows every status."""
    params = request.GET.copy()
    params.pop("halaman", None)
    params.pop("format", None)
    params.setdefault("status", Pendaftaran.Status.DIAJUKAN)
    filterset = AntrianFilter(params, queryset=selectors.antrian_queryset(), request=request)
    if not filterset.is_valid():
        return filterset, selectors.antrian_queryset().none(), params
    return filterset, filterset.qs, params


@staff_permission_required(AKSES)
@cached_page
def index(request):
    """The verification queue: filters, search, SLA age, claims and counts per status."""
    filterset, queryset, params = _antrian(request)
    counts = selectors.status_counts()
    # A filter or search over 100,000 applications may match thousands: count at most a thousand.
    paginator = CappedPaginator(queryset, PER_PAGE)
    chosen = (
        {k: v for k, v in filterset.form.cleaned_data.items() if v not in (None, "", False)}
        if filterset.is_valid()
        else None
    )
    if chosen is not None and set(chosen) <= {"status"}:
        # The per-status counts already hold this number: no second COUNT over the register.
        status = chosen.get("status")
        paginator.count = (
            counts[status]
            if status
            else sum(counts[s] for s in counts if s not in ("menunggu_konfirmasi", "lewat_sla"))
        )
    page = paginator.get_page(request.GET.get("halaman"))
    context = {"filter": filterset, "page": page, "query": params.urlencode(), "counts": counts, "now": timezone.now()}
    return render(request, "registrasi/index.html", context)


def _get_pendaftaran_for_staff(pk: int) -> Pendaftaran:
    try:
        return selectors.pendaftaran_detail(pk)
    except Pendaftaran.DoesNotExist:
        raise Http404("Pendaftaran tidak ditemukan.") from None


# The typed data each document vouches for, shown beside it for the check (Pasal 13(2)).
DATA_DOKUMEN = {
    "ktp": ["pj_nama", "pj_nik", "pj_jabatan"],
    "akta_pendirian": ["nama_badan_usaha", "bentuk_usaha"],
    "akta_perubahan": ["nama_badan_usaha", "bentuk_usaha", "alamat"],
    "npwp": ["npwp", "nama_badan_usaha", "alamat"],
    "izin_usaha": ["nib", "nama_badan_usaha", "alamat", "kabupaten_kota", "izin_berlaku_sampai"],
    "surat_tugas": ["pj_nama", "nip", "instansi", "pj_jabatan", "peran", "nomor_sk", "masa_berlaku_sampai"],
}


def _data_for(pendaftaran: Pendaftaran, jenis: str) -> list[tuple[str, object]]:
    rows = []
    for name in DATA_DOKUMEN.get(jenis, []):
        field = Pendaftaran._meta.get_field(name)
        display = getattr(pendaftaran, f"get_{name}_display", None)
        rows.append((str(field.verbose_name), display() if display else getattr(pendaftaran, name)))
    return rows


def _detail_context(request, pendaftaran: Pendaftaran, **extra) -> dict:
    berkas = _berkas_aktif(pendaftaran)
    checklist = extra.pop("checklist", None) or ChecklistForm(berkas=berkas)
    context = {
        "pendaftaran": pendaftaran,
        "berkas_aktif": berkas,
        "berkas_arsip": [b for b in pendaftaran.berkas.all() if not b.aktif],
        "keputusan": list(pendaftaran.keputusan.all()),
        "checklist": checklist,
        "checklist_rows": [(b, h, c, _data_for(pendaftaran, b.jenis)) for b, h, c in checklist.rows()],
        "keputusan_form": KeputusanForm(pendaftaran=pendaftaran),
        "akses": pendaftaran.akses.select_related("pengguna")[:10],
        "history": pendaftaran.history.select_related("history_user")[:20],
        "saya_verifikator": pendaftaran.verifikator_id == request.user.pk,
        "boleh_verifikasi": request.user.has_perm(VERIFIKASI_PERM),
        "batalkan_form": BatalkanForm(),
    }
    if request.user.has_perm(TUGASKAN_PERM):
        context["tugaskan_form"] = TugaskanForm(initial={"verifikator": pendaftaran.verifikator_id})
    context.update(extra)
    return context


@staff_permission_required(AKSES)
def detail(request, pk: int):
    """Full data beside each document, checklist and decision; every opening is audited."""
    pendaftaran = _get_pendaftaran_for_staff(pk)
    services.akses_record(pendaftaran=pendaftaran, user=request.user, ip=client_ip(request))
    return render(request, "registrasi/detail.html", _detail_context(request, pendaftaran))


@require_POST
@staff_permission_required(AKSES)
@permission_required(VERIFIKASI_PERM, raise_exception=True)
def klaim(request, pk: int):
    pendaftaran = get_object_or_404(Pendaftaran, pk=pk)
    if services.pendaftaran_claim(pendaftaran=pendaftaran, verifier=request.user):
        messages.success(request, f"Pendaftaran {pendaftaran} Anda klaim.")
    else:
        messages.warning(request, "Pendaftaran ini sudah diklaim verifikator lain.")
    return redirect("registrasi:detail", pk=pk)


@require_POST
@staff_permission_required(AKSES)
@permission_required(TUGASKAN_PERM, raise_exception=True)
def tugaskan(request, pk: int):
    pendaftaran = get_object_or_404(Pendaftaran, pk=pk)
    form = TugaskanForm(request.POST)
    if form.is_valid():
        services.pendaftaran_assign(pendaftaran=pendaftaran, verifier=form.cleaned_data["verifikator"], by=request.user)
        messages.success(request, f"Ditugaskan kepada {form.cleaned_data['verifikator']}.")
        return redirect("registrasi:detail", pk=pk)
    pendaftaran = _get_pendaftaran_for_staff(pk)
    return render(
        request, "registrasi/detail.html", _detail_context(request, pendaftaran, tugaskan_form=form), status=400
    )


@require_POST
@staff_permission_required(AKSES)
@permission_required(VERIFIKASI_PERM, raise_exception=True)
def periksa(request, pk: int):
    """Save the per-document checklist (Pasal 13(2))."""
    pendaftaran = _get_pendaftaran_for_staff(pk)
    form = ChecklistForm(request.POST, berkas=_berkas_aktif(pendaftaran))
    if form.is_valid():
        try:
            services.berkas_check(pendaftaran=pendaftaran, verifier=request.user, results=form.results())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Hasil pemeriksaan dokumen tersimpan.")
            return redirect("registrasi:detail", pk=pk)
    return render(request, "registrasi/detail.html", _detail_context(request, pendaftaran, checklist=form), status=400)


@require_POST
@staff_permission_required(AKSES)
@permission_required(VERIFIKASI_PERM, raise_exception=True)
def putuskan(request, pk: int):
    """Approve or reject (Pasal 10(4)); the applicant is told by email (Pasal 10(6)f)."""
    pendaftaran = _get_pendaftaran_for_staff(pk)
    form = KeputusanForm(request.POST, pendaftaran=pendaftaran)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data["hasil"] == Keputusan.Hasil.SETUJU:
                services.pendaftaran_approve(
                    pendaftaran=pendaftaran,
                    verifier=request.user,
                    user_id_spse=data["user_id_spse"],
                    catatan=data["catatan"],
                )
            else:
                services.pendaftaran_reject(
                    pendaftaran=pendaftaran,
                    verifier=request.user,
                    alasan=data["alasan"],
                    catatan=data["catatan"],
                    perbaikan_dokumen=data["perbaikan_dokumen"],
                    perbaikan_field=data["perbaikan_field"],
                )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, "Keputusan tersimpan dan pemohon diberi tahu melalui email.")
            return redirect("registrasi:detail", pk=pk)
    context = _detail_context(request, pendaftaran, keputusan_form=form)
    return render(request, "registrasi/detail.html", context, status=400)


@require_POST
@staff_permission_required(AKSES)
@permission_required(VERIFIKASI_PERM, raise_exception=True)
def batalkan(request, pk: int):
    """Cancel an application that will not go on; it stays in the archive (Pasal 10(6)e)."""
    pendaftaran = _get_pendaftaran_for_staff(pk)
    form = BatalkanForm(request.POST)
    if form.is_valid():
        try:
            services.pendaftaran_cancel(pendaftaran=pendaftaran, by=request.user, alasan=form.cleaned_data["alasan"])
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, "Pendaftaran dibatalkan.")
            return redirect("registrasi:detail", pk=pk)
    context = _detail_context(request, pendaftaran, batalkan_form=form)
    return render(request, "registrasi/detail.html", context, status=400)


@staff_permission_required(AKSES)
def berkas(request, pk: int):
    """An uploaded copy, served only to the bidang's staff (private media has no URL)."""
    item = get_object_or_404(BerkasPendaftaran.objects.select_related("pendaftaran"), pk=pk)
    try:
        handle = item.berkas.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("Berkas tidak ditemukan di penyimpanan.") from None
    ext = PurePath(item.berkas.name).suffix
    name = f"{item.pendaftaran.nomor or item.pendaftaran.pk}-{item.jenis}{ext}"
    response = FileResponse(
        handle, content_type=CONTENT_TYPES.get(item.tipe, "application/octet-stream"), filename=name
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response


@staff_permission_required(AKSES)
def berita_acara(request, pk: int):
    """The Berita Acara Verifikasi of a decision; issued again if rendering failed earlier."""
    keputusan = get_object_or_404(Keputusan.objects.select_related("pendaftaran", "berita_acara"), pk=pk)
    dokumen = services.keputusan_issue_berita_acara(keputusan=keputusan, user=request.user)
    if dokumen is None:
        raise Http404("Berita acara belum dapat dibuat; coba lagi nanti.")
    return dokumen_file_response(request, dokumen)


EKSPOR_KOLOM = [
    ("Nomor", "nomor"),
    ("Jenis", "get_jenis_display"),
    ("Status", "get_status_display"),
    ("Nama", "nama"),
    ("Bentuk usaha", "get_bentuk_usaha_display"),
    # Lists show NPWP masked; the full number is on the audited detail page only.
    ("NPWP", "npwp_tersamar"),
    ("NIB", "nib"),
    ("Penanggung jawab", "pj_nama"),
    ("Email", "email"),
    ("Diajukan", "diajukan"),
    ("Putaran", "putaran"),
    ("User ID SPSE", "user_id_spse"),
]


def _ekspor_rows(queryset):
    yield [label for label, _ in EKSPOR_KOLOM]
    for obj in queryset.iterator(chunk_size=2000):
        row = []
        for _, attr in EKSPOR_KOLOM:
            value = getattr(obj, attr)
            value = value() if callable(value) else value
            if hasattr(value, "tzinfo"):
                value = timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""
            row.append(cell_safe(value))  # a name like "=HYPERLINK(…)" stays text in Excel
        yield row


class _Echo:
    def write(self, value):
        return value


@staff_permission_required(AKSES)
def ekspor(request):
    """The register (Pasal 10(6)e) as CSV or XLSX, with the queue's filters applied."""
    _filterset, queryset, _params = _antrian(request)
    queryset = queryset.defer(None).select_related(None)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if request.GET.get("format") == "xlsx":
        from openpyxl import Workbook

        wb = Workbook(write_only=True)
        ws = wb.create_sheet("Pendaftaran")
        for row in _ekspor_rows(queryset):
            ws.append(row)
        response = HttpResponse(content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response["Content-Disposition"] = f'attachment; filename="register-pendaftaran-{stamp}.xlsx"'
        wb.save(response)
        return response
    writer = csv.writer(_Echo())
    # The BOM tells Excel the file is UTF-8, so accented names show as typed.
    lines = itertools.chain([CSV_BOM], (writer.writerow(r) for r in _ekspor_rows(queryset)))
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="register-pendaftaran-{stamp}.csv"'
    return response


@staff_permission_required(AKSES)
def slot_list(request):
    """Verification room slots (Pasal 14a): staff open them, applicants book them."""
    can_edit = request.user.has_perm(VERIFIKASI_PERM)
    form = SlotForm(request.POST or None)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            services.slot_create(**form.cleaned_data)
            messages.success(request, "Slot verifikasi dibuka.")
            return redirect("registrasi:slot-list")
    slots = SlotVerifikasi.objects.filter(selesai__gte=timezone.now()).order_by("mulai")[:100]
    status_code = 400 if request.method == "POST" else 200
    return render(
        request, "registrasi/slot_list.html", {"form": form, "slots": slots, "can_edit": can_edit}, status=status_code
    )
