import pytest
from django.core.cache import cache

from lpse.context_processors import BANNER_CACHE_KEY


@pytest.fixture(autouse=True)
def _no_cached_banner():
    """The urgent-banner cache lives in Redis and outlives a test's rolled-back
    rows; start every test without it."""
    cache.delete(BANNER_CACHE_KEY)
