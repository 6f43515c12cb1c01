from pathlib import Path

import pytest
from django.conf import settings


@pytest.fixture
def stored_files():
    """Files of applications under the private registrasi media folder, to assert nothing is left behind
    (drafts are counted by draft_files)."""

    def _list() -> set[Path]:
        root = Path(settings.MEDIA_ROOT) / "registrasi"
        draf = root / "draf"  # accepted files of a failed submit stay in the draft on purpose (issue 13)
        return {p for p in root.rglob("*") if p.is_file() and draf not in p.parents} if root.exists() else set()

    return _list


@pytest.fixture(autouse=True)
def fresh_counts(settings):
    """Counts are cached in the shared Redis between requests; tests see every change at once."""
    settings.REGISTRASI_HITUNG_CACHE_DETIK = 0


@pytest.fixture
def draft_files():
    """Files kept in registration drafts (issue 13)."""

    def _list() -> set[Path]:
        root = Path(settings.MEDIA_ROOT) / "registrasi" / "draf"
        return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()

    return _list
