import pytest


@pytest.fixture(autouse=True)
def _warm_banner_cache(db):
    """The urgent-banner query is cached for a minute; warm it so query counts are stable."""
    from lpse.context_processors import urgent_announcements

    urgent_announcements()


@pytest.fixture(autouse=True)
def _other_bidang_without_data(request, monkeypatch):
    """These tests fix what the other bidang report: nothing, unless a test installs
    tests/sekretariat/fake_bidang figures. The contract and real-figure tests (test_sources_contract.py,
    test_report_figures.py) see the real apps."""
    if request.module.__name__.endswith(("test_sources_contract", "test_report_figures")):
        return
    from tests.sekretariat import fake_bidang

    fake_bidang.install_none(monkeypatch)
