import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.db import IntegrityError
from django.urls import reverse

from lpse import roles
from sekretariat import services, tasks
from sekretariat.models import KontenPublik, Risiko, risk_band
from tests.sekretariat import fake_bidang
from tests.sekretariat.factories import RisikoFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("values", "skor", "band"),
    [
        ((1, 1, 1, 1), 1, "rendah"),
        ((2, 3, 4, 1), 24, "rendah"),
        ((4, 2, 2, 2), 32, "sedang"),
        ((4, 4, 4, 1), 64, "sedang"),
        ((4, 4, 2, 3), 96, "tinggi"),
        ((4, 4, 4, 3), 192, "tinggi"),
    ],
)
def test_risk_score_is_the_product_and_falls_in_its_band(values, skor, band):
    d, a, k, p = values
    risiko = services.risiko_save(
        risiko=Risiko(
            aset="Server",
            ancaman="X",
            nilai_dampak=d,
            nilai_ancaman=a,
            nilai_kerentanan=k,
            nilai_paparan=p,
            tanggal_tinjau=dt.date(2026, 12, 1),
        )
    )
    risiko.refresh_from_db()
    assert (risiko.skor, risiko.tingkat, risk_band(skor)) == (skor, band, band)


def test_risk_values_out_of_range_are_refused(client_as):
    response = client_as(roles.SEKRETARIAT).post(
        reverse("sekretariat:risiko-create"),
        {
            "aset": "Jaringan",
            "ancaman": "Putus",
            "nilai_dampak": 5,
            "nilai_ancaman": 1,
            "nilai_kerentanan": 1,
            "nilai_paparan": 4,
            "tanggal_tinjau": "2026-12-01",
        },
    )
    assert response.status_code == 400
    assert not Risiko.objects.exists()
    with pytest.raises(IntegrityError):
        Risiko.objects.bulk_create(
            [
                Risiko(
                    aset="a",
                    ancaman="b",
                    nilai_dampak=1,
                    nilai_ancaman=1,
                    nilai_kerentanan=1,
                    nilai_paparan=1,
                    skor=50,
                    tanggal_tinjau=dt.date(2026, 1, 1),
                )
            ]
        )


def test_due_reviews_mail_the_owner_once_a_day(make_user, django_capture_on_commit_callbacks):
    owner = make_user(roles.ADMIN_SISTEM, email="pemilik@karokab.go.id")
    make_user(roles.SEKRETARIS, email="sekretaris@karokab.go.id")
    RisikoFactory(pemilik=owner, tanggal_tinjau=dt.date(2026, 11, 20))
    RisikoFactory(pemilik=None, aset="Ruang server", tanggal_tinjau=dt.date(2026, 11, 26))
    RisikoFactory(pemilik=owner, aset="Belum", tanggal_tinjau=dt.date(2026, 12, 20))
    with time_machine.travel(dt.datetime(2026, 11, 26, 0, 5, tzinfo=dt.UTC)):
        with django_capture_on_commit_callbacks(execute=True):
            assert tasks.remind_risk_reviews.delay().get() == 2
        with django_capture_on_commit_callbacks(execute=True):
            assert tasks.remind_risk_reviews.delay().get() == 0
    to = sorted(m.to[0] for m in mail.outbox)
    assert to == ["pemilik@karokab.go.id", "sekretaris@karokab.go.id"]
    assert "Tinjauan risiko jatuh tempo" in mail.outbox[0].subject


def test_risk_reminder_schedule_is_installed():
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(name="Pengingat tinjauan risiko")
    assert task.task == "sekretariat.tasks.remind_risk_reviews"
    assert task.crontab.hour == "7"


def test_pasal_12_sop_page_shows_shortfalls_and_links_to_the_records(client_as, monkeypatch):
    fake_bidang.install(monkeypatch)
    response = client_as(roles.KEPALA_UNIT).get(reverse("sekretariat:sop") + "?mulai=2026-03-01&selesai=2026-03-31")
    sop = {s["kode"]: s for s in response.context["sop"]}
    assert sop["a"]["status"] == "kurang"  # a registration waiting past its target
    assert sop["e"]["status"] == "kurang"  # two working days without monitoring
    assert sop["f"]["status"] == "kurang"  # two backups not verified
    assert sop["d"]["status"] == "patuh"
    short = [line["label"] for line in sop["e"]["lines"] if line["kurang"]]
    assert short == ["Hari kerja tanpa laporan monitoring"]
    assert sop["e"]["lines"][0]["url"] == reverse("infrastruktur:index")
    assert 'href="/staf/infrastruktur/"' in response.content.decode()


