"""Decorators every bidang uses to guard its views."""

from functools import wraps

from django.contrib.auth.decorators import login_required, permission_required


def staff_permission_required(perm: str):
    """Login first (anonymous → login page), then the permission (else 403)."""

    def decorator(view):
        guarded = login_required(permission_required(perm, raise_exception=True)(view))
        return wraps(view)(guarded)

    return decorator
