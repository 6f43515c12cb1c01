"""Template filters of the portal."""

from django import template

register = template.Library()

# Words Indonesian titles keep in lower case ("Dinas Komunikasi dan Informatika").
_LOWER = {"dan", "di", "ke", "dari", "untuk", "yang", "atau", "pada", "dengan", "serta"}


@register.filter
def judul(value: str) -> str:
    """Title case the Indonesian way: conjunctions and prepositions stay lower case."""
    words = str(value).lower().split()
    return " ".join(w if i and w in _LOWER else w[:1].upper() + w[1:] for i, w in enumerate(words))
