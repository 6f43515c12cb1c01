"""``browser`` and ``page`` for the platform's browser tests: the shared
Chromium fixtures of tests/conftest.py under their usual names."""

import pytest
from django.core.cache import cache

from lpse.context_processors import BANNER_CACHE_KEY


@pytest.fixture
def browser(chromium_browser):
    return chromium_browser


@pytest.fixture
def page(chromium_page):
    return chromium_page


@pytest.fixture(autouse=True)
def _no_cached_banner():
    """The urgent-banner cache outlives the rows of earlier tests."""
    cache.delete(BANNER_CACHE_KEY)
