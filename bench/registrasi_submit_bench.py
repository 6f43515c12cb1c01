"""Registration submit bench (issue 3): a vendor's registration with five 2 MB files.

Posts the real public form (``registrasi:daftar``) through Django's test
client, in-process, against the database named by DATABASE_URL (the volume
database of ``make bench``): form parsing, identifier checks, the content
checks of every file (pypdf, Pillow), private storage and the one-transaction
submission. Each submission is rolled back, so the database is unchanged;
files go to a temporary MEDIA_ROOT that is removed. Prints JSON:
``{"runs", "median_seconds", "p95_seconds", "file_mb", "files"}``.

    DATABASE_URL=postgres://…/lpse_bench python -m bench.registrasi_submit_bench --runs 10
"""

import argparse
import io
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FILE_BYTES = 2 * 1024 * 1024


def _pdf(size: int) -> bytes:
    """A valid one-page PDF of about ``size`` bytes (the bulk in an attachment)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_attachment("pindaian.bin", random.randbytes(size))
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _png(size: int) -> bytes:
    """A PNG of noise, which does not compress: about ``size`` bytes."""
    from PIL import Image

    side = int((size / 3) ** 0.5)
    buf = io.BytesIO()
    Image.frombytes("RGB", (side, side), random.randbytes(side * side * 3)).save(buf, "PNG", compress_level=1)
    return buf.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()

    media = tempfile.mkdtemp(prefix="bench-registrasi-")
    os.environ["MEDIA_ROOT"] = media
    os.environ.setdefault("DEBUG", "1")  # the test client's host; nothing is served
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lpse.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import transaction
    from django.test import Client
    from django.urls import reverse

    from tests.registrasi.factories import penyedia_data

    random.seed(7)
    pdf, png = _pdf(FILE_BYTES), _png(FILE_BYTES)
    client = Client(HTTP_HOST="127.0.0.1")  # a host ALLOWED_HOSTS of the bench accepts
    url = reverse("registrasi:daftar")
    times = []
    try:
        for i in range(args.runs):
            files = {
                "berkas_ktp": SimpleUploadedFile("ktp.pdf", pdf, "application/pdf"),
                "berkas_akta_pendirian": SimpleUploadedFile("akta.pdf", pdf, "application/pdf"),
                "berkas_akta_perubahan": SimpleUploadedFile("akta-perubahan.pdf", pdf, "application/pdf"),
                "berkas_npwp": SimpleUploadedFile("npwp.png", png, "image/png"),
                "berkas_izin_usaha": SimpleUploadedFile("izin.pdf", pdf, "application/pdf"),
            }
            data = penyedia_data(email=f"bench-submit-{i}@contoh.co.id")
            with transaction.atomic():
                start = time.perf_counter()
                response = client.post(url, {**data, **files}, REMOTE_ADDR=f"10.77.0.{i % 250 + 1}")
                elapsed = time.perf_counter() - start
                transaction.set_rollback(True)
            if response.status_code != 302:
                raise SystemExit(f"pendaftaran ditolak: HTTP {response.status_code}")
            times.append(elapsed)
    finally:
        shutil.rmtree(media, ignore_errors=True)
    times.sort()
    print(
        json.dumps(
            {
                "runs": len(times),
                "median_seconds": round(statistics.median(times), 3),
                "p95_seconds": round(times[max(0, int(len(times) * 0.95 + 0.5) - 1)], 3),
                "file_mb": round(len(pdf) / 1_048_576, 2),
                "files": 5,
            }
        )
    )


if __name__ == "__main__":
    main()
