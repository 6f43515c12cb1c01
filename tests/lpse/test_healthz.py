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
