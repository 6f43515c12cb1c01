"""Mail to the staff when a backup fails (Pasal 18)."""

from __future__ import annotations

from django.conf import settings

from lpse import roles
from lpse.mail import queue_email

from ..models import BackupRun


def _staff_emails() -> list[str]:
    from django.contrib.auth import get_user_model

    return list(
        get_user_model()
        .objects.filter(groups__name__in=[roles.ADMIN_SISTEM, roles.KABID_ADMIN_SISTEM], is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )


def _notify_failure(run: BackupRun, *, subject: str | None = None) -> None:
    """Email the Bidang Administrasi Sistem Elektronik (Pasal 18)."""
    from django.urls import reverse

    url = settings.SITE_URL.rstrip("/") + reverse("backup:run", args=[run.pk])
    queue_email(
        subject=subject or f"[Backup GAGAL] {run.sumber.nama} #{run.pk}",
        body=(
            f"Backup {run.sumber.nama} (#{run.pk}) tidak berhasil.\n\nAlasan: {run.pesan}\n\n"
            f"Rincian: {url}\n\nPerbup Karo 02/2017 Pasal 18 mewajibkan backup basis data dan berkas sistem SPSE."
        ),
        recipients=_staff_emails(),
    )
