"""Whole-page cache for the read-mostly staff and public pages, invalidated by the writes themselves.

Issue 14: an agent opens the ticket queue hundreds of times a day and the Kepala
Unit opens the year's figures in a meeting; between two of those views the rows
behind the page usually have not changed, yet each view rendered a dozen queries
and a few hundred template nodes again. ``cached_page`` keeps the rendered
response and serves it again for as long as nothing it was built from changed.

How it stays exact:

- Every SQL statement passes through an execute wrapper installed on each
  database connection (``install``). A write (``INSERT``/``UPDATE``/``DELETE``,
  from the ORM, ``bulk_create``, ``QuerySet.update`` or a Celery worker alike)
  stamps its table's "last written" time in the shared cache, at once and again
  when its transaction commits.
- While a cached view renders, the same wrapper records every table its queries
  read. The stored page keeps that list and the time the render began.
- A stored page is served only while none of its tables was written since a
  second before its render began (``MARGIN_SECONDS`` covers clocks of several
  hosts drifting apart). Values a page takes from other caches instead of the
  database (the running totals, the permission cache) are recorded with
  ``note_key`` and must still hold their value.
- Content that changes with the clock alone (an SLA turning late, "hari ini")
  is bounded by ``TTL_SECONDS``, as are the few figures other caches keep for a
  fixed time (the dashboard's panel counts) and a write made while Redis was
  unreachable (it could not be stamped; nothing is stored or served meanwhile).

The key holds the session (its key and data), the CSRF cookie, the language, the
full path and HTMX's headers: a page is only ever served again to the browser
it was rendered for, so the CSRF tokens, the signed-in user and their roles in
it are that browser's own. Nothing is cached when the view wrote to the
database (its side effects must happen each time), answered anything but a
plain 200 or set a cookie. A page that shows flash messages is rendered afresh
while one waits; an answer that never shows them (JSON) is not held back by one.
"""

from __future__ import annotations

import contextvars
import functools
import hashlib
import logging
import re
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.db.backends.signals import connection_created
from django.utils import translation

logger = logging.getLogger(__name__)

TTL_SECONDS = 60
MARGIN_SECONDS = 1.0
_PAGE_PREFIX = "lpse:pc:p:"
_TABLE_PREFIX = "lpse:pc:t:"
# Tables every page depends on whatever it read: what the user's roles allow. (The user row
# itself is not among them: every sign-in writes last_login, and would make every stored page
# stale; whether the account is active is checked on each request before the view.)
ALWAYS_TABLES = ("lpse_user_groups", "auth_group", "auth_group_permissions", "lpse_user_user_permissions")

# Written on nearly every request, read by no page: stamping them would only cost a round trip.
_UNWATCHED = frozenset({"django_session", "axes_accessattempt", "axes_accesslog", "axes_accessfailurelog"})

_WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?)\s+"?([\w.]+)"?', re.IGNORECASE)
_READ = re.compile(r'\b(?:FROM|JOIN)\s+"([^"]+)"', re.IGNORECASE)


@dataclass
class _Recorder:
    tables: set[str] = field(default_factory=set)
    keys: dict[str, object] = field(default_factory=dict)
    wrote: bool = False


_recording: contextvars.ContextVar[_Recorder | None] = contextvars.ContextVar("lpse_pagecache", default=None)


# When this process last stamped each table (the GIL keeps the dict consistent across threads).
_stamped_at: dict[str, float] = {}


def _stamp(table: str) -> None:
    """Stamp ``table`` unless this process did less than half a margin ago.

    Skipping is safe: a render that missed this write began before it, so less than half a
    margin after that earlier stamp, and the margin already counts the earlier stamp against
    it. It spares a busy table (the agents' samples, hundreds a second) a Redis write for each
    statement; with no margin (in tests) every write stamps.
    """
    now = time.time()
    if now - _stamped_at.get(table, 0.0) < MARGIN_SECONDS / 2:
        return
    _stamped_at[table] = now
    cache.set(_TABLE_PREFIX + table, now, None)


