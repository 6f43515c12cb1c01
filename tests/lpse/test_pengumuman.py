"""Announcements: active ones on the home page, urgent ones as a banner on
every page (Pasal 14(d) gangguan, Pasal 17(4) pemeliharaan); staff write them."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lpse import roles
from lpse.models import Pengumuman
from tests.factories import PengumumanFactory


@pytest.fixture
def now():
    return timezone.now()


def test_home_shows_only_active_announcements(client, db, now):
    PengumumanFactory(judul="Sedang tayang")
    PengumumanFactory(judul="Terjadwal besok", mulai=now + timedelta(days=1))
    PengumumanFactory(judul="Sudah berakhir", mulai=now - timedelta(days=3), selesai=now - timedelta(days=1))
    html = client.get("/").content.decode()
    assert "Sedang tayang" in html
    assert "Terjadwal besok" not in html
    assert "Sudah berakhir" not in html


def test_ended_announcement_is_404_for_the_public(client, db, now):
    old = PengumumanFactory(mulai=now - timedelta(days=3), selesai=now - timedelta(days=1))
    assert client.get(reverse("lpse:pengumuman-detail", args=[old.pk])).status_code == 404


def test_pasal_14_d_urgent_gangguan_is_a_banner_on_every_page(client, db):
    PengumumanFactory(judul="SPSE tidak dapat diakses", jenis="gangguan", mendesak=True)
    for url in ("/", reverse("login"), reverse("lpse:pengumuman-list")):
        html = client.get(url).content.decode()
        assert "data-banner" in html and "SPSE tidak dapat diakses" in html


def test_banner_changes_as_soon_as_an_announcement_is_saved(client, db):
    assert "data-banner" not in client.get("/").content.decode()  # caches "no banner"
    pengumuman = PengumumanFactory(judul="Pemeliharaan server", jenis="pemeliharaan", mendesak=True)
    assert "Pemeliharaan server" in client.get("/").content.decode()
    pengumuman.mendesak = False
    pengumuman.save()
    assert "data-banner" not in client.get("/").content.decode()


def test_pasal_17_4_staff_announce_maintenance(client_as):
    client = client_as(roles.ADMIN_SISTEM)
    data = {
        "jenis": "pemeliharaan",
        "judul": "Pemeliharaan server SPSE",
        "isi": "SPSE tidak dapat diakses Sabtu 20.00–23.00 WIB.",
        "mendesak": "on",
        "mulai": "2026-11-27T08:00",
        "selesai": "2026-11-28T23:00",
    }
    response = client.post(reverse("lpse:pengumuman-create"), data)
    assert response.status_code == 302
    pengumuman = Pengumuman.objects.get()
    assert pengumuman.dibuat_oleh == client.user
    assert pengumuman.mendesak is True
    assert timezone.localtime(pengumuman.mulai).hour == 8  # typed in WIB


def test_outside_users_cannot_post_announcements(client_as):
    response = client_as(roles.PENYEDIA).post(reverse("lpse:pengumuman-create"), {"judul": "x"})
    assert response.status_code == 403
    assert not Pengumuman.objects.exists()
