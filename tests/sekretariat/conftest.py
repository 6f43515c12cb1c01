import pytest


@pytest.fixture(autouse=True)
def _warm_banner_cache(db):
    """The urgent-banner query is cached for a minute; warm it so query counts are stable."""
    from lpse.context_processors import urgent_announcements

    urgent_announcements()
