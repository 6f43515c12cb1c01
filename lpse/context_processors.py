from django.conf import settings
from django.core.cache import cache

from .models import Pengumuman
from .navigation import nav_items
from .pagecache import note_tables

BANNER_CACHE_KEY = "lpse:banner-mendesak"


def urgent_announcements() -> list[dict]:
    """Urgent announcements shown as a banner on every page; cached for a
    minute and cleared when an announcement is saved."""
    note_tables(Pengumuman._meta.db_table)  # a cached page must show a new banner at once
    banners = cache.get(BANNER_CACHE_KEY)
    if banners is None:
        banners = list(Pengumuman.objects.active().filter(mendesak=True).values("id", "judul", "jenis")[:3])
        cache.set(BANNER_CACHE_KEY, banners, 60)
    return banners


def portal(request):
    return {
        "lpse": settings.LPSE,
        "banners": urgent_announcements(),
        "nav_items": nav_items(request.user) if hasattr(request, "user") else [],
    }
