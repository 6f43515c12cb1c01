"""Caches of layanan kept true when their rows change."""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import BalasanTemplat, Kategori
from .selectors import TEMPLAT_CACHE_KEY


@receiver(post_save, sender=BalasanTemplat)
@receiver(post_delete, sender=BalasanTemplat)
def clear_templat_cache(sender, **kwargs):
    """A template changed (its category too, maybe): every category's list is read afresh."""
    keys = [TEMPLAT_CACHE_KEY.format(k) for k in Kategori.values]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))
