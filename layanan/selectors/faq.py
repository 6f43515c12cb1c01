"""FAQ search with Indonesian stemming."""

import re
from functools import lru_cache

from django.db import connection
from django.db.models import Q, QuerySet

from ..models import (
    ArtikelFaq,
)


@lru_cache(maxsize=1)
def _stemmer():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


def _word_match(q: str) -> Q | None:
    """Every word of ``q`` in the title or text, as the word, its Indonesian
    stem (Sastrawi: "penawaran" → "tawar", "mengunggah" → "unggah") or the
    start of a longer word; the same on PostgreSQL and SQLite (issue 13:
    "unggah penawaran" found nothing though "Gagal mengunggah dokumen
    penawaran" exists)."""
    words = [w for w in re.findall(r"\w+", q.lower()) if len(w) > 1][:8]
    if not words:
        return None
    match = Q()
    for word in words:
        forms = {word, _stemmer().stem(word)} - {""}
        either = Q()
        for form in forms:
            either |= Q(judul__icontains=form) | Q(isi__icontains=form)
        match &= either
    return match


def faq_search(q: str, *, limit: int | None = 20) -> QuerySet:
    """Published FAQ articles matching ``q``: every word (or its stem, or as a
    prefix) in the article; on PostgreSQL also full-text ranking and trigram
    similarity of the title (typos still find it)."""
    qs = ArtikelFaq.objects.filter(terbit=True).select_related("kategori")
    q = (q or "").strip()[:200]
    if not q:
        return qs[:limit] if limit else qs
    words = _word_match(q)
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, TrigramWordSimilarity

        vector = SearchVector("judul", weight="A", config="simple") + SearchVector("isi", weight="B", config="simple")
        query = SearchQuery(q, config="simple", search_type="websearch")
        qs = (
            qs.annotate(rank=SearchRank(vector, query), sim=TrigramWordSimilarity(q, "judul"))
            .filter(Q(rank__gt=0.01) | Q(sim__gt=0.3) | Q(judul__icontains=q) | (words or Q(pk__in=[])))
            .order_by("-rank", "-sim", "judul")
        )
    else:
        qs = qs.filter(Q(judul__icontains=q) | Q(isi__icontains=q) | (words or Q(pk__in=[]))).order_by("judul")
    return qs[:limit] if limit else qs
