"""Navigation and dashboard panels, collected from what each app registers.

Each app registers (``lpse.registry.register``) its ``nav_items`` (label, url
name, permission) and a ``panel(request)`` function returning the context of
its ``<app>/panel.html`` on the staff dashboard, or None when the user may not
see it.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from . import pagecache, registry

# Navigation per permission set, kept in the process: every page of every
# logged-in user renders it, and it depends on nothing but the permissions
# (and the URL prefix). A few role combinations exist; the bound is a guard.
_NAV_MEMO: dict[tuple, list[dict]] = {}
_NAV_MEMO_MAX = 256


def nav_items(user) -> list[dict]:
    """Links the user may follow; anonymous users get none."""
    if not user.is_authenticated:
        return []
    from django.urls import get_script_prefix

    key = (get_script_prefix(), frozenset(user.get_all_permissions()))
    items = _NAV_MEMO.get(key)
    if items is None:
        if len(_NAV_MEMO) >= _NAV_MEMO_MAX:
            _NAV_MEMO.clear()
        items = _NAV_MEMO[key] = _nav_items(user)
    return items


def _nav_items(user) -> list[dict]:
    items = []
    if user.has_perm("lpse.akses_staf"):
        items.append({"label": "Dasbor", "url": reverse("lpse:dashboard")})
    for contribution in registry.contributions():
        for label, url_name, perm in contribution.nav_items:
            if perm is None or user.has_perm(perm):
                items.append({"label": label, "url": reverse(url_name)})
    if user.has_perm("lpse.view_pengumuman"):
        items.append({"label": "Pengumuman", "url": reverse("lpse:pengumuman-kelola")})
    if user.has_perm("lpse.view_dokumen"):
        items.append({"label": "Dokumen", "url": reverse("lpse:dokumen-list")})
    if user.has_perm("lpse.change_user"):
        items.append({"label": "Pengguna & peran", "url": reverse("lpse:pengguna-list")})
    return items


def dashboard_panels(request) -> list[dict]:
    """The panels of /staf/ this user may see, in registry order.

    Staff keep the dashboard open all day; each panel's figures are cached
    for DASHBOARD_CACHE_SECONDS per set of roles (panels depend on the
    user's permissions only, never on who the user is), so a room full of
    browsers does not recount 500,000 tickets every few seconds.
    """
    ttl = getattr(settings, "DASHBOARD_CACHE_SECONDS", 30)
    roles_key = ",".join(sorted(request.user.role_names)) if request.user.is_authenticated else ""
    panels = []
    for contribution in registry.contributions():
        panel = contribution.panel
        if panel is None:
            continue
        if ttl:
            key = (
                "dasbor:"
                + hashlib.sha256(f"{contribution.app}|{roles_key}|{request.user.is_superuser}".encode()).hexdigest()
            )
            context = cache.get_or_set(key, lambda p=panel: p(request), ttl)
            pagecache.note_key(key, context)  # a cached dashboard goes when its panel does
        else:
            context = panel(request)
        if context is not None:
            panels.append({"template": contribution.template, **context})
    return panels
