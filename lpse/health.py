"""State of the parts the portal needs, for /healthz and the dashboard."""

from datetime import timedelta

from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from .models import Heartbeat

HEARTBEAT_MAX_AGE = timedelta(minutes=3)  # beat sends one a minute


def _check_database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return {"ok": True}


def _check_cache() -> dict:
    if hasattr(cache, "ping"):  # lpse.cache.RedisCache answers a miss, not an error, while Redis is away
        cache.ping()
    cache.set("lpse:healthz", "1", 10)
    return {"ok": cache.get("lpse:healthz") == "1"}


def _check_broker() -> dict:
    from .celery import app

    with app.connection_for_write() as conn:
        # One quick retry absorbs a blip; a dead broker still answers within ~2 s.
        conn.ensure_connection(max_retries=1, interval_start=0.2, interval_step=0, timeout=2)
    return {"ok": True}


def _check_worker() -> dict:
    last = Heartbeat.objects.filter(name="worker").values_list("last_seen", flat=True).first()
    if last is None:
        return {"ok": False, "pesan": "Worker belum pernah melapor."}
    age = timezone.now() - last
    return {"ok": age <= HEARTBEAT_MAX_AGE, "terakhir": last.isoformat(), "umur_detik": int(age.total_seconds())}


CHECKS = {"database": _check_database, "cache": _check_cache, "broker": _check_broker, "worker": _check_worker}


def health_report() -> dict:
    """Each check's state; a check that raises is reported as failed."""
    results = {}
    for name, check in CHECKS.items():
        try:
            results[name] = check()
        except Exception as exc:  # any failure of a part is a failed check, not a 500
            results[name] = {"ok": False, "pesan": f"{type(exc).__name__}: {exc}"[:300]}
    ok = all(r["ok"] for r in results.values())
    return {"status": "ok" if ok else "gagal", "checks": results}
