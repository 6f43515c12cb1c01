"""Kinds of records other parts of the portal may link to, registered by the
app that owns them (like lpse.registry: lpse imports no bidang app).

Used by the LKPP coordination register (Pasal 24(2)) to link the tickets,
escalations, LKPP instructions and incidents a consultation was about,
instead of copying them.
"""

from collections.abc import Callable
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
