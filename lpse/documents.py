"""Official documents: numbered, rendered to PDF on the letterhead, hashed and
verifiable by anyone through the QR code on the page.

Every bidang issues its berita acara, forms and reports through
``dokumen_issue``; the number is taken in the same transaction as the
Dokumen row, so numbers have no gaps and no duplicates, and the PDF is
rendered after the commit (slow work outside the lock).
"""

import base64
import functools
import hashlib
import io
import logging
from datetime import datetime
from pathlib import Path

import qrcode
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from .models import DocumentCounter, Dokumen

logger = logging.getLogger(__name__)

ROMAN_MONTHS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def format_number(*, seq: int, kode: str, when: datetime, fmt: str | None = None) -> str:
    """Render a document number, e.g. ``012/BA-LPSE/II/2017``.

    Placeholders: ``{seq}``, ``{kode}``, ``{bulan}`` (1–12),
    ``{bulan_romawi}`` (I–XII) and ``{tahun}``.
    """
    fmt = fmt or settings.DOCUMENT_NUMBER_FORMAT
    local = timezone.localtime(when)
    return fmt.format(
        seq=seq, kode=kode, bulan=local.month, bulan_romawi=ROMAN_MONTHS[local.month - 1], tahun=local.year
    )


def allocate_number(*, kode: str, when: datetime) -> tuple[int, str]:
    """Take the next number of ``kode`` for the year of ``when``.

    Must run inside a transaction: the counter row stays locked until the
    caller commits, so a rolled-back document gives its number back.
    """
    year = timezone.localtime(when).year
    DocumentCounter.objects.get_or_create(kode=kode, tahun=year)
    counter = DocumentCounter.objects.select_for_update().get(kode=kode, tahun=year)
    counter.terakhir += 1
    counter.save(update_fields=["terakhir"])
    return counter.terakhir, format_number(seq=counter.terakhir, kode=kode, when=when)


def qr_svg_data_uri(text: str) -> str:
    """A QR code as an SVG data URI, for the verification link on the page.

    Drawn as one path of rectangles, runs of dark modules merged along a row
    and down the rows they repeat in, 1 mm a module: qrcode's own SVG has a
    square per module (about 700 for a verification URL) and WeasyPrint
    parses SVG paths in Python, so that QR code cost a good part of each render.
    """
    qr = qrcode.QRCode(border=1)
    qr.add_data(text)
    qr.make(fit=True)
    matrix = qr.get_matrix()  # with the border
    size = len(matrix)
    rects = []
    open_runs: dict[tuple[int, int], int] = {}  # (x, width) -> first row
    for y, row in enumerate([*matrix, []]):
        runs, x = set(), 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                runs.add((start, x - start))
            x += 1
        for run in [r for r in open_runs if r not in runs]:
            top = open_runs.pop(run)
            rects.append(f"M{run[0]} {top}h{run[1]}v{y - top}h-{run[1]}z")
        for run in runs:
            open_runs.setdefault(run, y)
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}mm" height="{size}mm" viewBox="0 0 {size} {size}">'
        f'<path d="{"".join(rects)}" fill="#000"/></svg>'
    )
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


@functools.cache
def _logo_data_uri(path: str) -> str:
    import mimetypes

    data = Path(path).read_bytes()
    mime = mimetypes.guess_type(path)[0] or "image/png"
    return f"data:{mime};base64," + base64.b64encode(data).decode()


def logo_data_uri() -> str:
    """The letterhead emblem (``LPSE_LOGO``; a neutral emblem ships by default)."""
    return _logo_data_uri(str(settings.LPSE_LOGO))


def render_html(*, template: str, context: dict) -> str:
    """The page of a template that extends ``dokumen/base.html``, as HTML (milliseconds)."""
    return render_to_string(template, {"lpse": settings.LPSE, "logo": logo_data_uri(), **context})


def render_pdf(*, template: str, context: dict) -> bytes:
    """Render a template that extends ``dokumen/base.html`` to PDF bytes."""
    return html_to_pdf(render_html(template=template, context=context))


