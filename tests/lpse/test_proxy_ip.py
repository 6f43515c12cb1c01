"""One visitor address (lpse.net.client_ip) for lock-outs, throttles and audits:
behind a reverse proxy it is the visitor's, not nginx's; without one a forged
X-Forwarded-For changes nothing."""

import pytest
from axes.helpers import get_client_ip_address
from axes.models import AccessAttempt
from django.test import Client, RequestFactory
from django.urls import reverse

from lpse import roles
from lpse.net import client_ip

NGINX = "127.0.0.1"


def _request(remote: str, forwarded: str | None = None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


def test_behind_one_proxy_the_client_address_comes_from_x_forwarded_for(settings):
    settings.PROXY_COUNT = 1
    # The shipped nginx writes X-Forwarded-For: $remote_addr.
    assert client_ip(_request(NGINX, "203.0.113.7")) == "203.0.113.7"
    # A proxy that appends: whatever the visitor sent first is ignored.
    assert client_ip(_request(NGINX, "198.51.100.66, 203.0.113.7")) == "203.0.113.7"
    # Axes asks the same function (AXES_CLIENT_IP_CALLABLE).
    assert get_client_ip_address(_request(NGINX, "198.51.100.66, 203.0.113.7")) == "203.0.113.7"


def test_behind_two_proxies_the_second_entry_from_the_right_is_the_visitor(settings):
    settings.PROXY_COUNT = 2
    assert client_ip(_request(NGINX, "198.51.100.66, 203.0.113.7, 10.0.0.2")) == "203.0.113.7"


def test_behind_a_proxy_a_missing_or_garbled_header_falls_back_to_the_proxy(settings):
    settings.PROXY_COUNT = 1
    assert client_ip(_request(NGINX)) == NGINX
    assert client_ip(_request(NGINX, "bukan-alamat")) == NGINX


def test_without_a_proxy_a_forged_header_is_not_believed(settings):
    """AXES_PROXY_COUNT/PROXY_COUNT 0: rotating the header must not dodge a lock-out or a throttle."""
    settings.PROXY_COUNT = 0
    assert client_ip(_request("198.51.100.2", "203.0.113.7")) == "198.51.100.2"
    assert get_client_ip_address(_request("198.51.100.2", "203.0.113.7")) == "198.51.100.2"


def _fail_login(client, email, **meta):
    return client.post(reverse("login"), {"username": email, "password": "salah"}, **meta)


def test_two_guests_behind_one_proxy_are_locked_out_separately(settings, make_user):
    settings.PROXY_COUNT = 1
    make_user(roles.REGISTRASI, email="dedi@lpse.example")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _fail_login(Client(), "dedi@lpse.example", REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert (
        _fail_login(Client(), "dedi@lpse.example", REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR="203.0.113.7").status_code
        == 429
    )
    # The colleague at the next desk, behind the same nginx, still signs in.
    other = Client().post(
        reverse("login"),
        {"username": "dedi@lpse.example", "password": "rahasia-uji-123"},
        REMOTE_ADDR=NGINX,
        HTTP_X_FORWARDED_FOR="203.0.113.8",
    )
    assert other.status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.7"}


@pytest.mark.django_db
def test_without_a_proxy_forged_headers_do_not_escape_a_lock_out(settings, make_user):
    settings.PROXY_COUNT = 0
    make_user(roles.REGISTRASI, email="dedi@lpse.example")
    for i in range(settings.AXES_FAILURE_LIMIT):
        _fail_login(Client(), "dedi@lpse.example", REMOTE_ADDR="198.51.100.2", HTTP_X_FORWARDED_FOR=f"203.0.113.{i}")
    locked = _fail_login(Client(), "dedi@lpse.example", REMOTE_ADDR="198.51.100.2", HTTP_X_FORWARDED_FOR="203.0.113.99")
    assert locked.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.2"}
