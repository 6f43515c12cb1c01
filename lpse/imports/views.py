"""The pages of one import kind: upload, preview, confirm, progress,
template and export. A bidang mounts them under its own path with
lpse.imports.urls.kind_urls; the kind's permission guards every page."""

from functools import wraps

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from lpse.models import ImportRecord

from . import services
from .base import get_kind
from .tables import XLSX_CONTENT_TYPE, write_csv, write_xlsx


class UploadForm(forms.Form):
    berkas = forms.FileField(
        label="Berkas XLSX atau CSV",
        help_text="Baris pertama berisi nama kolom seperti pada templat. Tidak ada yang disimpan sebelum Anda "
        "memeriksa pratinjau dan mengonfirmasi.",
    )


def _kind_view(view):
    """Login first (anonymous → login page), then the kind's permission (else 403)."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, kind_key: str, **kwargs):
        kind = get_kind(kind_key)
        if not request.user.has_perm(kind.permission):
            raise PermissionDenied
        return view(request, kind, *args, **kwargs)

    return wrapper


def _get_record(kind, pk: int) -> ImportRecord:
    """The import of this kind, or 404 (an id of another kind is not found here)."""
    return get_object_or_404(
        ImportRecord.objects.select_related("diunggah_oleh", "dikonfirmasi_oleh"), pk=pk, jenis=kind.key
    )


def _context(kind, **extra):
    return {"kind": kind, "columns": kind.columns, **extra}


@_kind_view
def upload(request, kind):
    form = UploadForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                record = services.import_preview(kind=kind, upload=form.cleaned_data["berkas"], user=request.user)
            except ValidationError as exc:
                form.add_error("berkas", exc)
            else:
                return redirect(kind.url_name("pratinjau"), pk=record.pk)
        status = 400
    riwayat = ImportRecord.objects.filter(jenis=kind.key).select_related("diunggah_oleh")[:10]
    return render(request, "lpse/impor/upload.html", _context(kind, form=form, riwayat=riwayat), status=status)


@_kind_view
def preview(request, kind, pk: int):
    record = _get_record(kind, pk)
    progres = services.import_progress(record=record)
    return render(request, "lpse/impor/preview.html", _context(kind, record=record, progres=progres))


@require_POST
@_kind_view
def confirm(request, kind, pk: int):
    record = _get_record(kind, pk)
    try:
        services.import_confirm(record=record, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        status = 503 if getattr(exc, "code", None) == services.BROKER_DOWN else 409
        record.refresh_from_db()
        return render(request, "lpse/impor/preview.html", _context(kind, record=record, progres=0), status=status)
    return redirect(kind.url_name("pratinjau"), pk=record.pk)


@require_POST
@_kind_view
def cancel(request, kind, pk: int):
    record = _get_record(kind, pk)
    try:
        services.import_cancel(record=record)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(kind.url_name("pratinjau"), pk=record.pk)
    messages.info(request, "Impor dibatalkan; berkasnya dihapus.")
    return redirect(kind.url_name(""))


@_kind_view
def progress(request, kind, pk: int):
    """HTMX polling target; a finished import reloads the page."""
    record = _get_record(kind, pk)
    response = render(
        request,
        "lpse/impor/_progres.html",
        _context(kind, record=record, progres=services.import_progress(record=record)),
    )
    if not record.sedang_diproses and request.headers.get("HX-Request"):
        response["HX-Refresh"] = "true"
    return response


def _file_response(kind, *, fmt: str, rows, stem: str, notes=None) -> HttpResponse:
    stamp = timezone.localdate().strftime("%Y%m%d")
    if fmt == "csv":
        response = HttpResponse(write_csv(kind.column_names, rows), content_type="text/csv; charset=utf-8")
    else:
        fmt = "xlsx"
        response = HttpResponse(
            write_xlsx(kind.column_names, rows, title=kind.label, notes=notes), content_type=XLSX_CONTENT_TYPE
        )
    response["Content-Disposition"] = f'attachment; filename="{stem}-{stamp}.{fmt}"'
    return response


@_kind_view
def template(request, kind):
    """An empty file with the kind's columns, an example row and, in XLSX, an instruction sheet."""
    notes = [
        [c.name, c.label + (" (wajib)" if c.required else ""), c.example]
        + ([f"juga diterima: {', '.join(c.aliases)}"] if c.aliases else [])
        for c in kind.columns
    ]
    return _file_response(
        kind, fmt=request.GET.get("format", "xlsx"), rows=kind.example_rows(), stem=f"templat-{kind.key}", notes=notes
    )


@_kind_view
def export(request, kind):
    """The kind's records with exactly the import's columns, so an export re-imports unchanged."""
    return _file_response(kind, fmt=request.GET.get("format", "xlsx"), rows=kind.export_rows(), stem=kind.key)


def links(kind) -> dict[str, str]:
    return {
        "impor": reverse(kind.url_name("")),
        "ekspor_xlsx": reverse(kind.url_name("ekspor")) + "?format=xlsx",
        "ekspor_csv": reverse(kind.url_name("ekspor")) + "?format=csv",
    }
