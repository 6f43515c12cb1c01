"""What each app offers the platform, registered by the app itself.

``lpse`` imports no other app of the project (issue 10, enforced by the
import-linter contracts in pyproject.toml). The staff dashboard, the
navigation, the role map, the seed commands and the Sekretariat's reports
still need something from every bidang; each app hands it over by calling
:func:`register` from its ``AppConfig.ready()``::

    def ready(self):
        from lpse import registry
        from . import panels, roles, seed, selectors

        registry.register(
            "registrasi",
            order=10,
            nav_items=panels.NAV_ITEMS,
            panel=panels.panel,
            role_permissions=roles.ROLE_PERMISSIONS,
            seed=seed,
            report_figures=selectors.report_figures,
        )

A registered function that raises is a bug in that app and is allowed to
fail the request and the suite: nothing here swallows errors. An app that is
not installed simply has no entry, and its figures read as ``None``.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from types import ModuleType


@dataclass(frozen=True)
class Contribution:
    """One app's share of the platform.

    ``report_bidang`` names the bidang whose report figures this app's
    ``report_figures`` adds to: an app of its own for a concern of a bidang
    (``monitoring`` and ``backup`` for the Bidang Administrasi Sistem
    Elektronik) reports under that bidang's name (``infrastruktur``).
    """

    app: str
    order: int = 100
    nav_items: tuple = ()
    panel: Callable | None = None
    panel_template: str = ""
    role_permissions: Mapping[str, list[str]] = field(default_factory=dict)
    seed: ModuleType | None = None
    report_figures: Callable[..., Mapping] | None = None
    report_bidang: str = ""
    # Running totals (lpse.totals, issue 14): additive figures per day, and the
    # models whose saves and deletes change them (model -> date/datetime fields).
    daily_figures: Callable[..., Mapping] | None = None
    daily_watch: Mapping = field(default_factory=dict)
    # Budget lines a bidang proposes for the program kerja (Pasal 25), e.g. accepted upgrade
    # recommendations (Pasal 17(5)): ``fn(*, tahun) -> list[UsulanAnggaran]``. The Sekretariat lists them.
    budget_proposals: Callable[..., list] | None = None

    @property
    def template(self) -> str:
        return self.panel_template or f"{self.app}/panel.html"

    @property
    def bidang(self) -> str:
        return self.report_bidang or self.app


@dataclass(frozen=True)
class UsulanAnggaran:
    """A proposed budget line for the program kerja, offered by the bidang that needs it."""

    bidang: str  # the bidang of the program kerja ("infrastruktur")
    judul: str
    uraian: str
    tahun: int
    biaya: Decimal
    url: str  # the page behind the proposal
    sumber: str  # "Rekomendasi upgrade (Pasal 17 ayat 5)"


_REGISTRY: dict[str, Contribution] = {}


class RegistryError(Exception):
    pass


def register(app: str, **kwargs) -> Contribution:
    """Record ``app``'s contribution; registering an app twice is a bug (two ready() calls)."""
    if app in _REGISTRY:
        raise RegistryError(f"App {app!r} sudah terdaftar di lpse.registry")
    kwargs["nav_items"] = tuple(kwargs.get("nav_items", ()))
    contribution = Contribution(app=app, **kwargs)
    _REGISTRY[app] = contribution
    if contribution.daily_figures is not None:
        from . import totals

        totals.register(contribution.bidang, daily=contribution.daily_figures, watch=contribution.daily_watch)
    return contribution


def contributions() -> list[Contribution]:
    """Every registered app, in dashboard and navigation order."""
    return sorted(_REGISTRY.values(), key=lambda c: (c.order, c.app))


def get(app: str) -> Contribution | None:
    return _REGISTRY.get(app)


def apps() -> list[str]:
    return [c.app for c in contributions()]


def report_bidang_names() -> list[str]:
    """The bidang that report figures, in order, each once."""
    names: list[str] = []
    for c in contributions():
        if c.report_figures is not None and c.bidang not in names:
            names.append(c.bidang)
    return names


def report_figures(bidang: str, *, start: date, end: date) -> dict | None:
    """The bidang's figures for the period, merged from every app reporting under it.

    ``None`` only when no installed app reports for that bidang; an app whose
    selector fails raises here, so a broken figure fails loudly.
    """
    sources = [c.report_figures for c in contributions() if c.report_figures is not None and c.bidang == bidang]
    if not sources:
        return None
    merged: dict = {}
    for func in sources:
        merged.update(func(start=start, end=end))
    return merged


def budget_proposals(*, tahun: int) -> list[UsulanAnggaran]:
    """Every bidang's proposed budget lines for the year's program kerja."""
    out: list[UsulanAnggaran] = []
    for c in contributions():
        if c.budget_proposals is not None:
            out.extend(c.budget_proposals(tahun=tahun))
    return out
