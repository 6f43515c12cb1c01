from pathlib import Path

import pytest
from django.conf import settings


@pytest.fixture
def stored_files():
    """Files under the private registrasi media folder, to assert nothing is left behind."""

    def _list() -> set[Path]:
        root = Path(settings.MEDIA_ROOT) / "registrasi"
        return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()

    return _list


@pytest.fixture(autouse=True)
def fresh_counts(settings):
    """Counts are cached in the shared Redis between requests; tests see every change at once."""
    settings.REGISTRASI_HITUNG_CACHE_DETIK = 0
