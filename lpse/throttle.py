"""Throttles per visitor on the public forms that send mail or store files.

django-ratelimit (cache counters, kept up since 2010, one decorator) keyed on
``lpse.net.client_ip`` through ``RATELIMIT_IP_META_KEY``; the rates live in
``settings.THROTTLE_RATES`` (environment ``THROTTLE_*``). Every POST counts,
valid or not, and is counted before the form is read: a refused upload costs
the sender's budget as much as an accepted one, and over the limit nothing
is parsed, decoded or saved. ``lpse.errors.too_many_requests`` answers 429.
"""

from functools import wraps

from django.conf import settings
from django_ratelimit.decorators import ratelimit


def _rate(group: str, request) -> str | None:
    if group in GUESTS_ONLY and request.user.is_authenticated:
        return None
    return settings.THROTTLE_RATES[group]


GUESTS_ONLY: set[str] = set()


def throttle(group: str, *, guests_only: bool = False, block: bool = True):
    """Limit POSTs to the view per visitor to ``settings.THROTTLE_RATES[group]``.

    ``block=False`` lets the view answer itself (``request.limited`` is set):
    it may show the form again with what was typed, without reading the files.
    """
    if guests_only:
        GUESTS_ONLY.add(group)

    def decorator(view):
        limited = ratelimit(group=group, key="ip", rate=_rate, method="POST", block=block)(view)

        @wraps(view)
        def wrapped(request, *args, **kwargs):
            request.throttle_group = group  # for the 429 page
            return limited(request, *args, **kwargs)

        return wrapped

    return decorator


def rate_text(group: str) -> str:
    """``5/h`` as the 429 page says it: "5 kali per jam"."""
    count, _, unit = settings.THROTTLE_RATES[group].partition("/")
    digits = "".join(c for c in unit if c.isdigit())
    word = {"s": "detik", "m": "menit", "h": "jam", "d": "hari"}[unit[-1]]
    return f"{count} kali per {digits + ' ' if digits else ''}{word}"


def limit_message(group: str) -> str:
    return (
        f"Terlalu banyak kiriman dari alamat Anda (paling banyak {rate_text(group)}). Kiriman ini tidak disimpan; "
        "coba lagi nanti, atau hubungi LPSE melalui telepon bila mendesak."
    )
