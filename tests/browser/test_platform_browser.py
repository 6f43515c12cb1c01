"""The platform in a real browser: home page, login as a staff demo user, the
dashboard with its panels, the announcement form — with no console errors
(a CSP violation shows up as one)."""

import os
from pathlib import Path

import pytest

from lpse import roles, services
from lpse.demo import DEMO_PASSWORD, demo_email
from tests.conftest import ensure_roles
from tests.factories import PengumumanFactory
from tests.otp_helpers import pass_second_factor_in_browser, totp_device

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = os.environ.get("LPSE_SCREENSHOT_DIR")  # set to keep screenshots for a look


def _shot(page, name: str) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)


@pytest.fixture
def kepala(db):
    ensure_roles()
    return services.user_create(
        email=demo_email(roles.KEPALA_UNIT),
        nama_lengkap="Drs. Ardi Sembiring",
        password=DEMO_PASSWORD,
        roles=[roles.KEPALA_UNIT],
    )


def test_home_login_dashboard_without_console_errors(live_server, page, kepala):
    device = totp_device(kepala)
    PengumumanFactory(judul="Pelatihan SPSE untuk Pokja", jenis="pelatihan")
    PengumumanFactory(judul="Gangguan server SPSE malam ini", jenis="gangguan", mendesak=True)

    page.goto(live_server.url + "/")
    assert page.locator("h1").first.is_visible()
    assert page.get_by_text("Pelatihan SPSE untuk Pokja").first.is_visible()
    banner = page.locator("[data-banner]")
    assert banner.count() == 1 and "Gangguan server SPSE malam ini" in banner.inner_text()
    _shot(page, "beranda")

    page.get_by_role("link", name="Masuk").click()
    page.wait_for_url("**/akun/masuk/**")
    _shot(page, "masuk")
    page.get_by_label("Email").fill(demo_email(roles.KEPALA_UNIT))
    page.get_by_label("Kata sandi").fill(DEMO_PASSWORD)
    page.locator("main").get_by_role("button", name="Masuk").click()
    pass_second_factor_in_browser(page, device)
    page.wait_for_url(live_server.url + "/staf/")

    assert page.get_by_role("heading", name="Dasbor staf").is_visible()
    assert page.locator("[data-panel]").count() >= 4  # one panel per bidang for the Kepala Unit
    assert page.get_by_role("link", name="Pengguna & peran").is_visible()
    _shot(page, "dasbor")

    page.goto(live_server.url + "/staf/pengumuman/baru/")
    assert page.get_by_label("Judul").is_visible()
    page.locator("main").get_by_role("button", name="Simpan").click()  # empty form: field errors
    assert page.locator(".invalid-feedback").first.is_visible()
    _shot(page, "pengumuman-form")

    page.goto(live_server.url + "/staf/pengguna/")
    assert page.get_by_role("cell", name=demo_email(roles.KEPALA_UNIT)).is_visible()
    _shot(page, "pengguna")
    page.get_by_role("link", name="Ubah peran").first.click()
    page.get_by_label(roles.PPK).check()  # a staff member may not be PPK (Pasal 19(3))
    page.get_by_role("button", name="Simpan peran").click()
    assert page.get_by_text("Pasal 19 ayat 3").first.is_visible()
    _shot(page, "pengguna-peran")

    # The invalid form answers 400 on purpose; Chromium logs every 4xx document.
    assert [e for e in page.console_errors if "status of 400 (Bad Request)" not in e] == []


def test_navbar_collapses_on_a_phone_and_opens_with_bootstrap_js(live_server, page, kepala):
    """Bootstrap's JavaScript loads under the CSP: the menu button works."""
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(live_server.url + "/")
    toggler = page.locator(".navbar-toggler")
    assert toggler.is_visible()
    assert not page.get_by_role("link", name="Masuk").is_visible()
    toggler.click()
    page.get_by_role("link", name="Masuk").wait_for(state="visible")
    _shot(page, "beranda-ponsel")
    assert page.console_errors == []
