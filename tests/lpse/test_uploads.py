"""Upload checks: recognised by content, size-limited, must open; stored under
random private names."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter

from lpse.uploads import JPEG, PDF, PNG, PrivateUploadTo, validate_upload


def _pdf(encrypt: bool = False) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if encrypt:
        writer.encrypt("rahasia")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _image(fmt: str) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buf, format=fmt)
    return buf.getvalue()


def _file(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def _code(f, **kwargs) -> str:
    with pytest.raises(ValidationError) as exc:
        validate_upload(f, **kwargs)
    return exc.value.code


def test_good_files_are_recognised_by_content():
    assert validate_upload(_file("akta.pdf", _pdf())) == PDF
    assert validate_upload(_file("foto.jpg", _image("JPEG"))) == JPEG
    assert validate_upload(_file("scan.PNG", _image("PNG"))) == PNG
    # The name does not decide: a PNG called .pdf is still a PNG.
    assert validate_upload(_file("salah-nama.pdf", _image("PNG"))) == PNG


def test_renamed_executable_is_refused_with_the_file_name():
    with pytest.raises(ValidationError) as exc:
        validate_upload(_file("NPWP.pdf", b"MZ\x90\x00" + b"\x00" * 100))
    assert exc.value.code == "jenis"
    assert "“NPWP.pdf” bukan PDF, JPEG, PNG" in exc.value.message


def test_kind_not_allowed_here_is_refused():
    assert _code(_file("foto.png", _image("PNG")), allowed=(PDF,)) == "jenis"


def test_empty_and_too_large_files_are_refused():
    assert _code(_file("kosong.pdf", b"")) == "kosong"
    with pytest.raises(ValidationError) as exc:
        validate_upload(_file("besar.pdf", _pdf()), max_bytes=100)
    assert exc.value.code == "terlalu_besar"
    assert "melebihi batas" in exc.value.message


def test_encrypted_and_broken_pdfs_are_refused():
    assert _code(_file("terkunci.pdf", _pdf(encrypt=True))) == "pdf_terkunci"
    assert _code(_file("rusak.pdf", b"%PDF-1.7\nbukan isi pdf yang sah")) in {"pdf_rusak", "pdf_kosong"}


def test_broken_image_is_refused():
    assert _code(_file("rusak.png", _image("PNG")[:40])) == "gambar_rusak"


def test_private_names_are_random_and_keep_only_safe_extensions():
    upload_to = PrivateUploadTo("registrasi")
    first, second = upload_to(None, "KTP Joni.PDF"), upload_to(None, "KTP Joni.PDF")
    assert first != second
    assert re.fullmatch(r"registrasi/\d{4}/[0-9a-f]{32}\.pdf", first)
    assert upload_to(None, "virus.exe").endswith(".bin")
    assert PrivateUploadTo("a") == PrivateUploadTo("a")
