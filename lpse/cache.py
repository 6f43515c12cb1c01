"""Django's Redis cache, reusing one client per connection pool.

Django's RedisCacheClient builds a new ``redis.Redis`` for every command, and
redis-py fills a dict of ~170 response callbacks in each constructor: on the
page frame (session, permissions, banner) that was a measurable share of the
CPU a request spends before its view. A ``redis.Redis`` over a shared
connection pool is safe to use from several threads, so one per pool serves.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


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