def html_to_pdf(html: str) -> bytes:
    """WeasyPrint: the slow part (about a second for a page), run in a worker."""
    from weasyprint import HTML

    static_root = settings.BASE_DIR / "static"
    # PDF/A-3b so the archive copy stays readable for decades (Pasal 8(4)f); title,
    # author (signers) and keywords (number) come from the <head> of dokumen/base.html.
    return HTML(string=html, base_url=str(static_root)).write_pdf(pdf_variant="pdf/a-3b")


def dokumen_issue(
    *,
    kode: str,
    jenis: str,
    perihal: str,
    template: str,
    context: dict,
    user=None,
    when: datetime | None = None,
    penandatangan: list | None = None,
    kunci: str | None = None,
    in_background: bool = False,
) -> Dokumen:
    """Number, render, hash and store an official document.

    The number and the row are committed first; the PDF is rendered after,
    outside the counter lock. With ``in_background`` (every request that
    issues a document) the page is laid out to HTML here and the PDF is made
    by the Celery task ``lpse.tasks.dokumen_render`` after the commit: the
    caller answers at once and pages show the document as "sedang disiapkan"
    (``dokumen_file_response``) until it is ready. If rendering fails the row keeps its number (no
    gap) and ``dokumen_render`` can be called again. With ``kunci`` the call is
    idempotent: a document already issued under that key is returned (and
    rendered if its worker died before the PDF was stored), so a task run
    twice gives one document with one number.

    ``penandatangan``: the officials who sign it electronically, in order, as
    ``(user, "sebagai")`` pairs (lpse.signing); until they have, the document
    is a draft and is shown stamped "KONSEP".
    """
    when = when or timezone.now()
    if kunci:
        existing = Dokumen.objects.filter(kunci=kunci).first()
        if existing is not None:
            if existing.pdf:
                return existing
            if in_background:
                dokumen_queue_render(dokumen=existing, template=template, context=context)
                return existing
            return dokumen_render(dokumen=existing, template=template, context=context)
    try:
        dokumen = _dokumen_number(
            kode=kode, jenis=jenis, perihal=perihal, user=user, when=when, kunci=kunci, penandatangan=penandatangan
        )
    except IntegrityError:
        if not kunci:
            raise
        # Issued at this very moment by another worker; its number stands, ours was rolled back.
        return Dokumen.objects.get(kunci=kunci)
    if in_background:
        dokumen_queue_render(dokumen=dokumen, template=template, context=context)
    else:
        dokumen_render(dokumen=dokumen, template=template, context=context)
    return dokumen


def _dokumen_number(*, kode, jenis, perihal, user, when, kunci, penandatangan=None) -> Dokumen:
    with transaction.atomic():
        seq, nomor = allocate_number(kode=kode, when=when)
        dokumen = Dokumen(
            kode=kode,
            jenis=jenis,
            nomor=nomor,
            urut=seq,
            tahun=timezone.localtime(when).year,
            perihal=perihal[:255],
            tanggal=when,
            dibuat_oleh=user,
            kunci=kunci,
        )
        dokumen.full_clean(exclude=["pdf", "sha256", "kunci"])
        dokumen.save()
        if penandatangan:
            from .signing.service import dokumen_signers_set

            dokumen_signers_set(dokumen=dokumen, penandatangan=penandatangan)
    return dokumen


def _document_html(*, dokumen: Dokumen, template: str, context: dict) -> str:
    verify_url = settings.SITE_URL.rstrip("/") + dokumen.get_verification_url()
    return render_html(
        template=template,
        context={**context, "dokumen": dokumen, "verify_url": verify_url, "qr": qr_svg_data_uri(verify_url)},
    )


def dokumen_render(*, dokumen: Dokumen, template: str, context: dict) -> Dokumen:
    """(Re)render the PDF of an issued document and store its SHA-256."""
    pdf = html_to_pdf(_document_html(dokumen=dokumen, template=template, context=context))
    fields = ["pdf", "sha256"]
    if dokumen.tanda_tangan.exists():
        # Signers named: keep the clean render for the first signature and show a KONSEP.
        dokumen.pdf_dasar.save(f"{dokumen.token}.pdf", ContentFile(pdf), save=False)
        fields.append("pdf_dasar")
        pdf = konsep_stamp(pdf)
    dokumen.sha256 = hashlib.sha256(pdf).hexdigest()
    dokumen.pdf.save(f"{dokumen.token}.pdf", ContentFile(pdf), save=False)
    dokumen.save(update_fields=fields)
    return dokumen


