"""Official documents: numbers without gaps or duplicates, a PDF that says what
it should, a stored hash that matches, a public verification page."""

import hashlib
import io
import shutil
import subprocess
import threading
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.urls import reverse
from pypdf import PdfReader

from lpse import roles
from lpse.documents import allocate_number, dokumen_issue, format_number
from lpse.models import DocumentCounter, Dokumen

WIB = ZoneInfo("Asia/Jakarta")
A4_POINTS = (595.28, 841.89)


def _pdf_text(dokumen: Dokumen) -> str:
    with dokumen.pdf.open("rb") as f:
        reader = PdfReader(io.BytesIO(f.read()))
    return "\n".join(page.extract_text() for page in reader.pages)


def _issue(user=None, **overrides) -> Dokumen:
    params = {
        "kode": "CONTOH",
        "jenis": "Surat Keterangan Contoh",
        "perihal": "Uji coba layanan dokumen resmi",
        "template": "lpse/dokumen_contoh.html",
        "context": {"penandatangan": user},
        "user": user,
    }
    return dokumen_issue(**{**params, **overrides})


def _run_in_threads(target, count: int) -> list:
    """Run ``target`` in ``count`` threads at once, each on its own connection."""
    results, errors = [], []
    barrier = threading.Barrier(count)

    def worker():
        try:
            barrier.wait()
            results.append(target())
        except Exception as exc:  # reported below; a thread must not die silently
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors
    return results


def test_number_format_follows_the_setting():
    when = datetime(2017, 2, 14, 10, 0, tzinfo=WIB)
    assert format_number(seq=12, kode="BA", when=when) == "012/BA-LPSE/II/2017"
    assert format_number(seq=7, kode="ST", when=when, fmt="{kode}.{seq:04d}/{bulan}/{tahun}") == "ST.0007/2/2017"


@pytest.mark.django_db(transaction=True)
def test_concurrent_allocations_have_no_gaps_and_no_duplicates():
    when = datetime(2026, 11, 26, 9, 0, tzinfo=WIB)

    def take_three():
        numbers = []
        for _ in range(3):
            with transaction.atomic():
                numbers.append(allocate_number(kode="BA", when=when)[0])
        return numbers

    results = _run_in_threads(take_three, 8)
    taken = sorted(n for numbers in results for n in numbers)
    assert taken == list(range(1, 25))
    assert DocumentCounter.objects.get(kode="BA", tahun=2026).terakhir == 24


@pytest.mark.django_db(transaction=True)
def test_concurrent_documents_get_consecutive_unique_numbers(make_user):
    user = make_user(roles.KEPALA_UNIT)
    docs = _run_in_threads(lambda: _issue(user).pk, 4)
    issued = Dokumen.objects.filter(pk__in=docs)
    assert sorted(issued.values_list("urut", flat=True)) == [1, 2, 3, 4]
    assert len(set(issued.values_list("nomor", flat=True))) == 4
    assert all(d.sha256 for d in issued)


@pytest.mark.django_db(transaction=True)
def test_rolled_back_allocation_gives_its_number_back():
    when = datetime(2026, 3, 2, 9, 0, tzinfo=WIB)
    with transaction.atomic():
        assert allocate_number(kode="ST", when=when) == (1, "001/ST-LPSE/III/2026")
    with pytest.raises(RuntimeError), transaction.atomic():
        assert allocate_number(kode="ST", when=when)[0] == 2
        raise RuntimeError("dokumen gagal disimpan")
    with transaction.atomic():
        assert allocate_number(kode="ST", when=when)[0] == 2


@pytest.mark.django_db
def test_numbers_restart_each_year_and_per_kind():
    with transaction.atomic():
        assert allocate_number(kode="BA", when=datetime(2026, 12, 31, 23, 0, tzinfo=WIB))[0] == 1
        assert allocate_number(kode="BA", when=datetime(2027, 1, 1, 0, 30, tzinfo=WIB))[0] == 1
        assert allocate_number(kode="ST", when=datetime(2027, 1, 2, tzinfo=WIB))[0] == 1
        assert allocate_number(kode="BA", when=datetime(2027, 1, 3, tzinfo=WIB))[0] == 2


@pytest.fixture
def dokumen(make_user):
    user = make_user(roles.KEPALA_UNIT, nama_lengkap="Drs. Ardi Sembiring", nip="197001012000031001")
    return _issue(user, when=datetime(2026, 11, 26, 10, 0, tzinfo=WIB))


