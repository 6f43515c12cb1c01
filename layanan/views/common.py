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
