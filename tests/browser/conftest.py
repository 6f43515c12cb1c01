"""``browser`` and ``page`` for the platform's browser tests: the shared
Chromium fixtures of tests/conftest.py under their usual names."""

import pytest


@pytest.fixture
def browser(chromium_browser):
    return chromium_browser


@pytest.fixture
def page(chromium_page):
    return chromium_page
