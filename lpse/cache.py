"""Django's Redis cache, reusing one client per connection pool, failing soft.

Django's RedisCacheClient builds a new ``redis.Redis`` for every command, and
redis-py fills a dict of ~170 response callbacks in each constructor: on the
page frame (session, permissions, banner) that was a measurable share of the
CPU a request spends before its view. A ``redis.Redis`` over a shared
connection pool is safe to use from several threads, so one per pool serves.

While Redis is unreachable (restarting, a network blip) every read is a miss
and every write is skipped, instead of an exception that answers 500: the
cache only saves work. Sessions (``cached_db``) then come from the database,
permissions are computed again, and django-ratelimit lets requests through
(``RATELIMIT_FAIL_OPEN``). /healthz still says the cache is down: it pings.
"""

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
# One warning per process per this many seconds: a page reads the cache a dozen times.
LOG_EVERY_SECONDS = 30
_last_logged = [0.0]


def _soft(default=None):
    """Answer ``default`` when Redis cannot be reached, and say so in the log now and then."""

    def wrap(method):
        @functools.wraps(method)
        def soft(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except UNREACHABLE as exc:
                now = time.monotonic()
                if now - _last_logged[0] > LOG_EVERY_SECONDS:
                    _last_logged[0] = now
                    logger.warning("Cache Redis tidak dapat dihubungi (%s); halaman dilayani tanpa cache", exc)
                return default(*args, **kwargs) if callable(default) else default

        return soft

    return wrap


class ReusingRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient

    def ping(self) -> bool:
        """Ask the server itself, and raise if it does not answer (for /healthz)."""
        return self._cache.get_client(write=True).ping()

    # What an unreachable Redis answers: a miss, a write not made, nothing to delete.
    # incr answers None, which django-ratelimit takes as "count unknown" (fail open).
    get = _soft(lambda key, default=None, version=None: default)(DjangoRedisCache.get)
    get_many = _soft(lambda *a, **kw: {})(DjangoRedisCache.get_many)
    has_key = _soft(False)(DjangoRedisCache.has_key)
    add = _soft(False)(DjangoRedisCache.add)
    set = _soft(None)(DjangoRedisCache.set)
    set_many = _soft(lambda data, *a, **kw: list(data))(DjangoRedisCache.set_many)
    touch = _soft(False)(DjangoRedisCache.touch)
    delete = _soft(False)(DjangoRedisCache.delete)
    delete_many = _soft(None)(DjangoRedisCache.delete_many)
    incr = _soft(None)(DjangoRedisCache.incr)
    clear = _soft(False)(DjangoRedisCache.clear)
