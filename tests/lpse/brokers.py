"""Point the Celery app at another broker for one test."""

import os
from contextlib import contextmanager

from kombu import pools

from lpse.celery import app

CLOSED_PORT = "redis://127.0.0.1:6390/0"  # nothing listens here


@contextmanager
def broker_at(url: str):
    """Celery prefers the CELERY_BROKER_URL environment variable over its own
    setting, so both change; the connection and producer pools are dropped before
    and after, so no cached connection to the other broker is used."""
    old_env, old_conf = os.environ.get("CELERY_BROKER_URL"), app.conf.broker_url
    old_pool = app._pool
    os.environ["CELERY_BROKER_URL"] = url
    app.conf.broker_url = url
    pools.reset()
    app._pool, app.amqp._producer_pool = None, None
    try:
        yield
    finally:
        app.conf.broker_url = old_conf
        if old_env is None:
            del os.environ["CELERY_BROKER_URL"]
        else:
            os.environ["CELERY_BROKER_URL"] = old_env
        # Fresh pools afterwards, made lazily on the real broker. kombu also keeps producer pools
        # per broker URL in a global registry: a later test at the same URL would get this one's
        # closed pool ("Acquire on closed pool"), so that registry is emptied too.
        for pool in {id(p): p for p in (app._pool, old_pool) if p is not None}.values():
            pool.force_close_all()
        pools.reset()
        app._pool, app.amqp._producer_pool = None, None
