"""Redis (the cache) unreachable: pages still answer, none with a 500 (issue 11, cluster test).

While Redis restarts, every cache read is a miss and every write is skipped
(lpse.cache.RedisCache): sessions come from the database (``cached_db``),
throttles let requests through (``RATELIMIT_FAIL_OPEN``) and django-axes,
which keeps its counts in the database, still counts failed sign-ins.
"""

import pytest
from axes.models import AccessAttempt
from django.core.cache import cache
from django.urls import reverse

from layanan.models import Tiket
from lpse import roles
from tests.layanan.test_tiket_views import GUEST
from tests.lpse.brokers import CLOSED_PORT

pytestmark = pytest.mark.django_db

PASSWORD = "Kabanjahe-Sejuk-2026"


@pytest.fixture
def redis_down(settings):
    """The cache pointed at a port where nothing listens."""
    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": CLOSED_PORT}}
    assert cache.get("apa-saja", "tidak ada") == "tidak ada"


def test_pages_answer_while_the_cache_is_unreachable(client, make_user, redis_down):
    login = reverse("login")
    assert client.get(login).status_code == 200
    assert client.get(reverse("lpse:home")).status_code == 200

    vendor = make_user(roles.PENYEDIA, password=PASSWORD)
    signed_in = client.post(login, {"username": vendor.email, "password": PASSWORD})
    assert signed_in.status_code == 302, "the session is stored in the database"
    assert client.get(reverse("lpse:home")).wsgi_request.user == vendor
    client.logout()

    staff = make_user(roles.KEPALA_UNIT)
    client.force_login(staff)
    assert client.get(reverse("lpse:dashboard")).status_code == 200
    client.logout()

    answer = client.post(reverse("layanan:tiket-baru"), dict(GUEST))
    assert answer.status_code == 302, "the throttle fails open"
    assert Tiket.objects.filter(subjek=GUEST["subjek"]).count() == 1


def test_failed_sign_ins_are_still_counted_while_the_cache_is_unreachable(client, make_user, redis_down, settings):
    """django-axes keeps its counts in the database: a lock-out holds through a Redis restart."""
    vendor = make_user(roles.PENYEDIA, password=PASSWORD)
    login = reverse("login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        assert client.post(login, {"username": vendor.email, "password": "salah"}).status_code in (200, 429)
    assert AccessAttempt.objects.get(username=vendor.email).failures_since_start == settings.AXES_FAILURE_LIMIT
    locked = client.post(login, {"username": vendor.email, "password": PASSWORD})
    assert locked.status_code in (403, 429) and "_auth_user_id" not in client.session


def test_cache_reads_are_misses_and_writes_are_skipped_not_errors(redis_down):
    assert cache.add("k", 1) is False
    assert cache.set("k", 1) is None
    assert cache.get_many(["k", "l"]) == {}
    assert cache.get_or_set("k", 5) == 5
    assert cache.incr("k") is None
    assert cache.delete("k") is False
    assert cache.has_key("k") is False
