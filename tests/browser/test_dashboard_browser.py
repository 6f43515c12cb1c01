"""The Kepala Unit's dashboard in Chromium (issue 13): every figure is a link, and each lands on
a list filtered to the number shown; the trends are drawn; the monitoring table scrolls in its
box on a 390 × 844 phone instead of widening the page."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from lpse import roles
from monitoring.models import AsetStatus
from tests.conftest import ensure_roles
from tests.factories import UserFactory
from tests.infrastruktur.factories import AsetFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(context, live_server, role: str) -> None:
    """A signed-in session (force_login counts as past the second factor, tests/conftest.py)."""
    ensure_roles()
    user = UserFactory()
    user.groups.add(Group.objects.get(name=role))
    client = Client()
    client.force_login(user)
    value = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": value, "url": live_server.url}])


def _seed() -> None:
    from tests.layanan.factories import make_pelatihan, make_tiket

    now = timezone.now()
    for _ in range(3):
        make_tiket()
    make_tiket(at=now - timedelta(days=35))
    make_pelatihan(mulai=now - timedelta(minutes=20), selesai=now - timedelta(minutes=1))
    AsetStatus.objects.create(aset=AsetFactory(nama="Server Aplikasi SPSE"), tingkat="kritis")
    AsetStatus.objects.create(aset=AsetFactory(nama="Server Basis Data"), tingkat="ok", terakhir_data=now)
    AsetFactory(nama="UPS Ruang Server Lantai Dua dengan Nama yang Sangat Panjang Sekali")  # tidak ada data


def test_each_dashboard_figure_lands_on_a_list_filtered_to_its_number(live_server, chromium_page):
    page = chromium_page
    _seed()
    _login(page.context, live_server, roles.KEPALA_UNIT)
    page.goto(live_server.url + "/staf/")
    figures = page.locator("a.angka-nilai[data-angka-link]")
    n = figures.count()
    assert n >= 8, n  # tickets ×2, trainings, registrations ×2, servers, backup, SOP
    targets = []
    for i in range(n):
        link = figures.nth(i)
        key = link.locator("xpath=ancestor::li[@data-angka]").get_attribute("data-angka")
        targets.append((key, link.get_attribute("data-angka-nilai")))
    # The trends are drawn by the local Chart.js, one chart per canvas.
    drawn = page.evaluate(
        "() => [...document.querySelectorAll('.angka-tren canvas')].every(c => Chart.getChart(c) !== undefined)"
    )
    assert drawn and page.locator(".angka-tren canvas").count() >= 5
    seen = {}
    for key, value in targets:
        page.goto(live_server.url + "/staf/")
        page.locator(f'li[data-angka="{key}"] a.angka-nilai').click()
        page.wait_for_load_state()
        if key == "sop-patuh":
            shown = page.locator('[data-status="patuh"]').count()
            assert "mulai=" in page.url and shown == int(value), (key, page.url)
        elif key == "backup-terakhir":
            assert page.get_by_role("heading", level=1).first.is_visible()
            continue
        else:
            shown = page.locator("[data-total]").first.inner_text()
            assert shown == value, (key, page.url, shown, value)
        seen[key] = value
    assert seen["tiket-masuk"] == "3" and seen["server-bermasalah"] == "2"
    assert page.console_errors == []


def test_monitoring_table_scrolls_in_its_box_on_a_phone(live_server, chromium_browser):
    """Issue 13: the monitoring table was 576 px wide on a 390 px screen and widened the page."""
    for i in range(4):
        AsetStatus.objects.create(
            aset=AsetFactory(nama=f"Server Aplikasi SPSE Kabupaten Karo Nomor {i} Cadangan"), tingkat="ok"
        )
    context = chromium_browser.new_context(
        locale="id-ID", timezone_id="Asia/Jakarta", viewport={"width": 390, "height": 844}
    )
    try:
        _login(context, live_server, roles.ADMIN_SISTEM)
        page = context.new_page()
        page.goto(live_server.url + "/staf/infrastruktur/monitoring/")
        box = page.locator("[data-tabel-monitoring]")
        assert box.is_visible()
        widths = page.evaluate(
            """() => ({doc: document.documentElement.scrollWidth,
                       table: document.querySelector('[data-tabel-monitoring] table').scrollWidth,
                       box: document.querySelector('[data-tabel-monitoring]').clientWidth})"""
        )
        assert widths["doc"] <= 390, widths
        assert widths["table"] > widths["box"], widths  # the table is wider: it scrolls inside its box
    finally:
        context.close()
