"""Permissions and role names from the cache instead of two queries per request.

Django's ModelBackend asks the database for the user's own permissions and
for their groups' permissions on the first ``has_perm`` of every request, and
``User.role_names`` asks for the group names: three queries that every staff
page pays before its view runs (the navigation alone calls ``has_perm`` for each
item). Roles change a few times a year; pages are opened thousands of times a
day. So the three answers are kept in the cache per user and checked against a
*version* that any change of roles or permissions replaces (``lpse.signals``):
a stale entry is never read, however the change was made (service, admin,
shell, data migration through the ORM).

The version is read in the same round trip as the entry (``get_many``) and an
entry is stored with the version read *before* its queries ran, so a change
that commits while the queries run leaves an entry nobody will read.
"""

import secrets

from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "perm:versi"
ENTRY_TIMEOUT = 3600  # an entry of a user who left is dropped within the hour


def _entry_key(user) -> str:
    # is_superuser and is_active are read from the user row on every request;
    # in the key, a change of either can never meet an entry made before it.
    return f"perm:u{user.pk}:{int(user.is_superuser)}{int(user.is_active)}"


def invalidate() -> None:
    """Make every cached permission set stale: now, and again when the change commits."""
    cache.set(VERSION_KEY, secrets.token_hex(8), None)
    transaction.on_commit(lambda: cache.set(VERSION_KEY, secrets.token_hex(8), None))


def _load(user) -> dict:
    """{"perms": set of "app.codename", "roles": set of group names} from the database."""
    backend = ModelBackend()
    for attr in ("_user_perm_cache", "_group_perm_cache", "_perm_cache"):
        user.__dict__.pop(attr, None)
    perms = set(backend.get_all_permissions(user)) if user.is_active else set()
    roles = set(user.groups.values_list("name", flat=True))
    return {"perms": perms, "roles": roles}


def user_access(user) -> dict:
    """The user's permissions and role names, cached on the instance for the request."""
    access = user.__dict__.get("_lpse_access")
    if access is not None:
        return access
    key = _entry_key(user)
    found = cache.get_many([VERSION_KEY, key])
    version = found.get(VERSION_KEY)
    if version is None:
        version = secrets.token_hex(8)
        if not cache.add(VERSION_KEY, version, None):
            version = cache.get(VERSION_KEY)
    entry = found.get(key)
    if entry is None or entry.get("version") != version:
        entry = _load(user) | {"version": version}
        cache.set(key, entry, ENTRY_TIMEOUT)
    user.__dict__["_lpse_access"] = entry
    return entry


def forget(user) -> None:
    """Drop what this instance holds, e.g. after its roles were set in the same request."""
    for attr in ("_lpse_access", "_role_names", "_user_perm_cache", "_group_perm_cache", "_perm_cache"):
        user.__dict__.pop(attr, None)


class CachedModelBackend(ModelBackend):
    """ModelBackend whose permission sets come from ``user_access`` (one cache read per request)."""

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        return user_access(user_obj)["perms"]
