"""FAQ articles, votes and linking an article to a ticket (Pasal 11)."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ..models import (
    ArtikelFaq,
    Tiket,
    TiketPeristiwa,
)
from .tiket import _event


@transaction.atomic
def tiket_link_faq(*, tiket: Tiket, artikel: ArtikelFaq | None, user) -> Tiket:
    tiket.artikel_solusi = artikel
    tiket.save(update_fields=["artikel_solusi", "diubah"])
    _event(tiket, TiketPeristiwa.Jenis.FAQ, user=user, at=timezone.now(), ke=(artikel.judul[:60] if artikel else "-"))
    return tiket


def faq_vote(*, artikel: ArtikelFaq, membantu: bool) -> None:
    field = "membantu" if membantu else "tidak_membantu"
    ArtikelFaq.objects.filter(pk=artikel.pk).update(**{field: F(field) + 1})


@transaction.atomic
def artikel_save(*, artikel: ArtikelFaq, user) -> ArtikelFaq:
    if artikel.pk is None:
        artikel.dibuat_oleh = user
    artikel.full_clean()
    artikel.save()
    return artikel