def _wrapper(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if not isinstance(sql, str) or not settings.PAGE_CACHE:
        # Off (PAGE_CACHE=0, as in the test suite): no page reads a stamp, so none is written.
        return result
    head = sql.lstrip()[:8].upper()
    recorder = _recording.get()
    if head.startswith(("INSERT", "UPDATE", "DELETE", "TRUNCATE")):
        match = _WRITE.match(sql)
        if match and match.group(1) not in _UNWATCHED:
            _written(context["connection"], match.group(1))
            if recorder is not None:
                recorder.wrote = True
    elif recorder is not None and head.startswith(("SELECT", "WITH")):
        recorder.tables.update(_READ.findall(sql))
    return result


def _written(connection, table: str) -> None:
    """Stamp now (readers inside this transaction, as in tests) and again once it commits."""
    _stamp(table)
    if connection.in_atomic_block:
        connection.on_commit(functools.partial(_stamp, table))


def install(connection, **kwargs) -> None:
    """Put the wrapper on a connection (``connection_created``); once per connection object."""
    if _wrapper not in connection.execute_wrappers:
        connection.execute_wrappers.append(_wrapper)


def install_everywhere() -> None:
    """From ``LpseConfig.ready``: new connections, and any opened before the apps were ready."""
    connection_created.connect(install, dispatch_uid="lpse.pagecache.install")
    for connection in connections.all(initialized_only=True):
        install(connection)


def note_key(key: str, value):
    """The page being rendered used ``value`` read from cache ``key``: serve it again only while it
    holds. Returns ``value``, to be used inline."""
    recorder = _recording.get()
    if recorder is not None:
        recorder.keys[key] = value
    return value


def note_tables(*tables: str) -> None:
    """The page being rendered shows data of ``tables`` taken from another cache (not from a query)."""
    recorder = _recording.get()
    if recorder is not None:
        recorder.tables.update(tables)


def _page_key(request) -> str | None:
    session = getattr(request, "session", None)
    session_part = ""
    if session is not None:
        session_part = f"{session.session_key}|{sorted(session.items())!r}"
    csrf = request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
    htmx = "|".join(request.headers.get(h, "") for h in ("HX-Request", "HX-Target", "HX-Trigger", "HX-Boosted"))
    raw = "\n".join((request.get_full_path(), session_part, csrf, translation.get_language() or "", htmx))
    return _PAGE_PREFIX + hashlib.sha256(raw.encode()).hexdigest()


def _stored_valid(entry: dict) -> bool:
    table_keys = [_TABLE_PREFIX + t for t in entry["tables"]]
    current = cache.get_many(table_keys + list(entry["keys"]))
    limit = entry["at"] - MARGIN_SECONDS
    for key in table_keys:
        stamp = current.get(key)
        if stamp is None or stamp >= limit:
            return False
    return all(current.get(key) == value for key, value in entry["keys"].items())


def _cacheable_request(request) -> bool:
    return request.method in ("GET", "HEAD") and settings.PAGE_CACHE


def _messages(request):
    return getattr(request, "_messages", None)


def _messages_waiting(request) -> bool:
    messages = _messages(request)
    return messages is not None and len(messages) > 0


def _messages_shown(request) -> bool:
    """Whether the render went through the flash messages (the base template does; JSON does not)."""
    messages = _messages(request)
    return messages is None or getattr(messages, "used", True)


def _new_csrf_secret(request) -> bool:
    """The render made this browser a new CSRF secret: the page must reach it with its cookie."""
    used = request.META.get("CSRF_COOKIE")
    return used is not None and used != request.COOKIES.get(settings.CSRF_COOKIE_NAME)


def _store(request, response, recorder: _Recorder, started: float, key: str, waiting: bool) -> None:
    shows_messages = _messages_shown(request)
    if (
        (waiting and shows_messages)  # a flash message is in this page: it is shown once, not kept
        or response.status_code != 200
        or response.streaming
        or response.cookies
        or recorder.wrote
        or _new_csrf_secret(request)
    ):
        return
    tables = sorted(recorder.tables | set(ALWAYS_TABLES))
    table_keys = [_TABLE_PREFIX + t for t in tables]
    present = cache.get_many(table_keys)
    for missing in set(table_keys) - set(present):
        # Unknown last write (a fresh or flushed cache): whatever was committed before the
        # render began is in it, and any later write stamps itself over this (add never does).
        cache.add(missing, started - MARGIN_SECONDS - 1.0, None)
    entry = {
        "at": started,
        "tables": tables,
        "keys": recorder.keys,
        "body": response.content,
        "headers": dict(response.headers),
        # Whether the page carries a CSRF token: only then does a replay renew the cookie as the
        # render did (a JSON answer must not hand out a cookie it never needed).
        "csrf": bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE")),
        "messages": shows_messages,
    }
    cache.set(key, entry, TTL_SECONDS)


def _replay(request, entry: dict):
    from django.http import HttpResponse
    from django.middleware.csrf import get_token

    if entry["csrf"]:
        get_token(request)  # as the render did: the CSRF cookie's age is renewed the same way

    response = HttpResponse(entry["body"])
    for name, value in entry["headers"].items():
        response.headers[name] = value
    response["X-Halaman-Cache"] = "1"
    return response


def cached_page(view):
    """Serve the view's last response to this browser while nothing it read has changed (see module)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not _cacheable_request(request):
            return view(request, *args, **kwargs)
        key = _page_key(request)
        waiting = _messages_waiting(request)
        entry = cache.get(key)
        # A page that shows flash messages is rendered while one waits, so that it is shown; an
        # answer that never shows them (JSON) would leave it waiting, and is served all the same.
        if entry is not None and not (waiting and entry["messages"]) and _stored_valid(entry):
            return _replay(request, entry)
        recorder = _Recorder()
        token = _recording.set(recorder)
        started = time.time()
        try:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
        finally:
            _recording.reset(token)
        _store(request, response, recorder, started, key, waiting)
        return response

    return wrapped


def forget_all() -> None:
    """Make every stored page stale at once (after a restore replaced the database under it)."""
    cache.set(_TABLE_PREFIX + ALWAYS_TABLES[0], time.time(), None)