def test_pdf_text_holds_number_fields_and_verification_url(dokumen, settings):
    text = _pdf_text(dokumen)
    assert dokumen.nomor == "001/CONTOH-LPSE/XI/2026"
    assert dokumen.nomor in text
    assert "SURAT KETERANGAN CONTOH" in text
    assert "Uji coba layanan dokumen resmi" in text
    assert "Kamis, 26 November 2026" in text
    assert "Drs. Ardi Sembiring" in text
    assert "NIP 19700101 200003 1 001" in text  # printed in its usual groups (issue 12)
    assert "PEMERINTAH KABUPATEN KARO" in text
    # The URL under the QR code may wrap; the QR code carries the same URL.
    verify_url = settings.SITE_URL.rstrip("/") + reverse("lpse:dokumen-verifikasi", args=[dokumen.token])
    assert verify_url in "".join(text.split())


@pytest.mark.skipif(
    not shutil.which("pdftoppm"), reason="pdftoppm (Debian poppler-utils) is needed to rasterise the PDF"
)
def test_qr_code_on_the_page_decodes_to_the_verification_url(dokumen, settings, tmp_path):
    import zxingcpp
    from PIL import Image

    pdf = tmp_path / "dokumen.pdf"
    with dokumen.pdf.open("rb") as f:
        pdf.write_bytes(f.read())
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", str(pdf), str(tmp_path / "hal")], check=True)
    codes = zxingcpp.read_barcodes(Image.open(tmp_path / "hal.png"))
    verify_url = settings.SITE_URL.rstrip("/") + reverse("lpse:dokumen-verifikasi", args=[dokumen.token])
    assert [c.text for c in codes if c.format == zxingcpp.BarcodeFormat.QRCode] == [verify_url]


def test_pdf_is_a4_with_embedded_fonts(dokumen):
    with dokumen.pdf.open("rb") as f:
        reader = PdfReader(io.BytesIO(f.read()))
    page = reader.pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert (round(width), round(height)) == (round(A4_POINTS[0]), round(A4_POINTS[1]))
    fonts = page["/Resources"]["/Font"]
    assert fonts
    for ref in fonts.values():
        descendant = ref.get_object()["/DescendantFonts"][0].get_object()
        descriptor = descendant["/FontDescriptor"].get_object()
        assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), descriptor["/FontName"]


def test_stored_sha256_is_the_hash_of_the_file(dokumen):
    with dokumen.pdf.open("rb") as f:
        assert hashlib.sha256(f.read()).hexdigest() == dokumen.sha256


def test_verification_page_shows_number_kind_date_and_hash(dokumen, client):
    response = client.get(reverse("lpse:dokumen-verifikasi", args=[dokumen.token]))
    assert response.status_code == 200
    html = response.content.decode()
    assert dokumen.nomor in html
    assert "Surat Keterangan Contoh" in html
    assert "26 November 2026" in html
    assert f'data-field="sha256">{dokumen.sha256}<' in html


def test_verification_of_unknown_token_is_the_indonesian_404(client, db):
    response = client.get(reverse("lpse:dokumen-verifikasi", args=["bukan-token-yang-sah"]))
    assert response.status_code == 404
    # Issue 12: not a generic 404 — the holder of a forged printout is told so.
    assert "tidak terdaftar di LPSE — kemungkinan palsu" in response.content.decode()


def test_download_serves_the_pdf_to_staff_only(dokumen, client, make_user):
    url = reverse("lpse:dokumen-download", args=[dokumen.pk])
    assert client.get(url).status_code == 302  # anonymous → login
    client.force_login(make_user(roles.PENYEDIA))
    assert client.get(url).status_code == 403
    client.force_login(make_user(roles.REGISTRASI))
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    body = b"".join(response.streaming_content)
    assert hashlib.sha256(body).hexdigest() == dokumen.sha256
    assert "001-CONTOH-LPSE-XI-2026.pdf" in response["Content-Disposition"]


def test_sample_document_view_numbers_at_once_and_a_worker_makes_the_pdf(client_as, django_capture_on_commit_callbacks):
    """Issue 12: no WeasyPrint in the request; the page shows "sedang disiapkan" until the PDF is there."""
    client = client_as(roles.KEPALA_UNIT)
    with django_capture_on_commit_callbacks() as queued:
        response = client.post(reverse("lpse:dokumen-contoh"))
    assert response.status_code == 302
    dokumen = Dokumen.objects.get()
    assert dokumen.dibuat_oleh == client.user
    assert not dokumen.pdf and len(queued) == 1  # numbered; the render waits for the worker
    url = reverse("lpse:dokumen-download", args=[dokumen.pk])
    cache.set(f"dokumen-progres:{dokumen.pk}", "render")  # a worker is on it (a real broker's case)
    waiting = client.get(url)
    assert waiting.status_code == 202
    page = waiting.content.decode()
    assert "sedang disiapkan" in page and f'data-hx-get="{url}"' in page and dokumen.nomor in page
    assert "menyusun halaman PDF/A" in page and 'value="40"' in page  # the worker's step, as progress

    queued[0]()  # after the commit: lpse.tasks.dokumen_render (eager here)
    dokumen.refresh_from_db()
    assert dokumen.nomor in _pdf_text(dokumen)
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert 'data-status="siap"' in fragment and "data-hx-get" not in fragment and f'href="{url}"' in fragment
    assert client.get(url)["Content-Type"] == "application/pdf"


