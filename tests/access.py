"""The role × URL table: what each role (and an anonymous visitor) gets from
every named URL. Each app lists its URLs in ``tests/<app>/access.py`` as
``ACCESS``; ``tests/test_access_table.py`` checks every row for every role and
fails when a named URL of the project is missing from the table.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from lpse import roles

PUBLIC = "public"  # everyone, logged in or not
LOGGED_IN = "logged-in"  # any logged-in user
ANONYMOUS = None  # the persona of a visitor who has not logged in

PERSONAS = (ANONYMOUS, *roles.ALL_ROLES)
STAFF = frozenset(roles.STAFF_ROLES)

OK, LOGIN, FORBIDDEN = "ok", "login", 403


@dataclass
class Url:
    """One row of the table.

    ``allow``: PUBLIC, LOGGED_IN or a set of role names. Anonymous visitors of
    a non-public URL are sent to the login page; logged-in users without an
    allowed role get 403. ``kwargs`` builds the URL arguments (and any rows
    they need) inside the test's transaction. ``ok`` is the status of an
    allowed request (200, or 302 for actions that redirect). ``expect``
    overrides the outcome for single personas.
    """

    name: str
    allow: Any
    kwargs: Callable[[], dict] | None = None
    method: str = "get"
    data: dict | Callable[[], dict] | None = None
    ok: int = 200
    expect: dict = field(default_factory=dict)

    def outcome(self, persona) -> Any:
        if persona in self.expect:
            return self.expect[persona]
        if self.allow == PUBLIC:
            return OK
        if persona is ANONYMOUS:
            return LOGIN
        if self.allow == LOGGED_IN or persona in self.allow:
            return OK
        return FORBIDDEN


def project_url_names() -> set[str]:
    """Every named URL of the project, with its namespace (``lpse:home``)."""
    names: set[str] = set()

    def walk(patterns, prefix: str):
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
                walk(p.url_patterns, ns)
            elif isinstance(p, URLPattern) and p.name:
                names.add(prefix + p.name)

    walk(get_resolver().url_patterns, "")
    return names
