"""Test settings: the real PostgreSQL and Redis on localhost (see Makefile).

DATABASE_URL / REDIS_URL / CELERY_BROKER_URL may be overridden, e.g. to give
parallel runs their own database.
"""

import os
import tempfile

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/lpse")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/14")
os.environ.setdefault("CELERY_BROKER_URL", "redis://127.0.0.1:6379/15")
os.environ.setdefault("VAR_DIR", tempfile.mkdtemp(prefix="lpse-test-var-"))
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="lpse-test-media-"))
os.environ.setdefault("BACKUP_ROOT", tempfile.mkdtemp(prefix="lpse-test-backup-"))

from lpse.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Unit tests run tasks in-process; tests marked celery_worker switch this off
# and start a real worker on Redis with LPSE_TEST_EAGER=0.
CELERY_TASK_ALWAYS_EAGER = os.environ.get("LPSE_TEST_EAGER", "1") == "1"
CELERY_TASK_EAGER_PROPAGATES = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
if os.environ.get("LPSE_TEST_EMAIL_DIR"):
    # The real worker of the celery_worker tests writes mail here, for the test to read.
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = os.environ["LPSE_TEST_EMAIL_DIR"]
CACHES["default"]["KEY_PREFIX"] = "lpse-test-" + os.environ["DATABASE_URL"].rsplit("/", 1)[-1]  # noqa: F405
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
AXES_ENABLED = True
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405 - whitenoise warns otherwise
# Query-count tests measure the dashboard's uncached path (the worst case).
DASHBOARD_CACHE_SECONDS = 0
# Signing tests sign with the passphrase alone; tests/lpse/test_signing_workflow.py turns the
# real second-factor check (the production default, lpse.otp.signing_code_ok) back on.
SIGNING_SECOND_FACTOR_VERIFIER = ""
# The whole-page cache (lpse/pagecache.py) is off for the suite, whose tests change the clock and
# settings between two requests; tests/lpse/test_pagecache.py turns it on where it is the subject.
PAGE_CACHE = False