def test_a_render_never_queued_is_queued_again_by_its_page(client_as, django_capture_on_commit_callbacks):
    """The broker was away when the document was issued: opening its page queues the render."""
    client = client_as(roles.KEPALA_UNIT)
    with django_capture_on_commit_callbacks():  # dropped: the task never reached a worker
        client.post(reverse("lpse:dokumen-contoh"))
    dokumen = Dokumen.objects.get()
    cache.delete(f"dokumen-progres:{dokumen.pk}")  # what lpse.documents.dokumen_send_render does then
    response = client.get(reverse("lpse:dokumen-download", args=[dokumen.pk]), headers={"HX-Request": "true"})
    dokumen.refresh_from_db()
    assert dokumen.nomor in _pdf_text(dokumen)
    assert 'data-status="siap"' in response.content.decode()


def test_render_task_run_twice_stores_one_pdf_under_one_number(make_user, django_capture_on_commit_callbacks):
    from lpse.documents import dokumen_build, dokumen_issue

    user = make_user(roles.KEPALA_UNIT)
    with django_capture_on_commit_callbacks():
        dokumen = dokumen_issue(
            kode="CONTOH",
            jenis="Surat Keterangan Contoh",
            perihal="Dua kali",
            template="lpse/dokumen_contoh.html",
            context={"penandatangan": user},
            in_background=True,
        )
    assert dokumen_build(dokumen_id=dokumen.pk) is True
    dokumen.refresh_from_db()
    first = (dokumen.pdf.name, dokumen.sha256)
    assert dokumen_build(dokumen_id=dokumen.pk) is False  # redelivered: nothing rendered, nothing replaced
    dokumen.refresh_from_db()
    assert (dokumen.pdf.name, dokumen.sha256) == first
    assert list(Dokumen.objects.values_list("nomor", flat=True)) == [dokumen.nomor]
    assert not dokumen.pdf.storage.exists(f"dokumen/antre/{dokumen.token}.html")  # the waiting page is gone


def test_failed_render_keeps_the_number_and_can_be_rendered_again(make_user):
    from django.template import TemplateDoesNotExist

    from lpse.documents import dokumen_render

    user = make_user(roles.KEPALA_UNIT)
    with pytest.raises(TemplateDoesNotExist):
        _issue(user, template="lpse/tidak_ada.html")
    dokumen = Dokumen.objects.get()
    assert (dokumen.urut, dokumen.sha256, bool(dokumen.pdf)) == (1, "", False)
    assert _issue(user).urut == 2  # no gap, no reuse
    dokumen_render(dokumen=dokumen, template="lpse/dokumen_contoh.html", context={"penandatangan": user})
    dokumen.refresh_from_db()
    assert dokumen.nomor in _pdf_text(dokumen)
    with dokumen.pdf.open("rb") as f:
        assert hashlib.sha256(f.read()).hexdigest() == dokumen.sha256


def test_issuing_again_with_the_same_key_gives_the_same_document_and_number(db):
    first = _issue(kunci="sertifikat-pelatihan/7")
    again = _issue(kunci="sertifikat-pelatihan/7")
    assert again.pk == first.pk and again.nomor == first.nomor
    assert Dokumen.objects.count() == 1
    assert _issue(kunci="sertifikat-pelatihan/8").urut == first.urut + 1


def test_a_document_whose_worker_died_before_the_pdf_is_rendered_on_the_next_run(db):
    from lpse.documents import _dokumen_number

    # The number was committed, then the worker was killed while rendering.
    half = _dokumen_number(
        kode="CONTOH", jenis="Surat", perihal="Uji", user=None, when=datetime.now(WIB), kunci="laporan/1"
    )
    assert not half.pdf
    done = _issue(kunci="laporan/1")
    assert done.pk == half.pk and done.nomor == half.nomor
    assert done.pdf and done.sha256
    assert Dokumen.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_workers_issuing_the_same_key_at_once_share_one_number():
    results = _run_in_threads(lambda: _issue(kunci="sertifikat-pelatihan/9").nomor, 2)
    assert len(set(results)) == 1
    assert Dokumen.objects.filter(kunci="sertifikat-pelatihan/9").count() == 1
    assert DocumentCounter.objects.get(kode="CONTOH").terakhir == 1
