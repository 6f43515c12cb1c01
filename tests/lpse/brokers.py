"""Point the Celery app at another broker for one test."""

import os
from contextlib import contextmanager

from lpse.celery import app

CLOSED_PORT = "redis://127.0.0.1:6390/0"  # nothing listens here


@contextmanager
def broker_at(url: str):
    """Celery prefers the CELERY_BROKER_URL environment variable over its own
    setting, so both change; the connection and producer pools are set aside
    (and put back after) so no cached connection to the real broker is used."""
    old_env, old_conf = os.environ.get("CELERY_BROKER_URL"), app.conf.broker_url
    old_pool, old_producers = app._pool, app.amqp._producer_pool
    os.environ["CELERY_BROKER_URL"] = url
    app.conf.broker_url = url
    app._pool, app.amqp._producer_pool = None, None
    try:
        yield
    finally:
        app.conf.broker_url = old_conf
        if old_env is None:
            del os.environ["CELERY_BROKER_URL"]
        else:
            os.environ["CELERY_BROKER_URL"] = old_env
        if app._pool is not None:
            app._pool.force_close_all()
        app._pool, app.amqp._producer_pool = old_pool, old_producers
