"""A fresh install with no environment variables (what `make run` does) has
SOPs that pass: the backup runs with a development key under var/, which a
production install (DEBUG=0) never gets."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
# Everything a developer's shell or this test run may have set: the install must work without it.
_DROP = (
    "DJANGO_",
    "DATABASE_URL",
    "REDIS_URL",
    "CELERY_",
    "VAR_DIR",
    "MEDIA_ROOT",
    "BACKUP_",
    "OTP_",
    "DEBUG",
    "EMAIL_",
    "LPSE_",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
)

BACKUP_ALL_SOURCES = """
import json
from backup import services
from backup.models import BackupSource
out = []
for source in BackupSource.objects.filter(aktif=True):
    run = services.run_request(source=source, queue=False)
    run = services.run_execute(run_id=run.pk)
    out.append([source.nama, run.status, run.pesan])
print("HASIL", json.dumps(out))
"""


def _bare_env(var_dir: Path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(_DROP)}
    # VAR_DIR stands in for the checkout's own var/, which this test must not touch.
    return {**env, "VAR_DIR": str(var_dir), **extra}


def _manage(env, *args, timeout=300) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


@pytest.mark.timeout(600)
def test_fresh_install_backs_up_with_a_development_key(tmp_path):
    env = _bare_env(tmp_path / "var")
    _manage(env, "migrate", "--noinput", "-v", "0")
    seeded = _manage(env, "seed_demo", "--quiet-accounts")
    key = tmp_path / "var" / "backup-dev.key"
    assert key.exists() and oct(key.stat().st_mode & 0o777) == "0o600"
    assert f"kunci pengembangan {key}" in seeded  # said where a newcomer looks

    out = _manage(env, "shell", "-c", BACKUP_ALL_SOURCES)
    results = json.loads(out.split("HASIL", 1)[1])
    assert results, "tidak ada sumber backup bawaan"
    assert all(status == "berhasil" for _, status, _ in results), results
    assert list((tmp_path / "var" / "backup").rglob("*.lpsebak*"))


def test_production_settings_never_make_a_development_key(tmp_path):
    env = _bare_env(
        tmp_path / "var",
        DEBUG="0",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="lpse.example",
        DJANGO_SETTINGS_MODULE="lpse.settings",
    )
    script = (
        "import django; django.setup(); from django.conf import settings; "
        "from backup import crypto\n"
        "print('DEV', settings.BACKUP_DEV_KEY_FILE)\n"
        "try:\n    crypto.load_key()\nexcept crypto.KeyMissingError as exc:\n    print('TOLAK', exc)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=BASE_DIR, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "DEV None" in done.stdout
    assert "TOLAK Kunci enkripsi backup belum diatur" in done.stdout
    assert not (tmp_path / "var" / "backup-dev.key").exists()
