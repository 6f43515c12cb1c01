"""Staff pages of the signing workflow and the PDF answers they share."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from ..access import staff_permission_required
from ..models import Dokumen, TandaTanganDokumen
from ..pagecache import cached_page
from .backends import SigningError
from .service import tanda_tangan_in_progress, tanda_tangan_progress, tanda_tangan_request


class TandaTanganForm(forms.Form):
    passphrase = forms.CharField(
        label="Frasa sandi tanda tangan",
        strip=False,
        max_length=200,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        help_text="Frasa sandi sertifikat elektronik Anda (bukan kata sandi portal). Tidak pernah disimpan.",
    )
    kode = forms.CharField(
        label="Kode verifikasi dua langkah",
        required=False,
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _get_dokumen_for_signer(request, pk: int) -> Dokumen:
    """The document with its signers, for a staff member who may read it or must sign it; else 404."""
    dokumen = get_object_or_404(
        Dokumen.objects.prefetch_related(
            Prefetch("tanda_tangan", queryset=TandaTanganDokumen.objects.select_related("penandatangan"))
        ),
        pk=pk,
    )
    from ..document_kinds import can_read

    is_signer = any(t.penandatangan_id == request.user.pk for t in dokumen.tanda_tangan.all())
    # A signer always sees what they sign; others as the kind's read access says (lpse.document_kinds).
    if not (is_signer or (request.user.has_perm("lpse.view_dokumen") and can_read(request.user, dokumen.kode))):
        raise Http404
    return dokumen


@staff_permission_required("lpse.akses_staf")
def ttd_antrian(request):
    """Documents waiting for this official's signature (their turn or later)."""
    pending = (
        TandaTanganDokumen.objects.filter(penandatangan=request.user, ditandatangani__isnull=True)
        .select_related("dokumen")
        .order_by("dokumen__tanggal", "urutan")
    )
    signed = (
        TandaTanganDokumen.objects.filter(penandatangan=request.user, ditandatangani__isnull=False)
        .select_related("dokumen")
        .order_by("-ditandatangani")[:20]
    )
    return render(request, "lpse/ttd_antrian.html", {"pending": pending, "signed": signed})


@staff_permission_required("lpse.akses_staf")
def dokumen_detail(request, pk: int):
    """The signer's page. Asked by HTMX while the PDF or a signature is being made,
    it answers the progress fragment, then tells the page to reload."""
    dokumen = _get_dokumen_for_signer(request, pk)
    if request.headers.get("HX-Request"):
        context = _progress_context(request, dokumen)
        if context["sibuk"]:
            return render(request, "lpse/_dokumen_progres.html", context)
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return _detail(request, dokumen, TandaTanganForm())


def _progress_context(request, dokumen: Dokumen) -> dict:
    from ..documents import dokumen_progress

    mine = next((t for t in dokumen.tanda_tangan.all() if t.penandatangan_id == request.user.pk), None)
    signing = mine if tanda_tangan_in_progress(mine) else None
    render_progress = None if dokumen.pdf else dokumen_progress(dokumen)
    return {
        "dokumen": dokumen,
        "menandatangani": signing,
        "progres_ttd": tanda_tangan_progress(signing) if signing else None,
        "progres_pdf": render_progress,
        "sibuk": bool(signing or render_progress),
    }


def _detail(request, dokumen: Dokumen, form, status: int = 200):
    nxt = next((t for t in dokumen.tanda_tangan.all() if t.ditandatangani is None), None)
    mine = next((t for t in dokumen.tanda_tangan.all() if t.penandatangan_id == request.user.pk), None)
    progress = _progress_context(request, dokumen)
    # The worker's refusal of the last attempt (nothing was signed), until the next attempt.
    refusal = mine.galat if mine is not None and not progress["menandatangani"] and not form.is_bound else ""
    pages = _page_count(dokumen) if dokumen.pdf else 0
    return render(
        request,
        "lpse/dokumen_detail.html",
        {
            **progress,
            "penolakan": refusal,
            "berikutnya": nxt,
            "giliran_saya": nxt is not None and nxt.penandatangan_id == request.user.pk,
            "form": form,
            "halaman": range(1, pages + 1),
        },
        status=status,
    )


