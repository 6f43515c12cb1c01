"""One import in Chromium from upload through preview to confirmation (issue 15)."""

import pytest
from django.urls import reverse

from lpse import roles
from registrasi.models import PenggunaSpse
from tests.imports_util import xlsx_bytes
from tests.otp_helpers import pass_second_factor_in_browser, totp_device

from .factories import npwp15

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
HEADER = ["User ID", "Nama", "Jenis", "NPWP/NIK", "Email", "Status", "Tgl Daftar"]


def test_staff_uploads_sees_preview_and_confirms_an_spse_user_import(chromium_page, live_server, make_user, tmp_path):
    from playwright.sync_api import expect

    page = chromium_page
    staff = make_user(roles.REGISTRASI, email="petugas@uji.lpse.id")
    bad = tmp_path / "salah.xlsx"
    bad.write_bytes(xlsx_bytes(HEADER, [["cvpramban1", "CV Peramban 1", "Penyedia", "123", "", "Aktif", ""]]))
    good = tmp_path / "pengguna-spse.xlsx"
    good.write_bytes(
        xlsx_bytes(
            HEADER,
            [
                ["cvpramban1", "CV Peramban 1", "Penyedia", npwp15(7101), "p1@contoh.id", "Aktif", "2016-01-04"],
                ["cvpramban2", "CV Peramban 2", "Penyedia", npwp15(7102), "p2@contoh.id", "Aktif", "2017-02-05"],
            ],
        )
    )
    page.goto(live_server.url + reverse("login"))
    page.fill('input[name="username"]', staff.email)
    page.fill('input[name="password"]', "rahasia-uji-123")
    device = totp_device(staff)
    page.locator('form button[type="submit"]').click()
    pass_second_factor_in_browser(page, device)  # staff sign in with two factors (issue 11)
    page.wait_for_url("**/staf/**")

    page.goto(live_server.url + reverse("registrasi:pengguna-spse-list"))
    page.get_by_role("link", name="Impor", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Impor Pengguna SPSE")

    # A file with a bad NPWP: the preview names the row and the reason, and offers no confirmation.
    page.get_by_label("Berkas XLSX atau CSV").set_input_files(str(bad))
    page.get_by_role("button", name="Unggah dan lihat pratinjau").click()
    expect(page.locator("#baris-ditolak")).to_contain_text("NPWP harus 15 digit")
    expect(page.get_by_role("button", name="Konfirmasi impor")).to_have_count(0)
    assert not PenggunaSpse.objects.exists()

    page.goto(live_server.url + reverse("registrasi:impor-pengguna-spse"))
    page.get_by_label("Berkas XLSX atau CSV").set_input_files(str(good))
    page.get_by_role("button", name="Unggah dan lihat pratinjau").click()
    expect(page.locator("[data-jumlah='baru']")).to_have_text("2")
    assert not PenggunaSpse.objects.exists()  # the preview wrote nothing
    page.get_by_role("button", name="Konfirmasi impor").click()
    expect(page.locator("#progres-impor")).to_contain_text("Impor selesai: 2 dibuat", timeout=20_000)
    assert set(PenggunaSpse.objects.values_list("user_id", flat=True)) == {"cvpramban1", "cvpramban2"}

    page.goto(live_server.url + reverse("registrasi:pengguna-spse-list"))
    expect(page.locator("table")).to_contain_text("CV Peramban 2")
    assert page.console_errors == []