def test_sop_page_says_when_a_bidang_has_no_data(client_as):
    response = client_as(roles.SEKRETARIS).get(reverse("sekretariat:sop"))
    assert {s["status"] for s in response.context["sop"]} == {"tanpa_data"}
    assert "Belum ada data dari bidang ini." in response.content.decode()


def test_pasal_8_4_d_kehumasan_content_shows_on_the_public_page(client_as, client):
    staff = client_as(roles.SEKRETARIAT)
    response = staff.post(
        reverse("sekretariat:humas"),
        {
            "tentang": "LPSE melayani pengadaan elektronik.",
            "kontak": "Jl. Jamin Ginting 17",
            "jam_layanan": "Senin–Jumat 08.00–16.00",
            "standar_layanan": "Verifikasi selesai dalam 1 hari kerja.",
        },
    )
    assert response.status_code == 302
    staff.post(
        reverse("sekretariat:humas"),
        {"tentang": "Versi kedua.", "kontak": "", "jam_layanan": "", "standar_layanan": ""},
    )
    assert KontenPublik.objects.count() == 1
    client.logout()
    html = client.get(reverse("sekretariat:profil-publik")).content.decode()
    assert "Versi kedua." in html


@pytest.mark.parametrize("n", [3, 30])
def test_risk_register_query_count_does_not_grow(n, client_as, django_assert_max_num_queries, make_user):
    owner = make_user(roles.SEKRETARIAT)
    for _ in range(n):
        RisikoFactory(pemilik=owner)
    client = client_as(roles.SEKRETARIS)
    with django_assert_max_num_queries(6):
        assert client.get(reverse("sekretariat:risiko-list")).status_code == 200


def test_home_page_block_shows_the_saved_content(django_capture_on_commit_callbacks):
    from django.core.cache import cache
    from django.template import Context, Template

    cache.clear()
    template = Template("{% load sekretariat %}{% konten_beranda %}")
    assert "data-konten-beranda" not in template.render(Context({}))
    with django_capture_on_commit_callbacks(execute=True):
        services.konten_publik_save(konten=KontenPublik(tentang="Tentang kami.", standar_layanan="Satu hari kerja."))
    html = template.render(Context({}))
    assert "Tentang kami." in html and "Satu hari kerja." in html


def test_pasal_12_sop_line_links_where_the_bidang_says(client_as, monkeypatch):
    from sekretariat import selectors

    fake_bidang.install(monkeypatch)
    figures = {"infrastruktur": {**fake_bidang.INFRASTRUKTUR, "tautan": {"backup_belum_terverifikasi": "/x/backup/"}}}
    sop = {
        s["kode"]: s
        for s in selectors.sop_compliance(start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31), figures=figures)
    }
    urls = {line["label"]: line["url"] for line in sop["f"]["lines"]}
    assert urls["Backup belum diverifikasi"] == "/x/backup/"
    assert urls["Backup dibuat"] == reverse("infrastruktur:index")
    assert sop["a"]["status"] == "tanpa_data"


@time_machine.travel(dt.datetime(2026, 11, 30, 3, 0, tzinfo=dt.UTC), tick=False)
@pytest.mark.parametrize("url_name", ["sekretariat:sop", "sekretariat:statistik"])
def test_period_filter_shows_the_period_the_page_reports(client_as, url_name):
    """Issue 13: the filter was empty while the page reported 1–30 November."""
    page = client_as(roles.KEPALA_UNIT).get(reverse(url_name)).content.decode()
    assert 'name="mulai" value="2026-11-01"' in page
    assert 'name="selesai" value="2026-11-30"' in page
    assert "1 November 2026" in page and "30 November 2026" in page
