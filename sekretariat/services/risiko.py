"""The risk register and its reminders, and the public page content (Pasal 8(4)d)."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from lpse.mail import queue_email
from lpse.models import User

from .. import selectors
from ..models import (
    KontenPublik,
    Risiko,
)


@transaction.atomic
def risiko_save(*, risiko: Risiko) -> Risiko:
    """Save a risk; its score and band follow the LPSE standards' method."""
    risiko.full_clean()
    risiko.save()
    return risiko


def risiko_send_reminders(*, today: date | None = None) -> int:
    """Email the owner (or the Sekretaris) of each risk whose review is due; once a day per risk."""
    from lpse import roles

    today = today or timezone.localdate()
    sent = 0
    fallback = list(
        User.objects.filter(groups__name__in=[roles.SEKRETARIS, roles.KEPALA_UNIT], is_active=True).values_list(
            "email", flat=True
        )
    )
    due = selectors.risks_due(today=today).exclude(diingatkan=today).select_related("pemilik")
    for risiko in due:
        with transaction.atomic():
            claimed = Risiko.objects.filter(pk=risiko.pk).exclude(diingatkan=today).update(diingatkan=today)
            if not claimed:
                continue
            recipients = [risiko.pemilik.email] if risiko.pemilik_id else fallback
            queue_email(
                subject=f"Tinjauan risiko jatuh tempo: {risiko.aset}",
                body=(
                    f"Risiko “{risiko.ancaman}” pada {risiko.aset} (skor {risiko.skor}, tingkat {risiko.tingkat}) "
                    f"dijadwalkan ditinjau pada {risiko.tanggal_tinjau:%d-%m-%Y}.\n"
                    "Silakan tinjau dan perbarui tanggal tinjauan berikutnya di portal."
                ),
                recipients=recipients,
            )
            sent += 1
    return sent


@transaction.atomic
def konten_publik_save(*, konten: KontenPublik) -> KontenPublik:
    """Save the public page content (Pasal 8(4)d); there is one row."""
    existing = KontenPublik.objects.select_for_update().first()
    if existing and existing.pk != konten.pk:
        konten.pk = existing.pk
    konten.full_clean()
    konten.save()
    from django.core.cache import cache

    from ..templatetags.sekretariat import CACHE_KEY

    transaction.on_commit(lambda: cache.delete(CACHE_KEY))
    return konten
