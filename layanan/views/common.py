"""Shared names of the Layanan pages: the access permission, error text, the staff list."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

PERM = "lpse.akses_layanan"


def _errors(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _layanan_staff():
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__permissions__codename="akses_layanan",
            groups__permissions__content_type__app_label="lpse",
        )
        .distinct()
        .only("id", "nama_lengkap", "email")
        .order_by("nama_lengkap")
    )


STAFF_CHOICES_KEY = "layanan:petugas-pilihan"


def _layanan_staff_choices() -> list[tuple[int, str]]:
    """The staff list as the assignment select shows it, cached for five minutes: every ticket page
    shows it, and a server-side cursor per page cost more than the rest of the form. Only the
    choices shown are cached; a posted choice is still checked against ``_layanan_staff()``."""
    from django.core.cache import cache

    return cache.get_or_set(STAFF_CHOICES_KEY, lambda: [(u.pk, str(u)) for u in _layanan_staff()], 300)
