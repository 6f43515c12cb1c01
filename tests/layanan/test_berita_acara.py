"""Berita acara kesaksian (Pasal 15 ayat 2): a numbered, QR-verifiable PDF."""

import io

import pytest
import time_machine
from django.urls import reverse
from pypdf import PdfReader

from layanan.models import BeritaAcaraKesaksian
from lpse import roles
from tests.layanan.conftest import wib
from tests.layanan.factories import make_tiket

pytestmark = pytest.mark.django_db


@time_machine.travel(wib(2026, 11, 24, 14, 0))
def test_berita_acara_kesaksian_pdf_reads_back_with_its_facts(client_as, make_user, django_capture_on_commit_callbacks):
    client = client_as(roles.LAYANAN, nama_lengkap="Sari Br Purba", nip="198001012005012001")
    saksi2 = make_user(roles.KABID_LAYANAN, nama_lengkap="Hendra Surbakti")
    tiket = make_tiket(kode_paket="77001234", subjek="Dokumen penawaran tidak dapat dibuka")
    data = {
        "kode_paket": "77001234",
        "nama_paket": "Pembangunan Jalan Desa Lingga",
        "pokja": "Pokja Pemilihan 3",
        "wakil_pokja": "Ir. Tohap Sinaga",
        "penyedia": "CV Sinar Karo",
        "nama_berkas": "penawaran-cv-sinar.rhs",
        "ukuran_berkas": "12,4 MB",
        "waktu_kejadian": "2026-11-24T10:15",
        "upaya": "Unduh ulang tiga kali; checksum dibandingkan; dibuka di komputer lain.",
        "hasil": "Berkas tetap tidak dapat didekripsi.",
        "ke_lkpp": "on",
        "saksi": [client.user.pk, saksi2.pk],
    }
    with django_capture_on_commit_callbacks(execute=True):  # the worker renders it after the commit
        response = client.post(reverse("layanan:ba-create", args=[tiket.pk]), data)
    assert response.status_code == 302
    ba = BeritaAcaraKesaksian.objects.get()
    # DOCUMENT_NUMBER_FORMAT: first of the year, its code, the month in Roman numerals, the year.
    assert ba.dokumen.nomor == "001/BA-KSK-LPSE/XI/2026"
    pdf = client.get(reverse("layanan:ba-download", args=[ba.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(b"".join(pdf.streaming_content))).pages)
    for expected in (
        "BERITA ACARA KESAKSIAN",
        ba.dokumen.nomor,
        "77001234",
        "Pembangunan Jalan Desa Lingga",
        "CV Sinar Karo",
        "penawaran-cv-sinar.rhs",
        "checksum",
        "tidak dapat didekripsi",
        "Sari Br Purba",
        "Hendra Surbakti",
        "Ir. Tohap Sinaga",
        "Pasal 15 ayat 2",
        ba.dokumen.token,
    ):
        assert expected in text.replace("\n", " "), expected
    assert tiket.peristiwa.filter(jenis="berita_acara").exists()


def test_berita_acara_without_witness_is_refused(client_as):
    client = client_as(roles.LAYANAN)
    tiket = make_tiket()
    response = client.post(reverse("layanan:ba-create", args=[tiket.pk]), {"kode_paket": "1", "nama_paket": "x"})
    assert response.status_code == 400
    assert not BeritaAcaraKesaksian.objects.exists()
