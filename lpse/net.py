"""The visitor's address, worked out once for lock-outs, throttles and audits."""

from types import SimpleNamespace

from django.conf import settings
from ipware import get_client_ip


def client_ip(request) -> str:
    """The visitor's IP address behind ``settings.PROXY_COUNT`` reverse proxies.

    Each proxy in front of gunicorn adds the address it was reached from to
    ``X-Forwarded-For`` (the shipped nginx writes ``$remote_addr``), so with N
    proxies the visitor is the N-th entry from the right; anything left of it
    was sent by the visitor and may be forged. With no proxy the header is
    ignored. django-ipware validates the chain: we hand it the trusted tail
    plus the hop that reached us (``REMOTE_ADDR``), i.e. "client, proxy…" with
    exactly N proxies. A missing or malformed header falls back to
    ``REMOTE_ADDR`` (the proxy): such a visitor shares the proxy's budget.
    """
    remote = request.META.get("REMOTE_ADDR") or "0.0.0.0"  # noqa: S104 - a key, not a bind address
    count = settings.PROXY_COUNT
    if not count:
        return remote
    entries = [e.strip() for e in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if e.strip()]
    if len(entries) < count:
        return remote
    chain = [*entries[-count:], remote]
    ip, _routable = get_client_ip(
        SimpleNamespace(META={"HTTP_X_FORWARDED_FOR": ", ".join(chain)}),
        proxy_count=count,
        request_header_order=["HTTP_X_FORWARDED_FOR"],
    )
    return ip or remote
