"""Kinds of records other parts of the portal may link to, registered by the
app that owns them (like lpse.registry: lpse imports no bidang app).

Used by the LKPP coordination register (Pasal 24(2)) to link the tickets,
escalations, LKPP instructions and incidents a consultation was about,
instead of copying them.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class LinkKind:
    key: str  # "layanan.eskalasi"
    label: str  # "Eskalasi tiket ke LKPP"
    model: type
    url: Callable[[object], str]


_KINDS: dict[str, LinkKind] = {}


def register_link_kind(*, key: str, label: str, model: type, url: Callable[[object], str]) -> LinkKind:
    """Called from the owning app's ``AppConfig.ready``."""
    kind = LinkKind(key=key, label=label, model=model, url=url)
    _KINDS[key] = kind
    return kind


def link_kinds() -> list[LinkKind]:
    return sorted(_KINDS.values(), key=lambda k: k.label)


def get_link_kind(key: str) -> LinkKind | None:
    return _KINDS.get(key)


# --- the other way: what links to a record ---------------------------------------------


@dataclass(frozen=True)
class Backlink:
    label: str  # "Koordinasi LKPP 12-03-2026: Kendala unggah dokumen"
    url: str


BacklinkSource = Callable[[type, list[int]], dict[int, list[Backlink]]]
_BACKLINK_SOURCES: list[BacklinkSource] = []


def register_backlinks(source: BacklinkSource) -> None:
    """A register that links records (the LKPP coordination register) tells
    the owners of those records what links to them: ``source(model, ids)``
    returns ``{id: [Backlink, …]}`` in a bounded number of queries. Called
    from the register's ``AppConfig.ready``; registering twice is harmless."""
    if source not in _BACKLINK_SOURCES:
        _BACKLINK_SOURCES.append(source)


def backlinks(model: type, ids: Iterable[int]) -> dict[int, list[Backlink]]:
    """What links to each of ``ids`` (records of ``model``), for the owner's pages."""
    ids = [i for i in ids if i is not None]
    out: dict[int, list[Backlink]] = {i: [] for i in ids}
    if not ids:
        return out
    for source in _BACKLINK_SOURCES:
        for pk, links in source(model, ids).items():
            out.setdefault(pk, []).extend(links)
    return out


def backlinks_of(obj) -> list[Backlink]:
    return backlinks(type(obj), [obj.pk])[obj.pk]
