"""Issue 11 finding 4: every public form that sends mail or stores files is
throttled per visitor (lpse.throttle on lpse.net.client_ip): over the limit a
429 with an Indonesian page and nothing saved; two visitors behind one proxy
have separate budgets."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse

from layanan.models import PesertaPelatihan, Tiket, TiketBalasan
from lpse.models import EmailOutbox
from registrasi.models import Pendaftaran
from tests.factories import UserFactory
from tests.layanan.test_tiket_views import GUEST
from tests.registrasi.factories import make_pendaftaran, penyedia_data, penyedia_files

NGINX = "127.0.0.1"
LIMIT = 2


@dataclass
class Form:
    group: str
    url: str | Callable[[], str]
    payload: Callable[[], dict]
    saved: Callable[[], int]  # what the form stores or sends: must not grow once over the limit

    def path(self) -> str:
        """The form's address, built (with its rows) inside the test."""
        return self.url() if callable(self.url) else reverse(self.url)


def _reset_payload():
    return {"email": UserFactory().email}


def _status_payload():
    return {"email": make_pendaftaran().email}


def _user_id_payload():
    return {"email": make_pendaftaran(status=Pendaftaran.Status.DISETUJUI).email}


def _tiket_url():
    from tests.layanan.factories import make_tiket

    return make_tiket().get_public_url()


def _pelatihan_url():
    from tests.layanan.factories import make_pelatihan

    return reverse("layanan:pelatihan-detail", args=[make_pelatihan(kapasitas=50).pk])


def _peserta_payload():
    return {"nama": "Peserta Uji", "email": f"peserta{next(_n)}@contoh.id"}


_n = iter(range(10**6))

FORMS = [
    Form("password-reset", "password_reset", _reset_payload, EmailOutbox.objects.count),
    Form("kirim-ulang-status", "registrasi:cek-status", _status_payload, EmailOutbox.objects.count),
    Form("lupa-user-id", "registrasi:lupa-user-id", _user_id_payload, EmailOutbox.objects.count),
    Form(
        "pendaftaran", "registrasi:daftar", lambda: {**penyedia_data(), **penyedia_files()}, Pendaftaran.objects.count
    ),
    Form("tiket-tamu", "layanan:tiket-baru", lambda: dict(GUEST), Tiket.objects.count),
    Form("balasan-tamu", _tiket_url, lambda: {"isi": "Masih galat setelah dicoba ulang."}, TiketBalasan.objects.count),
    Form("pelatihan", _pelatihan_url, _peserta_payload, PesertaPelatihan.objects.count),
]


def _post(form: Form, url: str, visitor: str):
    return Client().post(url, form.payload(), REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR=visitor)


@pytest.fixture
def behind_nginx(settings):
    settings.PROXY_COUNT = 1
    settings.THROTTLE_RATES = dict.fromkeys(settings.THROTTLE_RATES, f"{LIMIT}/h")


@pytest.mark.django_db
@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.group)
def test_over_the_limit_is_429_in_indonesian_and_nothing_is_saved(form, behind_nginx):
    url = form.path()
    for _ in range(LIMIT):
        assert _post(form, url, "203.0.113.7").status_code in (200, 302)
    before = form.saved()
    assert before > 0
    response = _post(form, url, "203.0.113.7")
    assert response.status_code == 429
    assert "Terlalu banyak kiriman" in response.content.decode()
    assert f"{LIMIT} kali per jam" in response.content.decode()
    assert form.saved() == before


@pytest.mark.django_db
@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.group)
def test_two_visitors_behind_one_proxy_have_separate_budgets(form, behind_nginx):
    url = form.path()
    for _ in range(LIMIT + 1):
        _post(form, url, "203.0.113.7")
    assert _post(form, url, "203.0.113.7").status_code == 429
    assert _post(form, url, "203.0.113.8").status_code in (200, 302)


@pytest.mark.django_db
@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.group)
def test_without_a_proxy_a_forged_header_does_not_buy_a_new_budget(form, settings):
    settings.PROXY_COUNT = 0
    settings.THROTTLE_RATES = dict.fromkeys(settings.THROTTLE_RATES, f"{LIMIT}/h")
    url = form.path()
    for i in range(LIMIT):
        Client().post(url, form.payload(), REMOTE_ADDR="198.51.100.2", HTTP_X_FORWARDED_FOR=f"10.0.0.{i}")
    response = Client().post(url, form.payload(), REMOTE_ADDR="198.51.100.2", HTTP_X_FORWARDED_FOR="10.0.0.99")
    assert response.status_code == 429


@pytest.mark.django_db
def test_invalid_submissions_count_against_the_budget_too(behind_nginx):
    """Issue 11 finding 1: a refused upload (npwp=1) costs as much as an accepted one."""
    for _ in range(LIMIT):
        bad = {**penyedia_data(npwp="1"), **penyedia_files()}
        response = Client().post(
            reverse("registrasi:daftar"), bad, REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR="203.0.113.7"
        )
        assert response.status_code == 400
    response = Client().post(
        reverse("registrasi:daftar"),
        {**penyedia_data(), **penyedia_files()},
        REMOTE_ADDR=NGINX,
        HTTP_X_FORWARDED_FOR="203.0.113.7",
    )
    assert response.status_code == 429
    assert not Pendaftaran.objects.exists()


@pytest.mark.django_db
def test_logged_in_users_open_tickets_without_the_guest_limit(behind_nginx, client_as):
    from lpse import roles

    client = client_as(roles.PENYEDIA)
    data = {k: v for k, v in GUEST.items() if k not in {"nama", "email", "telepon", "instansi"}}
    for _ in range(LIMIT + 2):
        assert client.post(reverse("layanan:tiket-baru"), data, REMOTE_ADDR=NGINX).status_code == 302
