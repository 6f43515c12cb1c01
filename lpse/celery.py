"""Celery application: the workers run the scheduled SOPs (daily monitoring,
backups) and the slow work of requests (mail, PDFs, reports)."""

import os

from celery import Celery
from celery.signals import worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lpse.settings")

app = Celery("lpse")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_ready.connect
def _report_alive_on_start(sender=None, **kwargs):
    """A worker that has just started is alive: /healthz need not wait for
    beat's first heartbeat (up to a minute) to say so."""
    from django.conf import settings
    from django.db import connection

    from .tasks import heartbeat

    if settings.BACKUP_DEV_KEY_FILE:
        import logging

        logging.getLogger(__name__).warning(
            "Backup dienkripsi dengan kunci PENGEMBANGAN %s (DEBUG=1, tanpa BACKUP_ENCRYPTION_KEY). "
            "Hanya untuk demo; produksi memakai BACKUP_ENCRYPTION_KEY_FILE (README).",
            settings.BACKUP_DEV_KEY_FILE,
        )
    try:
        heartbeat.run()
    except Exception:  # noqa: BLE001 - a database still starting must not stop the worker
        import logging

        logging.getLogger(__name__).warning("Detak awal worker tidak tercatat", exc_info=True)
    finally:
        connection.close()  # the pool's processes open their own
