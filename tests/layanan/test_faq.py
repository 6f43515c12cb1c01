"""FAQ / knowledge base (Pasal 11 ayat 3 huruf c)."""

import pytest
from django.urls import reverse

from layanan.models import ArtikelFaq
from layanan.selectors import faq_search
from lpse import roles
from tests.layanan.factories import ArtikelFaqFactory, make_tiket

pytestmark = pytest.mark.django_db


def test_search_uses_full_text_over_title_and_body():
    ArtikelFaqFactory(judul="Registrasi ulang penyedia", isi="Verifikasi berkas dilakukan di ruang verifikasi.")
    ArtikelFaqFactory(judul="Jadwal pelatihan", isi="Pelatihan SPSE diadakan tiap bulan.")
    assert [a.judul for a in faq_search("verifikasi berkas")] == ["Registrasi ulang penyedia"]


@pytest.mark.parametrize(
    "query",
    ["unggah penawaran", "mengunggah", "penawaran unggah", "tawar", "dokumen penaw", "GAGAL unggah"],
)
def test_search_matches_each_word_its_stem_and_prefixes(query):
    """Issue 13: "unggah penawaran" found nothing; words, Indonesian stems and
    prefixes match, in any order (the word match is the same on SQLite)."""
    ArtikelFaqFactory(judul="Gagal mengunggah dokumen penawaran", isi="Periksa ukuran berkas.")
    ArtikelFaqFactory(judul="Lupa kata sandi SPSE", isi="Gunakan tautan lupa kata sandi.")
    assert [a.judul for a in faq_search(query)] == ["Gagal mengunggah dokumen penawaran"]


def test_search_forgives_a_typo_in_the_title_through_trigrams():
    ArtikelFaqFactory(judul="Lupa kata sandi SPSE")
    assert [a.judul for a in faq_search("kata sandy")] == ["Lupa kata sandi SPSE"]


def test_drafts_are_not_shown_or_found(client):
    draft = ArtikelFaqFactory(judul="Rahasia draf", terbit=False)
    assert list(faq_search("Rahasia")) == []
    assert client.get(reverse("layanan:faq-detail", args=[draft.pk])).status_code == 404


def test_helpful_vote_counts_once_per_visitor(client):
    artikel = ArtikelFaqFactory()
    url = reverse("layanan:faq-vote", args=[artikel.pk])
    client.post(url, {"membantu": "ya"})
    client.post(url, {"membantu": "ya"})
    client.post(url, {"membantu": "tidak"})
    artikel.refresh_from_db()
    assert (artikel.membantu, artikel.tidak_membantu) == (1, 0)


def test_staff_write_and_publish_an_article(client_as):
    from tests.layanan.factories import KategoriFaqFactory

    client = client_as(roles.LAYANAN)
    kategori = KategoriFaqFactory(nama="Akun")
    response = client.post(
        reverse("layanan:faq-create"),
        {"kategori": kategori.pk, "judul": "Ganti email", "isi": "Caranya…", "terbit": "on"},
    )
    assert response.status_code == 302
    artikel = ArtikelFaq.objects.get(judul="Ganti email")
    assert artikel.dibuat_oleh == client.user and artikel.terbit
    assert client.post(reverse("layanan:faq-create"), {"kategori": kategori.pk, "judul": ""}).status_code == 400


def test_ticket_links_the_article_that_solved_it(client_as):
    client = client_as(roles.LAYANAN)
    tiket, artikel = make_tiket(), ArtikelFaqFactory(judul="Cara unggah ulang")
    response = client.post(reverse("layanan:tiket-faq", args=[tiket.pk]), {"artikel": artikel.pk})
    assert response.status_code == 302
    tiket.refresh_from_db()
    assert tiket.artikel_solusi == artikel
    assert artikel.tiket_terselesaikan.get() == tiket
    assert "Cara unggah ulang" in client.get(reverse("layanan:tiket-detail", args=[tiket.pk])).content.decode()


def test_faq_list_query_count_is_constant(client, django_assert_num_queries):
    for _ in range(3):
        ArtikelFaqFactory()
    # an anonymous visitor: one query, the articles joined with their category
    with django_assert_num_queries(1):
        client.get(reverse("layanan:faq-list"))
    for _ in range(30):
        ArtikelFaqFactory()
    with django_assert_num_queries(1):
        client.get(reverse("layanan:faq-list"))
