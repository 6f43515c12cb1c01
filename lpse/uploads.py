"""Upload safety shared by every bidang: files are recognised by their content,
size-limited, checked to open, and stored under random names in private media
(never under a public URL; views that check who asks serve them)."""

import io
import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.deconstruct import deconstructible

PDF, JPEG, PNG = "pdf", "jpeg", "png"
CONTENT_TYPES = {PDF: "application/pdf", JPEG: "image/jpeg", PNG: "image/png"}
KIND_LABELS = {PDF: "PDF", JPEG: "JPEG", PNG: "PNG"}


def sniff(head: bytes) -> str | None:
    """The kind of a file from its first bytes, whatever its name says."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    return None


def validate_upload(f, *, allowed=(PDF, JPEG, PNG), max_bytes: int | None = None) -> str:
    """Check an uploaded file and return its kind; ValidationError names the
    file and the reason, in Indonesian.

    Refused: too large, empty, a kind not allowed (by content: a renamed
    executable is caught), a PDF that is encrypted or broken, an image that
    does not decode.
    """
    name = PurePath(getattr(f, "name", "") or "berkas").name
    max_bytes = max_bytes or settings.MAX_UPLOAD_BYTES
    size = getattr(f, "size", None)
    if size is None:
        f.seek(0, io.SEEK_END)
        size = f.tell()
    if size == 0:
        raise ValidationError(f"Berkas “{name}” kosong.", code="kosong")
    if size > max_bytes:
        raise ValidationError(
            f"Berkas “{name}” berukuran {size / 1_048_576:.1f} MB, melebihi batas {max_bytes / 1_048_576:.0f} MB.",
            code="terlalu_besar",
        )
    f.seek(0)
    kind = sniff(f.read(16))
    f.seek(0)
    if kind is None or kind not in allowed:
        boleh = ", ".join(KIND_LABELS[k] for k in allowed)
        raise ValidationError(
            f"Berkas “{name}” bukan {boleh} menurut isinya (nama berkas tidak menentukan jenisnya).",
            code="jenis",
        )
    data = f.read()
    f.seek(0)
    if kind == PDF:
        _check_pdf(name, data)
    else:
        _check_image(name, data)
    return kind


def _check_pdf(name: str, data: bytes) -> None:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise ValidationError(
                f"Berkas “{name}” adalah PDF yang terkunci sandi; unggah PDF tanpa sandi.", code="pdf_terkunci"
            )
        if len(reader.pages) == 0:
            raise ValidationError(f"Berkas “{name}” adalah PDF tanpa halaman.", code="pdf_kosong")
    except ValidationError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        raise ValidationError(
            f"Berkas “{name}” adalah PDF yang rusak dan tidak dapat dibuka.", code="pdf_rusak"
        ) from exc


def _check_image(name: str, data: bytes) -> None:
    """Refuse an image by its header before decoding it, then decode it once.

    ``Image.open`` reads only the header; the pixel count it declares is
    checked against ``MAX_IMAGE_PIXELS`` before ``load()`` allocates anything,
    so a small file declaring a huge image costs no memory. Images are
    decoded one at a time (this function returns before the next field is
    checked) and each is closed before the next.
    """
    from PIL import Image, UnidentifiedImageError

    limit = settings.MAX_IMAGE_PIXELS
    try:
        with Image.open(io.BytesIO(data)) as img:
            width, height = img.size
            if width * height > limit:
                ukuran = f"{width:,} × {height:,}".replace(",", ".")
                batas = f"{limit / 1_000_000:.1f}".replace(".", ",")
                raise ValidationError(
                    f"Berkas “{name}”: gambar berukuran {ukuran} piksel, melebihi batas {batas} megapiksel "
                    "(cukup untuk pindaian A4 300 dpi). Perkecil resolusinya lalu unggah lagi.",
                    code="gambar_besar",
                )
            img.load()
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise ValidationError(
            f"Berkas “{name}” adalah gambar yang rusak dan tidak dapat dibuka.", code="gambar_rusak"
        ) from exc


@deconstructible
class PrivateUploadTo:
    """An ``upload_to`` giving a random name under ``prefix/YYYY/``.

    The original name is kept in its own field where it matters; on disk the
    name says nothing and cannot be guessed. (A class, not a closure, so
    migrations can serialise it.)
    """

    def __init__(self, prefix: str):
        self.prefix = prefix

    def __call__(self, instance, filename: str) -> str:
        ext = PurePath(filename).suffix.lower().lstrip(".")
        ext = ext if ext in {"pdf", "jpg", "jpeg", "png"} else "bin"
        return f"{self.prefix}/{timezone.now():%Y}/{uuid.uuid4().hex}.{ext}"

    def __eq__(self, other):
        return isinstance(other, PrivateUploadTo) and other.prefix == self.prefix