@require_POST
@staff_permission_required("lpse.akses_staf")
def dokumen_tandatangani(request, pk: int):
    """Check the second factor and the turn, then queue the signature; a refusal
    re-renders the page with a 400. The page then shows the worker's progress."""
    dokumen = _get_dokumen_for_signer(request, pk)
    form = TandaTanganForm(request.POST)
    if form.is_valid():
        try:
            tanda_tangan_request(
                dokumen=dokumen,
                user=request.user,
                passphrase=form.cleaned_data["passphrase"],
                code=form.cleaned_data["kode"],
            )
        except SigningError as exc:
            form.add_error(None, str(exc))
        except PermissionDenied:
            raise
        else:
            messages.info(request, f"Tanda tangan {dokumen.nomor} sedang dibuat; hasilnya tampil di halaman ini.")
            return redirect("lpse:dokumen-detail", pk=dokumen.pk)
    dokumen = _get_dokumen_for_signer(request, pk)  # reloaded: a refused signature changed nothing
    return _detail(request, dokumen, _cleared(form), status=400)


def _cleared(form: TandaTanganForm) -> TandaTanganForm:
    """The bound form with its errors, the passphrase never echoed back."""
    form.data = form.data.copy()
    form.data["passphrase"] = ""
    return form


def _page_count(dokumen: Dokumen) -> int:
    from pypdf import PdfReader

    with dokumen.pdf.open("rb") as fh:
        return len(PdfReader(fh).pages)


@staff_permission_required("lpse.akses_staf")
def dokumen_halaman(request, pk: int, nomor: int):
    """One page as a PNG (pdftoppm), so the signer sees what they sign without a PDF plug-in."""
    dokumen = _get_dokumen_for_signer(request, pk)
    if not dokumen.pdf:
        raise Http404("Berkas PDF dokumen ini belum dibuat.")
    from ..documents import dokumen_pdf_for_reading

    with tempfile.TemporaryDirectory(prefix="lpse-pratinjau-") as tmp:
        src = Path(tmp) / "d.pdf"
        src.write_bytes(dokumen_pdf_for_reading(dokumen))
        result = subprocess.run(  # noqa: S603 - a fixed binary on our own file
            [  # noqa: S607 - pdftoppm from PATH (poppler-utils, installed by the Makefile)
                "pdftoppm",
                "-png",
                "-r",
                "80",
                "-f",
                str(nomor),
                "-l",
                str(nomor),
                "-singlefile",
                str(src),
                str(Path(tmp) / "p"),
            ],
            capture_output=True,
            timeout=30,
            check=False,
        )
        out = Path(tmp) / "p.png"
        if result.returncode != 0 or not out.exists():
            raise Http404("Halaman itu tidak ada.")
        return HttpResponse(out.read_bytes(), content_type="image/png")


class VerifikasiUnggahForm(forms.Form):
    berkas = forms.FileField(label="Berkas PDF yang ingin diperiksa")

    def clean_berkas(self):
        from ..uploads import PDF, validate_upload

        f = self.cleaned_data["berkas"]
        try:
            validate_upload(f, allowed=(PDF,))
        except ValidationError as exc:
            raise forms.ValidationError(exc.messages) from None
        return f


@cached_page
def dokumen_verifikasi(request, token: str):
    """Public: the portal's record of the document and what its signatures say now.

    Kept by the page cache like the other read pages: a new signature or a revocation recorded in
    the portal's tables shows at once; a trust root or CRL replaced on disk shows within the cache's
    60 seconds (CRLs themselves are published hours apart)."""
    from ..documents import dokumen_pdf_for_reading
    from .validation import pdf_signatures_report

    dokumen = (
        Dokumen.objects.prefetch_related(
            Prefetch("tanda_tangan", queryset=TandaTanganDokumen.objects.select_related("penandatangan"))
        )
        .filter(token=token[:64])
        .first()
    )
    if dokumen is None:
        return render(request, "lpse/dokumen_tidak_terdaftar.html", {"token": token[:64]}, status=404)
    report = pdf_signatures_report(dokumen_pdf_for_reading(dokumen)) if dokumen.pdf else None
    return render(
        request,
        "lpse/dokumen_verifikasi.html",
        {"dokumen": dokumen, "report": report, "form": VerifikasiUnggahForm()},
    )


def dokumen_verifikasi_unggah(request):
    """Public: anyone drops a PDF; the portal says whether its signatures hold and whether it issued it."""
    from .validation import pdf_identify, pdf_signatures_report

    form = VerifikasiUnggahForm(request.POST or None, request.FILES or None)
    context = {"form": form}
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "lpse/dokumen_verifikasi_unggah.html", context, status=400)
        data = form.cleaned_data["berkas"].read()
        context["report"] = pdf_signatures_report(data)
        context["identitas"] = pdf_identify(data)
    return render(request, "lpse/dokumen_verifikasi_unggah.html", context)
