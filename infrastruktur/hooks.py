"""Registration hooks: how ``monitoring`` and ``backup`` show up on this bidang's pages.

Dependencies run one way (monitoring → infrastruktur, backup → infrastruktur):
this app never imports them. Each registers, in its ``AppConfig.ready``,
small functions that this app calls where its pages have room for them:

- ``nav``: ``(label, url name, permission or None)`` links of the bidang's menu;
- ``panel``: ``fn() -> dict`` with a ``template`` key, a section of the dashboard panel;
- ``index``: ``fn() -> dict`` with a ``template`` key, a card of the bidang's home page;
- ``aset_detail``: ``fn(aset) -> dict | None`` with a ``template`` key, a section of an asset's page;
- ``aset_list``: ``fn(queryset) -> queryset``, e.g. ``select_related`` what its column shows;
- ``aset_list_cell``: a template name rendered in the asset list's "Keadaan" column with ``a``;
- ``report_figures``: ``fn(*, start, end) -> dict``, merged into ``selectors.report_figures``;
- ``aset_clean``: ``fn(aset)`` raising ValidationError, called by ``Aset.clean``;
- ``perubahan_detail``: ``fn(perubahan) -> dict | None`` with a ``template`` key, a section of a
  change request's page (monitoring: the upgrade recommendation it came from, Pasal 17(5)).

An app also listens to ``signals.aset_saved`` to follow changes of an asset.
"""

from collections import defaultdict
from collections.abc import Callable

PLACES = (
    "nav",
    "panel",
    "index",
    "aset_detail",
    "aset_list",
    "aset_list_cell",
    "report_figures",
    "aset_clean",
    "perubahan_detail",
)

_registry: dict[str, list] = defaultdict(list)


def register(place: str, item) -> None:
    """Add ``item`` to ``place`` once (``ready()`` may run more than once in tests)."""
    if place not in PLACES:
        raise ValueError(f"Unknown hook place {place!r}; one of {PLACES}.")
    if item not in _registry[place]:
        _registry[place].append(item)


def items(place: str) -> list:
    return list(_registry[place])


def sections(place: str, *args, **kwargs) -> list[dict]:
    """The non-empty results of every function registered at ``place``."""
    out = []
    fn: Callable
    for fn in _registry[place]:
        result = fn(*args, **kwargs)
        if result is not None:
            out.append(result)
    return out
