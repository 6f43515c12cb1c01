"""Issue 12 through a real Celery worker on Redis: the request numbers the
document and answers; the worker renders it and signs it.

The worker (``celery_worker_process``) runs on the test database with this
test's SIGNING_DIR (trust roots, CRL and the signers' PKCS#12 files) and the
same MEDIA_ROOT, so what it stores is what the test reads back.
"""

import io
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django_celery_results.models import TaskResult
from pypdf import PdfReader

from lpse import roles
from lpse.documents import dokumen_issue, dokumen_pdf_for_reading, render_pdf
from lpse.models import DocumentCounter, Dokumen, TandaTanganDokumen
from lpse.signing.validation import pdf_signatures_report
from lpse.tasks import dokumen_render
from tests.lpse.signing_helpers import PASSPHRASE
from tests.lpse.test_celery import celery_worker_process, not_eager  # noqa: F401 - fixtures

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def _wait_for(predicate, timeout: float = 90, what: str = ""):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.25)
    raise AssertionError(f"Tidak terjadi dalam {timeout} detik: {what}")


def _text(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def worker(test_ca, monkeypatch, request):
    """The real worker, started after the test CA so it reads the same SIGNING_DIR."""
    monkeypatch.setenv("SIGNING_DIR", str(settings.SIGNING_DIR))
    return request.getfixturevalue("celery_worker_process")


def _issue_signed(signer) -> Dokumen:
    with transaction.atomic():  # the render is queued when this commits
        return dokumen_issue(
            kode="UJI-TTD",
            jenis="Berita Acara Uji",
            perihal="Uji tanda tangan lewat worker",
            template="lpse/dokumen_contoh.html",
            context={"penandatangan": signer},
            user=signer,
            penandatangan=[(signer, "Verifikator")],
            in_background=True,
        )


def _pdf_ready(dokumen: Dokumen) -> Dokumen | None:
    dokumen.refresh_from_db()
    return dokumen if dokumen.pdf else None


def test_issued_document_appears_when_the_worker_has_made_it(worker, client, make_user, tmp_path):
    user = make_user(roles.KEPALA_UNIT)
    client.force_login(user)
    assert client.post(reverse("lpse:dokumen-contoh")).status_code == 302  # warms this process up
    started = time.monotonic()
    assert client.post(reverse("lpse:dokumen-contoh")).status_code == 302
    answered = time.monotonic() - started
    dokumen = Dokumen.objects.order_by("urut").last()
    url = reverse("lpse:dokumen-download", args=[dokumen.pk])
    first = client.get(url)
    if first.status_code == 202:  # the usual case: the worker has not finished yet
        assert "sedang disiapkan" in first.content.decode()
    _wait_for(lambda: _pdf_ready(dokumen), what="PDF dibuat worker")
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert dokumen.nomor in _text(b"".join(response.streaming_content))
    assert "lpse.tasks.dokumen_render" in (tmp_path / "worker.log").read_text()  # made by the worker

    # The request answered faster than WeasyPrint renders that page (measured here, same load).
    started = time.monotonic()
    render_pdf(template="lpse/dokumen_contoh.html", context={"penandatangan": user, "dokumen": dokumen})
    bare = time.monotonic() - started
    assert answered < bare, f"permintaan {answered:.2f} s, render saja {bare:.2f} s"


def test_worker_signs_and_the_signature_validates_without_the_passphrase_in_logs(
    worker, client, make_user, test_ca, tmp_path
):
    signer = make_user(roles.REGISTRASI, nama_lengkap="Dedi Barus")
    test_ca.enrol(signer)
    dokumen = _issue_signed(signer)
    _wait_for(lambda: _pdf_ready(dokumen), what="PDF dibuat worker")
    client.force_login(signer)
    url = reverse("lpse:dokumen-tandatangani", args=[dokumen.pk])
    assert client.post(url, {"passphrase": PASSPHRASE}).status_code == 302
    ttd = TandaTanganDokumen.objects.get(dokumen=dokumen)
    _wait_for(lambda: TandaTanganDokumen.objects.get(pk=ttd.pk).ditandatangani, what="tanda tangan oleh worker")

    dokumen.refresh_from_db()
    report = pdf_signatures_report(dokumen_pdf_for_reading(dokumen))
    assert [s.nama for s in report.tanda_tangan] == ["Dedi Barus"]
    assert report.semua_sah and report.utuh
    page = client.get(reverse("lpse:dokumen-detail", args=[dokumen.pk])).content.decode()
    assert "Ditandatangani secara elektronik" in page

    # The passphrase went to the worker sealed, and not even the sealed form was kept.
    result = _wait_for(
        lambda: TaskResult.objects.filter(task_name="lpse.tasks.dokumen_sign", status="SUCCESS").first(),
        what="hasil tugas tanda tangan tersimpan",
    )
    assert "[disamarkan]" in result.task_args and PASSPHRASE not in result.task_args
    assert "gAAAAA" not in result.task_args  # a Fernet token's prefix
    log = (tmp_path / "worker.log").read_text()
    assert PASSPHRASE not in log and "gAAAAA" not in log


def test_wrong_passphrase_on_the_worker_says_so_and_signs_nothing(worker, client, make_user, test_ca):
    signer = make_user(roles.REGISTRASI, nama_lengkap="Dedi Barus")
    test_ca.enrol(signer)
    dokumen = _issue_signed(signer)
    _wait_for(lambda: _pdf_ready(dokumen), what="PDF dibuat worker")
    before = dokumen.sha256
    client.force_login(signer)
    response = client.post(reverse("lpse:dokumen-tandatangani", args=[dokumen.pk]), {"passphrase": "salah"})
    assert response.status_code == 302
    ttd = _wait_for(
        lambda: TandaTanganDokumen.objects.filter(dokumen=dokumen).exclude(galat="").first(),
        what="penolakan dari worker",
    )
    assert ttd.ditandatangani is None and ttd.diminta is None
    assert "Frasa sandi tanda tangan salah" in ttd.galat
    page = client.get(reverse("lpse:dokumen-detail", args=[dokumen.pk])).content.decode()
    assert "Frasa sandi tanda tangan salah" in page and 'name="passphrase"' in page  # may try again
    dokumen.refresh_from_db()
    assert dokumen.sha256 == before and dokumen.is_draft


def test_render_task_run_three_times_leaves_one_document_number(worker, make_user):
    """The cluster test's promise, on one document: a redelivered or doubled task numbers nothing."""
    user = make_user(roles.KEPALA_UNIT)
    with transaction.atomic():
        dokumen = dokumen_issue(
            kode="CONTOH",
            jenis="Surat Keterangan Contoh",
            perihal="Tiga kali",
            template="lpse/dokumen_contoh.html",
            context={"penandatangan": user},
            in_background=True,
        )
    dokumen_render.delay(dokumen.pk)
    dokumen_render.delay(dokumen.pk)
    _wait_for(
        lambda: TaskResult.objects.filter(task_name="lpse.tasks.dokumen_render", status="SUCCESS").count() == 3,
        what="tiga tugas render selesai",
    )
    dokumen.refresh_from_db()
    assert list(Dokumen.objects.values_list("nomor", flat=True)) == [dokumen.nomor]
    assert DocumentCounter.objects.get(kode="CONTOH").terakhir == 1
    assert dokumen.nomor in _text(dokumen_pdf_for_reading(dokumen))
    stored = list((Path(settings.MEDIA_ROOT) / dokumen.pdf.name).parent.glob(f"{dokumen.token}*.pdf"))
    assert len(stored) == 1, stored  # a run that lost the race removed its copy
