"""The Kepala Unit generates the monthly report, sees its progress and downloads the PDF (Pasal 7(2)c)."""

import pytest
from django.urls import reverse

from lpse import roles
from sekretariat.models import LaporanKegiatan
from tests.otp_helpers import pass_second_factor_in_browser, totp_device

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(chromium_browser):
    """A page of the session's one Chromium (tests/conftest.py)."""
    context = chromium_browser.new_context(accept_downloads=True, locale="id-ID")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.js_errors = errors
    yield page
    context.close()


def test_kepala_unit_generates_monthly_report_and_downloads_pdf(page, live_server, make_user):
    kepala = make_user(roles.KEPALA_UNIT, email="kepala@uji.lpse.id", nama_lengkap="Kepala Uji")
    page.goto(live_server.url + reverse("login"))
    page.fill('input[name="username"]', kepala.email)
    page.fill('input[name="password"]', "rahasia-uji-123")
    device = totp_device(kepala)
    page.locator('form button[type="submit"]').click()
    pass_second_factor_in_browser(page, device)
    page.wait_for_url("**/staf/")

    page.goto(live_server.url + reverse("sekretariat:laporan-list"))
    page.get_by_label("Periode").select_option("bulanan")
    page.get_by_label("Tahun").fill("2026")
    page.get_by_label("Bulan (1–12) atau triwulan (1–4)").fill("10")
    page.get_by_role("button", name="Susun laporan").click()

    # The progress block is shown; the worker (eager in tests) has finished by the time it polls.
    progress = page.locator("#progres-laporan")
    progress.wait_for()
    page.wait_for_selector('#progres-laporan[data-status="siap"]', timeout=15_000)
    assert "100%" in progress.inner_text()
    assert page.locator("canvas[data-chart]").count() >= 1
    assert "Belum ada data dari bidang ini." in page.content()

    page.get_by_label("Capaian utama").fill("Layanan registrasi berjalan sesuai SOP.")
    page.get_by_role("button", name="Simpan narasi").click()
    page.wait_for_selector("text=Narasi laporan tersimpan.")

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Terbitkan PDF bernomor").click()
    link = page.locator("a[data-unduh]")
    link.wait_for(timeout=30_000)
    with page.expect_download() as download_info:
        link.click()
    path = download_info.value.path()
    with open(path, "rb") as f:
        assert f.read(5) == b"%PDF-"
    laporan = LaporanKegiatan.objects.get()
    assert laporan.status == LaporanKegiatan.Status.TERBIT
    assert download_info.value.suggested_filename == laporan.dokumen.nomor.replace("/", "-") + ".pdf"
    assert page.js_errors == []
