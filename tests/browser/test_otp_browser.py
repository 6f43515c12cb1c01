"""Enrolment of an authenticator app in Chromium: password, QR code and key on
the page, the first code typed in, recovery codes shown once, then the
dashboard — with no console errors (the QR code is an image of the portal
itself, so CSP holds)."""

import base64

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from lpse import roles, services
from tests.conftest import ensure_roles
from tests.otp_helpers import totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Kabanjahe-Sejuk-2026"


def test_staff_enrols_authenticator_on_first_sign_in(live_server, chromium_page):
    ensure_roles()
    user = services.user_create(
        email="maya@lpse.example", nama_lengkap="Maya Br Tarigan", password=PASSWORD, roles=[roles.SEKRETARIAT]
    )
    page = chromium_page
    page.goto(live_server.url + "/akun/masuk/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Masuk").click()

    page.wait_for_url("**/akun/verifikasi-dua-langkah/daftar/**")
    qr = page.locator("img[data-otp-qr]")
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")
    secret = page.locator("[data-otp-secret]").inner_text().strip()
    page.get_by_label("Kode dari aplikasi").fill(totp_code(base64.b32decode(secret)))
    page.get_by_role("button", name="Aktifkan").click()

    page.wait_for_url("**/kode-pemulihan/**")
    codes = page.locator("[data-recovery-codes] li").all_inner_texts()
    assert len(codes) == 10
    page.get_by_role("link", name="Saya sudah menyimpannya, lanjutkan").click()
    page.wait_for_url(live_server.url + "/staf/")
    assert page.get_by_role("heading", name="Dasbor staf").is_visible()
    assert TOTPDevice.objects.get(user=user).confirmed
    assert page.console_errors == []
