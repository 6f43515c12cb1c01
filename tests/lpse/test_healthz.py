"""/healthz: 200 when the database, cache, broker and a fresh worker heartbeat
are fine; 503 with the failing part named otherwise."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from lpse.celery import app
from lpse.models import Heartbeat
from lpse.tasks import heartbeat
from tests.lpse.brokers import CLOSED_PORT, broker_at
from tests.lpse.test_celery import celery_worker_process, not_eager  # noqa: F401 - fixtures


@pytest.fixture
def fresh_heartbeat(db):
    heartbeat()  # eager in tests: what the worker does every minute


def _get(client):
    response = client.get(reverse("lpse:healthz"))
    return response.status_code, response.json()


def test_healthz_200_when_everything_answers(client, fresh_heartbeat):
    status, body = _get(client)
    assert status == 200, body
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "broker", "worker"}
    assert all(check["ok"] for check in body["checks"].values())


def test_healthz_503_when_redis_cache_is_down(client, fresh_heartbeat, settings):
    settings.CACHES = {
        "default": {
            **settings.CACHES["default"],
            "LOCATION": CLOSED_PORT,
        }
    }
    with broker_at(CLOSED_PORT):
        status, body = _get(client)
    assert status == 503
    assert body["status"] == "gagal"
    assert body["checks"]["cache"]["ok"] is False
    assert body["checks"]["broker"]["ok"] is False
    assert body["checks"]["cache"]["pesan"].startswith("ConnectionError:")
    assert body["checks"]["database"]["ok"] is True


def test_healthz_503_when_only_the_broker_is_down(client, fresh_heartbeat):
    with broker_at(CLOSED_PORT):
        status, body = _get(client)
    assert status == 503
    assert body["checks"]["broker"]["ok"] is False
    assert body["checks"]["cache"]["ok"] is True


def test_healthz_503_when_the_heartbeat_is_stale(client, fresh_heartbeat):
    Heartbeat.objects.filter(name="worker").update(last_seen=timezone.now() - timedelta(minutes=10))
    status, body = _get(client)
    assert status == 503
    assert body["checks"]["worker"]["ok"] is False
    assert body["checks"]["worker"]["umur_detik"] >= 600


def test_healthz_503_when_no_worker_ever_reported(client, db):
    status, body = _get(client)
    assert status == 503
    assert body["checks"]["worker"] == {"ok": False, "pesan": "Worker belum pernah melapor."}


def test_healthz_is_not_cached(client, fresh_heartbeat):
    response = client.get(reverse("lpse:healthz"))
    assert "no-cache" in response["Cache-Control"]


def test_test_settings_point_at_redis():
    assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
    assert app.conf.broker_url.startswith("redis://")


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("celery_worker_process")
def test_a_worker_reports_alive_as_soon_as_it_starts(client):
    """No heartbeat task is sent: the worker_ready signal alone turns /healthz green."""
    from tests.lpse.test_celery import _wait_for

    assert not Heartbeat.objects.exists()
    _wait_for(lambda: Heartbeat.objects.filter(name="worker").exists(), timeout=60, what="detak saat worker mulai")
    body = client.get("/healthz").json()
    assert body["checks"]["worker"]["ok"] is True, body


def test_database_outage_answers_503_in_indonesian(rf):
    from django.db import OperationalError

    from lpse.errors import server_error

    try:
        raise OperationalError("could not connect to server: Connection refused")
    except OperationalError:
        response = server_error(rf.get("/layanan/tiket/baru/"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Basis data portal sedang tidak dapat dihubungi" in response.content.decode()


def test_session_lost_to_a_database_outage_answers_503_not_400(rf):
    """Cluster test, PostgreSQL restarting: a page served from the cached session fails
    only when Django saves the session (UpdateError → SessionInterrupted, a 400)."""
    from django.contrib.sessions.backends.base import UpdateError
    from django.contrib.sessions.exceptions import SessionInterrupted
    from django.db import OperationalError

    from lpse.errors import bad_request

    try:
        try:
            try:
                raise OperationalError("server closed the connection unexpectedly")
            except OperationalError:
                raise UpdateError  # noqa: B904 - as django.contrib.sessions.backends.db does
        except UpdateError:
            raise SessionInterrupted("The request's session was deleted before the request completed.")  # noqa: B904 - as SessionMiddleware does
    except SessionInterrupted as exc:
        interrupted = exc
    response = bad_request(rf.get("/akun/masuk/"), interrupted)
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert "Basis data portal sedang tidak dapat dihubungi" in response.content.decode()
    assert bad_request(rf.get("/akun/masuk/"), SessionInterrupted("dihapus")).status_code == 400
