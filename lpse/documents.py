"""Official documents: numbered, rendered to PDF on the letterhead, hashed and
verifiable by anyone through the QR code on the page.

Every bidang issues its berita acara, forms and reports through
``dokumen_issue``; the number is taken in the same transaction as the
Dokumen row, so numbers have no gaps and no duplicates, and the PDF is
rendered after the commit (slow work outside the lock).
"""

import base64
import hashlib
import io
from datetime import datetime

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from .models import DocumentCounter, Dokumen

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
    """A QR code as an SVG data URI, for the verification link on the page."""
    img = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=1)
    buf = io.BytesIO()
    img.save(buf)
    return "data:image/svg+xml;base64," + base64.b64encode(buf.getvalue()).decode()


def render_pdf(*, template: str, context: dict) -> bytes:
    """Render a template that extends ``dokumen/base.html`` to PDF bytes."""
    from weasyprint import HTML

    html = render_to_string(template, {"lpse": settings.LPSE, **context})
    static_root = settings.BASE_DIR / "static"
    return HTML(string=html, base_url=str(static_root)).write_pdf()


def dokumen_issue(
    *,
    kode: str,
    jenis: str,
    perihal: str,
    template: str,
    context: dict,
    user=None,
    when: datetime | None = None,
    kunci: str | None = None,
) -> Dokumen:
    """Number, render, hash and store an official document.

    The number and the row are committed first; the PDF is rendered after,
    outside the counter lock. If rendering fails the row keeps its number (no
    gap) and ``dokumen_render`` can be called again. With ``kunci`` the call is
    idempotent: a document already issued under that key is returned (and
    rendered if its worker died before the PDF was stored), so a task run
    twice gives one document with one number.
    """
    when = when or timezone.now()
    if kunci:
        existing = Dokumen.objects.filter(kunci=kunci).first()
        if existing is not None:
            return existing if existing.pdf else dokumen_render(dokumen=existing, template=template, context=context)
    try:
        dokumen = _dokumen_number(kode=kode, jenis=jenis, perihal=perihal, user=user, when=when, kunci=kunci)
    except IntegrityError:
        if not kunci:
            raise
        # Issued at this very moment by another worker; its number stands, ours was rolled back.
        return Dokumen.objects.get(kunci=kunci)
    dokumen_render(dokumen=dokumen, template=template, context=context)
    return dokumen


def _dokumen_number(*, kode, jenis, perihal, user, when, kunci) -> Dokumen:
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
    return dokumen


def dokumen_render(*, dokumen: Dokumen, template: str, context: dict) -> Dokumen:
    """(Re)render the PDF of an issued document and store its SHA-256."""
    verify_url = settings.SITE_URL.rstrip("/") + dokumen.get_verification_url()
    pdf = render_pdf(
        template=template,
        context={**context, "dokumen": dokumen, "verify_url": verify_url, "qr": qr_svg_data_uri(verify_url)},
    )
    dokumen.sha256 = hashlib.sha256(pdf).hexdigest()
    dokumen.pdf.save(f"{dokumen.token}.pdf", ContentFile(pdf), save=False)
    dokumen.save(update_fields=["pdf", "sha256"])
    return dokumen
