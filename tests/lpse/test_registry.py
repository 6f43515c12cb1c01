"""lpse reads the bidang only through what they register (issue 10, point 5)."""

import dataclasses
from datetime import date

import pytest

from lpse import registry
from sekretariat import sources

BIDANG = ("registrasi", "layanan", "infrastruktur", "sekretariat")


def test_every_bidang_registers_nav_panel_roles_seed_and_figures():
    for app in BIDANG:
        contribution = registry.get(app)
        assert contribution is not None, app
        assert contribution.nav_items and contribution.panel and contribution.seed
        assert contribution.report_figures is not None
    assert registry.report_bidang_names()[:4] == list(BIDANG)


def test_registering_an_app_twice_is_refused():
    with pytest.raises(registry.RegistryError):
        registry.register("registrasi")


@pytest.mark.django_db
def test_real_figures_of_every_bidang_come_through_the_registry():
    """Pasal 12: the SOP and report pages read each bidang's real selector, not a stand-in."""
    figures = sources.all_figures(start=date(2026, 1, 1), end=date(2026, 12, 31))
    assert set(figures) == set(BIDANG)
    assert figures["registrasi"]["pendaftaran_masuk"] == 0
    assert figures["layanan"]["tiket_masuk"] == 0
    assert "backup_dibuat" in figures["infrastruktur"] and "uptime_persen" in figures["infrastruktur"]


@pytest.mark.django_db
def test_a_broken_bidang_selector_fails_instead_of_reading_as_no_data(monkeypatch):
    def broken(*, start, end):
        raise ImportError("selector rusak")

    monkeypatch.setitem(
        registry._REGISTRY, "layanan", dataclasses.replace(registry.get("layanan"), report_figures=broken)
    )
    with pytest.raises(ImportError, match="selector rusak"):
        sources.all_figures(start=date(2026, 1, 1), end=date(2026, 1, 31))


def test_figures_of_a_bidang_split_over_several_apps_are_merged(monkeypatch):
    extra = registry.Contribution(
        app="contoh",
        order=35,
        report_figures=lambda *, start, end: {"tambahan": 1},
        report_bidang="infrastruktur",
    )
    monkeypatch.setitem(registry._REGISTRY, "contoh", extra)
    monkeypatch.setitem(
        registry._REGISTRY,
        "infrastruktur",
        dataclasses.replace(registry.get("infrastruktur"), report_figures=lambda *, start, end: {"insiden": 2}),
    )
    merged = registry.report_figures("infrastruktur", start=date(2026, 1, 1), end=date(2026, 1, 31))
    assert merged == {"insiden": 2, "tambahan": 1}
    assert registry.report_figures("tidak-ada", start=date(2026, 1, 1), end=date(2026, 1, 31)) is None
