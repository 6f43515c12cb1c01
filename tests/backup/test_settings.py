"""Monitoring, backup and server-room settings are read once, in lpse/settings.py (issue 10):
typed, and a bad value stops start-up with a message naming the variable."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _start(**env) -> subprocess.CompletedProcess:
    """Load lpse.settings in a fresh interpreter, as manage.py/gunicorn/celery do."""
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", "import django; django.setup(); from django.conf import settings; print('ok')"],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "lpse.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("BACKUP_LEASE_SECONDS", "sepuluh"),
        ("BACKUP_QUEUE_LEASE_SECONDS", "0"),
        ("BACKUP_ENCRYPTION_KEY", "bukan-kunci"),
        ("BACKUP_ENCRYPTION_KEY_FILE", "relatif/kunci"),
        ("BACKUP_VERIFY_DATABASE_URL", "mysql://x"),
        ("MONITORING_METRIK_MAKS_KEDALAMAN", "-1"),
        ("MONITORING_BASI_MENIT", "1.5"),
        ("RUANG_SERVER_RH_MIN", "150"),
    ],
)
def test_bad_value_stops_start_up_naming_the_variable(name, value):
    result = _start(**{name: value})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"Variabel lingkungan {name} tidak valid: {value!r}" in result.stderr


def test_good_values_are_typed(tmp_path):
    key = tmp_path / "kunci"
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(repr((s.BACKUP_LEASE_SECONDS, s.MONITORING_TLS_CAFILE, s.RUANG_SERVER_SUHU_MAKS, "
        "s.BACKUP_ENCRYPTION_KEY_FILE, s.BACKUP_ENCRYPTION_KEY)))"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "lpse.settings",
            "BACKUP_LEASE_SECONDS": "900",
            "MONITORING_TLS_CAFILE": "/etc/ssl/ca-internal.pem",
            "RUANG_SERVER_SUHU_MAKS": "26.5",
            "BACKUP_ENCRYPTION_KEY_FILE": str(key),
            "BACKUP_ENCRYPTION_KEY": "ab" * 32,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == repr((900, "/etc/ssl/ca-internal.pem", 26.5, str(key), "ab" * 32))
