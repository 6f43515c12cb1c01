"""The Sekretaris decides staff requests in place (HTMX), in Chromium (Pasal 8(4)f)."""

import pytest
from django.urls import reverse

from lpse import roles
from sekretariat import services
from sekretariat.models import PermintaanBarang
from tests.otp_helpers import pass_second_factor_in_browser, totp_device
from tests.sekretariat.perlengkapan_factories import stocked

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pasal_8_4_f_sekretaris_approves_and_rejects_requests_in_place(chromium_page, live_server, make_user):
    page = chromium_page
    sekretaris = make_user(roles.SEKRETARIS, email="sekretaris@uji.lpse.id")
    staf = make_user(roles.LAYANAN, nama_lengkap="Staf Layanan")
    barang = stocked(stok=5, nama="Kertas HVS A4 70 gram")
    setujui = services.permintaan_submit(barang=barang, jumlah=2, keperluan="Pelatihan PPK", user=staf)
    tolak = services.permintaan_submit(barang=barang, jumlah=1, keperluan="Rapat", user=staf)

    page.goto(live_server.url + reverse("login"))
    page.fill('input[name="username"]', sekretaris.email)
    page.fill('input[name="password"]', "rahasia-uji-123")
    device = totp_device(sekretaris)
    page.locator('form button[type="submit"]').click()
    pass_second_factor_in_browser(page, device)
    page.wait_for_url("**/staf/")

    page.goto(live_server.url + reverse("sekretariat:permintaan-list"))
    page.locator(f"#permintaan-{setujui.pk}").get_by_role("button", name="Setujui").click()
    page.wait_for_selector(f'#permintaan-{setujui.pk}[data-status="disetujui"]')
    # Rejecting without a reason: the row says why, nothing changes.
    page.locator(f"#permintaan-{tolak.pk}").get_by_role("button", name="Tolak").click()
    page.wait_for_selector(f"#permintaan-{tolak.pk} [role=alert]")
    assert "Tuliskan alasan penolakan." in page.locator(f"#permintaan-{tolak.pk}").inner_text()
    page.locator(f"#permintaan-{tolak.pk}").get_by_label("Alasan penolakan").fill("Stok untuk ujian")
    page.locator(f"#permintaan-{tolak.pk}").get_by_role("button", name="Tolak").click()
    page.wait_for_selector(f'#permintaan-{tolak.pk}[data-status="ditolak"]')

    assert PermintaanBarang.objects.get(pk=setujui.pk).status == "disetujui"
    assert PermintaanBarang.objects.get(pk=tolak.pk).alasan == "Stok untuk ujian"
    assert services.barang_stock(barang=barang) == 3
    # The only console line is the expected 400 of the rejection without a reason.
    assert [e for e in page.console_errors if "400 (Bad Request)" not in e] == []
