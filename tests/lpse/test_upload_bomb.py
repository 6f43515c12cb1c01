"""Issue 11 finding 1: a small PNG that declares 8,900 × 8,900 pixels is refused
from its header, before anything is decoded, in every public form."""

import struct
import threading
import time
import zlib
from functools import cache

import psutil
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from layanan.models import Tiket
from registrasi.models import Pendaftaran
from tests.layanan.test_tiket_views import GUEST
from tests.registrasi.factories import penyedia_data

SIDE = 8_900


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


@cache
def bomb_png() -> bytes:
    """A valid RGB PNG of 8,900 × 8,900 black pixels: ~230 KB on disk, ~240 MB decoded."""
    row = b"\x00" + b"\x00" * (SIDE * 3)  # filter byte + pixels
    packer = zlib.compressobj(9)
    idat = b"".join(packer.compress(row) for _ in range(SIDE)) + packer.flush()
    ihdr = struct.pack(">IIBBBBB", SIDE, SIDE, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")


def _bomb(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, bomb_png(), content_type="image/png")


class PeakMemory:
    """Peak growth of this process's resident memory while the block runs (Pillow
    allocates outside Python's allocator, so tracemalloc would not see it)."""

    def __enter__(self):
        self.process = psutil.Process()
        self.base = self.peak = self.process.memory_info().rss
        self.running = True
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()
        self.started = time.monotonic()
        return self

    def _sample(self):
        while self.running:
            self.peak = max(self.peak, self.process.memory_info().rss)
            time.sleep(0.002)

    def __exit__(self, *exc):
        self.seconds = time.monotonic() - self.started
        self.running = False
        self.thread.join()
        self.peak = max(self.peak, self.process.memory_info().rss)
        self.grown_mb = (self.peak - self.base) / 1_048_576


def test_the_crafted_png_is_small_and_declares_79_megapixels():
    from PIL import Image

    data = bomb_png()
    assert 150_000 < len(data) < 300_000
    with Image.open(__import__("io").BytesIO(data)) as img:
        assert img.size == (SIDE, SIDE)


MB_ALLOWED = 60  # one decode of the bomb alone needs ~240 MB


@pytest.mark.django_db
@pytest.mark.parametrize("npwp", ["valid", "1"])
def test_five_bombs_in_a_registration_are_refused_beside_each_field(client, npwp):
    data = penyedia_data()
    if npwp == "1":
        data["npwp"] = "1"  # an invalid form costs the same, and is refused the same way
    files = {
        f"berkas_{jenis}": _bomb(f"{jenis}.png")
        for jenis in ("ktp", "akta_pendirian", "npwp", "izin_usaha", "akta_perubahan")
    }
    bomb_png()  # built before measuring
    with PeakMemory() as memory:
        response = client.post(reverse("registrasi:daftar"), {**data, **files})
    assert response.status_code == 400
    html = response.content.decode()
    for jenis in ("ktp", "akta_pendirian", "npwp", "izin_usaha", "akta_perubahan"):
        assert f"“{jenis}.png”: gambar berukuran 8.900 × 8.900 piksel, melebihi batas 8,7 megapiksel" in html
        assert f'id="id_berkas_{jenis}_error"' in html or f"berkas_{jenis}" in html
    assert memory.grown_mb < MB_ALLOWED, f"{memory.grown_mb:.0f} MB in {memory.seconds:.1f} s"
    assert not Pendaftaran.objects.exists()


@pytest.mark.django_db
def test_five_bombs_in_a_guest_ticket_are_refused_beside_the_field(client):
    bomb_png()
    with PeakMemory() as memory:
        response = client.post(
            reverse("layanan:tiket-baru"), {**GUEST, "lampiran": [_bomb(f"layar{i}.png") for i in range(5)]}
        )
    assert response.status_code == 400
    html = response.content.decode()
    for i in range(5):
        assert f"“layar{i}.png”: gambar berukuran 8.900 × 8.900 piksel" in html
    assert memory.grown_mb < MB_ALLOWED, f"{memory.grown_mb:.0f} MB in {memory.seconds:.1f} s"
    assert not Tiket.objects.exists()


def test_an_a4_scan_at_300_dpi_still_passes(settings):
    """The cap is what a scanned A4 page at 300 dpi needs (2480 × 3508)."""
    import io

    from PIL import Image

    from lpse.uploads import PNG, validate_upload

    buf = io.BytesIO()
    Image.new("L", (2480, 3508), 255).save(buf, format="PNG")
    assert validate_upload(SimpleUploadedFile("scan-a4.png", buf.getvalue())) == PNG
    assert settings.MAX_IMAGE_PIXELS == 2480 * 3508