# --- The PDF made by a worker (issue 12: no WeasyPrint in a request) ----------

# How long a step of the worker is believed: a worker killed mid-render leaves
# its step behind; after this the download page queues the render again (the
# task is idempotent) and acks_late brings the first one back anyway.
PROGRESS_SECONDS = 300
RENDER_STEPS = {
    "antre": (5, "menunggu giliran di antrean pembuat PDF"),
    "render": (40, "menyusun halaman PDF/A"),
    "simpan": (85, "menyimpan berkas dan sidik SHA-256"),
}


def _source_name(dokumen: Dokumen) -> str:
    return f"dokumen/antre/{dokumen.token}.html"


def _progress_key(dokumen_id: int) -> str:
    return f"dokumen-progres:{dokumen_id}"


def _progress_set(dokumen_id: int, step: str) -> None:
    from django.core.cache import cache

    cache.set(_progress_key(dokumen_id), step, PROGRESS_SECONDS)


def dokumen_progress(dokumen: Dokumen) -> dict:
    """Where the PDF of ``dokumen`` is: ready, or a step with a percentage, for the polled fragment."""
    from django.core.cache import cache

    if dokumen.pdf:
        return {"siap": True, "persen": 100, "langkah": "selesai"}
    from .pagecache import note_key

    step = cache.get(_progress_key(dokumen.pk))
    note_key(_progress_key(dokumen.pk), step)  # a page showing the progress is stale once it moves
    percent, label = RENDER_STEPS.get(step, RENDER_STEPS["antre"])
    return {"siap": False, "persen": percent, "langkah": label, "dikenal": step is not None}


def dokumen_queue_render(*, dokumen: Dokumen, template: str, context: dict) -> None:
    """Lay the page out to HTML now (milliseconds: the number is in it) and have
    a worker make the PDF after the commit.

    The HTML waits in private storage beside the PDFs (``MEDIA_ROOT``, never
    served); the worker deletes it once the PDF is stored.
    """
    html = _document_html(dokumen=dokumen, template=template, context=context)
    storage = dokumen.pdf.storage
    name = _source_name(dokumen)
    if storage.exists(name):
        storage.delete(name)
    storage.save(name, ContentFile(html.encode()))
    # Known as queued from now: the page shown right after (same request) waits
    # instead of queuing a second render; a broker found away clears it.
    _progress_set(dokumen.pk, "antre")
    transaction.on_commit(functools.partial(dokumen_send_render, dokumen_id=dokumen.pk))


def dokumen_send_render(*, dokumen_id: int) -> bool:
    """Queue ``lpse.tasks.dokumen_render``; with the broker away the document
    waits and its download page queues it again."""
    from .tasks import dokumen_render as task

    _progress_set(dokumen_id, "antre")
    try:
        task.delay(dokumen_id)
    except Exception:  # noqa: BLE001 - kombu raises several kinds; the page retries
        from django.core.cache import cache

        cache.delete(_progress_key(dokumen_id))
        logger.warning("Render dokumen %s belum masuk antrean", dokumen_id, exc_info=True)
        return False
    return True


