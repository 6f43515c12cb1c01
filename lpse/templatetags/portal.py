"""Template filters of the portal."""

import datetime

from django import template
from django.utils import timezone

register = template.Library()

# Words Indonesian titles keep in lower case ("Dinas Komunikasi dan Informatika").
_LOWER = {"dan", "di", "ke", "dari", "untuk", "yang", "atau", "pada", "dengan", "serta"}


@register.filter
def judul(value: str) -> str:
    """Title case the Indonesian way: conjunctions and prepositions stay lower case."""
    words = str(value).lower().split()
    return " ".join(w if i and w in _LOWER else w[:1].upper() + w[1:] for i, w in enumerate(words))


@register.filter
def iso(value) -> str:
    """A moment for ``<time datetime>``: local time to the second (HTML allows
    at most three digits of a fraction; Python writes six)."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    return value.isoformat()


@register.filter
def tel(value) -> str:
    """A ``tel:`` link target: digits and a leading plus only ("0628-20001" → "062820001")."""
    value = str(value or "").strip()
    digits = "".join(c for c in value if c.isdigit())
    return ("+" if value.startswith("+") else "") + digits


# How many-to-many fields read in the history (Django's own "groups" reads "grup").
M2M_LABELS = {"groups": "peran"}


def history_m2m_accessor(history_model, field: str) -> str:
    """The reverse accessor from a historical record to its m2m rows, for
    ``prefetch_related`` (``historicaluser_groups_set`` for User.groups)."""
    for rel in history_model._meta.related_objects:
        if rel.related_model.__name__ == f"{history_model.__name__}_{field}":
            return rel.get_accessor_name()
    raise LookupError(field)


def _m2m_ids(record, field: str) -> frozenset | None:
    """Ids on the far side of a historical m2m field, if prefetched (else unknown)."""
    accessor = history_m2m_accessor(type(record), field)
    if accessor not in getattr(record, "_prefetched_objects_cache", {}):
        return None
    target = record.instance_type._meta.get_field(field).m2m_reverse_field_name()
    return frozenset(getattr(row, f"{target}_id") for row in getattr(record, accessor).all())


@register.simple_tag
def history_rows(history) -> list[dict]:
    """Each historical record with the names of the fields it changed.

    Records come newest first; each is compared with the next one in the same
    list, in memory, so showing 20 changes costs no query beyond the list
    itself. Many-to-many fields are compared only when the view prefetched
    them (``.prefetch_related(history_m2m_accessor(Model.history.model, "groups"))``). A save that provably changed
    nothing shown (e.g. only ``last_login``) is left out.
    """
    records = list(history)
    rows = []
    for i, record in enumerate(records):
        older = records[i + 1] if i + 1 < len(records) else None
        fields: list[str] = []
        if older is not None and record.history_type == "~":
            m2m = [f.name for f in getattr(record, "_history_m2m_fields", [])]
            meta = record.instance_type._meta
            changed = {c.field for c in record.diff_against(older, excluded_fields=m2m).changes}
            fields = [str(f.verbose_name) for f in meta.concrete_fields if f.name in changed]
            known = True
            for name in m2m:
                new, old = _m2m_ids(record, name), _m2m_ids(older, name)
                if new is None or old is None:
                    known = False
                elif new != old:
                    fields.append(M2M_LABELS.get(name, str(meta.get_field(name).verbose_name)))
            if not fields and known:
                continue
        rows.append({"record": record, "fields": fields})
    return rows
