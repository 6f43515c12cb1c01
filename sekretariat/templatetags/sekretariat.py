"""``{% load sekretariat %}{% konten_beranda %}``: the Sekretariat's public content
(Pasal 8(4)d) as a block for the home page; one cached query."""

from django import template
from django.core.cache import cache

register = template.Library()

CACHE_KEY = "sekretariat:konten-publik"


@register.inclusion_tag("sekretariat/_konten_beranda.html", takes_context=True)
def konten_beranda(context):
    from lpse.pagecache import note_tables

    from ..models import KontenPublik

    note_tables(KontenPublik._meta.db_table)  # a cached home page shows an edit at once
    konten = cache.get(CACHE_KEY)
    if konten is None:
        row = KontenPublik.objects.values("tentang", "kontak", "jam_layanan", "standar_layanan").first()
        konten = row or {}
        cache.set(CACHE_KEY, konten, 300)
    return {"konten": konten, "lpse": context.get("lpse")}
