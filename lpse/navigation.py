"""Navigation and dashboard panels, collected from each bidang's app.

Each app may have a ``panels.py`` with ``NAV_ITEMS`` (label, url name,
permission) and a ``panel(request)`` function returning the context of its
``<app>/panel.html`` on the staff dashboard, or None when the user may not
see it.
"""

from importlib import import_module

from django.urls import reverse

BIDANG_APPS = ["registrasi", "layanan", "infrastruktur", "sekretariat"]


def _panels_module(app: str):
    try:
        return import_module(f"{app}.panels")
    except ModuleNotFoundError:
        return None


def nav_items(user) -> list[dict]:
    """Links the user may follow; anonymous users get none."""
    if not user.is_authenticated:
        return []
    items = []
    if user.has_perm("lpse.akses_staf"):
        items.append({"label": "Dasbor", "url": reverse("lpse:dashboard")})
    for app in BIDANG_APPS:
        module = _panels_module(app)
        for label, url_name, perm in getattr(module, "NAV_ITEMS", []):
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
    """The panels of /staf/ this user may see, in the order of BIDANG_APPS."""
    panels = []
    for app in BIDANG_APPS:
        module = _panels_module(app)
        if module is None:
            continue
        context = module.panel(request)
        if context is not None:
            panels.append({"template": f"{app}/panel.html", **context})
    return panels