def dokumen_build(*, dokumen_id: int) -> bool:
    """Worker: make and store the PDF of a document queued by ``dokumen_queue_render``.

    Idempotent: the number was taken when the document was issued; a task
    run twice (redelivered after its worker died, or sent twice) renders at
    most twice and stores once — the first to store wins, the other's files
    are removed. Returns whether this run stored the PDF.
    """
    from django.core.cache import cache

    dokumen = Dokumen.objects.filter(pk=dokumen_id).first()
    if dokumen is None or dokumen.pdf:
        return False
    storage = dokumen.pdf.storage
    source = _source_name(dokumen)
    if not storage.exists(source):
        logger.warning("Dokumen %s tidak punya halaman yang menunggu dirender", dokumen.nomor)
        return False
    _progress_set(dokumen_id, "render")
    with storage.open(source, "rb") as fh:
        pdf = html_to_pdf(fh.read().decode())
    _progress_set(dokumen_id, "simpan")
    values = {}
    if dokumen.tanda_tangan.exists():
        # Signers named: keep the clean render for the first signature and show a KONSEP.
        values["pdf_dasar"] = storage.save(
            dokumen.pdf_dasar.field.generate_filename(dokumen, f"{dokumen.token}.pdf"), ContentFile(pdf)
        )
        pdf = konsep_stamp(pdf)
    values["sha256"] = hashlib.sha256(pdf).hexdigest()
    values["pdf"] = storage.save(dokumen.pdf.field.generate_filename(dokumen, f"{dokumen.token}.pdf"), ContentFile(pdf))
    won = Dokumen.objects.filter(pk=dokumen_id, pdf="").update(**values) == 1
    if won:
        storage.delete(source)
    else:
        for field in ("pdf", "pdf_dasar"):
            if field in values:
                storage.delete(values[field])
    cache.delete(_progress_key(dokumen_id))
    return won


def dokumen_build_waiting() -> int:
    """Make here every PDF still waiting for a worker (seed_demo, which may run
    with none); a worker that gets the queued task later finds it done."""
    return sum(dokumen_build(dokumen_id=pk) for pk in Dokumen.objects.filter(pdf="").values_list("pk", flat=True))


def dokumen_file_response(request, dokumen: Dokumen, *, filename: str | None = None):
    """The PDF of ``dokumen`` when it is ready; until then a "sedang disiapkan"
    page whose fragment (the same URL, asked by HTMX) polls until the PDF is there.

    A document whose render was never queued (broker away) or whose worker
    died is queued again here; one with no PDF and nothing waiting to be
    rendered (an old failed render) is a 404.
    """
    from django.http import FileResponse, Http404
    from django.shortcuts import render

    htmx = bool(request.headers.get("HX-Request"))
    if not dokumen.pdf and not dokumen_progress(dokumen)["dikenal"]:
        if not dokumen.pdf.storage.exists(_source_name(dokumen)):
            raise Http404("Berkas PDF dokumen ini belum dibuat.")
        dokumen_send_render(dokumen_id=dokumen.pk)
        dokumen.refresh_from_db()
    if dokumen.pdf and not htmx:
        return FileResponse(
            dokumen.pdf.open("rb"),
            content_type="application/pdf",
            filename=filename or f"{dokumen.nomor.replace('/', '-')}.pdf",
        )
    context = {"dokumen": dokumen, "progres": dokumen_progress(dokumen), "url": request.get_full_path()}
    if htmx:
        return render(request, "lpse/_dokumen_disiapkan.html", context)
    return render(request, "lpse/dokumen_disiapkan.html", context, status=202)


@functools.cache
def _konsep_overlay() -> bytes:
    from weasyprint import HTML

    html = (
        "<style>@page{size:A4;margin:0}body{margin:0}"
        "div{position:absolute;top:11cm;left:0;width:21cm;text-align:center;transform:rotate(-35deg);"
        "font:bold 110pt 'DejaVu Sans',sans-serif;color:rgba(200,0,0,.18);letter-spacing:8pt}"
        "p{position:absolute;top:.6cm;left:0;width:21cm;text-align:center;"
        "font:bold 9pt 'DejaVu Sans',sans-serif;color:#b00}</style>"
        "<div>KONSEP</div><p>KONSEP — belum ditandatangani secara elektronik, bukan dokumen resmi</p>"
    )
    return HTML(string=html).write_pdf()


def konsep_stamp(pdf: bytes) -> bytes:
    """The PDF with "KONSEP" across every page: how an unsigned draft is shown."""
    from pypdf import PdfReader, PdfWriter

    stamp = PdfReader(io.BytesIO(_konsep_overlay())).pages[0]
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    for page in writer.pages:
        page.merge_page(stamp, over=True)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def dokumen_pdf_for_reading(dokumen: Dokumen) -> bytes:
    """The bytes a reader gets: the draft stamped "KONSEP" until the first
    signature, then the signed PDF (both are what ``pdf`` holds)."""
    with dokumen.pdf.open("rb") as fh:
        return fh.read()
