"""Celery application: the workers run the scheduled SOPs (daily monitoring,
backups) and the slow work of requests (mail, PDFs, reports)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lpse.settings")

app = Celery("lpse")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
