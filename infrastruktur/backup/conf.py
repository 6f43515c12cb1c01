"""Backup settings: Django settings first, then the environment, then a default.

They are read at call time so tests can override them and so an office can
set them in ``.env`` without touching ``lpse/settings.py``.
"""

import os
from pathlib import Path

from django.conf import settings


def _get(name: str, default=None):
    value = getattr(settings, name, None)
    if value is None:
        value = os.environ.get(name)
    return default if value in (None, "") else value


def backup_root() -> Path:
    return Path(settings.BACKUP_ROOT)


def lease_seconds() -> int:
    """How long a run holds its source without showing progress before it counts as dead."""
    return int(_get("BACKUP_LEASE_SECONDS", 600))


def queue_lease_seconds() -> int:
    """How long a queued run may wait for a worker before it is given up."""
    return int(_get("BACKUP_QUEUE_LEASE_SECONDS", 6 * 3600))


def pg_bin_dir() -> str:
    return str(_get("BACKUP_PG_BIN_DIR", "/usr/bin"))


def verify_database_url() -> str | None:
    """Server for scratch restores; empty means the portal's own PostgreSQL server."""
    return _get("BACKUP_VERIFY_DATABASE_URL")


def second_storage_alias() -> str | None:
    """A key of STORAGES (e.g. an S3 or SFTP backend of django-storages) that also receives each archive."""
    return _get("BACKUP_SECOND_STORAGE")
