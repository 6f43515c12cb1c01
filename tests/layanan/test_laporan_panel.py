"""SLA report (escalated time apart, Pasal 15 ayat 3), ratings (Pasal 24 ayat 1 huruf d),
canned replies and the dashboard panel."""

import pytest
import time_machine
from django.urls import reverse

from layanan import services
from layanan.models import BalasanTemplat, Status
from layanan.reports import sla_month
from lpse import roles
from tests.layanan.conftest import wib
from tests.layanan.factories import make_tiket

pytestmark = pytest.mark.django_db


@time_machine.travel(wib(2026, 12, 10, 9, 0), tick=False)
def test_monthly_sla_report_keeps_lkpp_time_apart_and_counts_ratings(helpdesk):
    tiket = make_tiket(at=wib(2026, 12, 1, 8, 0))  # P3: response by 12:00, resolution by Wed 16:00
    services.tiket_reply(tiket=tiket, author=helpdesk, body="Diteruskan ke LKPP.", public=True, at=wib(2026, 12, 1, 9))
    e = services.eskalasi_create(
        tiket=tiket, level="teknis", uraian="x", dikirim=wib(2026, 12, 1, 10, 0), nomor_referensi="R-1", user=helpdesk
    )
    services.eskalasi_answer(eskalasi=e, jawaban="Sudah diperbaiki.", dijawab=wib(2026, 12, 1, 14, 0), user=helpdesk)
    services.tiket_set_status(tiket=tiket, status=Status.SELESAI, user=helpdesk, at=wib(2026, 12, 1, 15, 0))
    services.tiket_rate(tiket=tiket, nilai=4, at=wib(2026, 12, 2, 8, 0))
    report = sla_month(year=2026, month=12)
    p3 = report["rows"][2]
    assert (p3["jumlah"], p3["respons_tepat"], p3["selesai_tepat"]) == (1, 1, 1)
    assert p3["jam_kerja"] == 7.0 and p3["jam_lkpp"] == 4.0
    assert report["nilai"]["jumlah"] == 1 and report["nilai"]["rata"] == 4


def test_canned_replies_are_offered_for_the_ticket_category(client_as):
    client = client_as(roles.LAYANAN)
    response = client.post(
        reverse("layanan:templat-list"),
        {"kategori": "teknis", "judul": "Cek Apendo", "isi": "Pakai Apendo terbaru.", "aktif": "on"},
    )
    assert response.status_code == 302
    assert BalasanTemplat.objects.filter(judul="Cek Apendo").exists()
    page = client.get(reverse("layanan:tiket-detail", args=[make_tiket(kategori="teknis").pk])).content.decode()
    assert "Cek Apendo" in page and "Pakai Apendo terbaru." in page  # in the json_script data for tiket.js
    other = client.get(reverse("layanan:tiket-detail", args=[make_tiket(kategori="keluhan").pk])).content.decode()
    assert "Cek Apendo" not in other


def test_dashboard_panel_counts_open_tickets_and_sla(client_as, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with time_machine.travel(wib(2026, 11, 30, 8, 0), tick=False):
        for _ in range(3):
            make_tiket()
    with time_machine.travel(wib(2026, 11, 30, 13, 0), tick=False):
        client = client_as(roles.KABID_LAYANAN)  # logged in now: the session must not have expired
        client.get(reverse("lpse:dashboard"))
        with CaptureQueriesContext(connection) as few:
            page = client.get(reverse("lpse:dashboard")).content.decode()
        assert "data-sla-lewat>3<" in page
        for _ in range(30):
            make_tiket()
        with django_assert_max_num_queries(len(few)):
            client.get(reverse("lpse:dashboard"))


def test_sla_report_page_and_bad_month(client_as):
    client = client_as(roles.LAYANAN)
    assert client.get(reverse("layanan:sla-laporan"), {"bulan": "13", "tahun": "x"}).status_code == 200
