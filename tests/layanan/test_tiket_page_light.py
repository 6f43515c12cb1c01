"""The ticket page a helpdesk agent opens hundreds of times a day (issue 14): its
rarely used forms load when opened, its repeated fragments come from the cache,
and its query count is pinned."""

import pytest
from django.urls import reverse

from layanan import services
from layanan.models import BalasanTemplat, Kategori
from lpse import roles
from tests.layanan.factories import make_tiket


@pytest.fixture
def agent(client_as):
    return client_as(roles.LAYANAN)


def test_ticket_page_queries_are_pinned(agent, django_assert_num_queries):
    tiket = make_tiket()
    BalasanTemplat.objects.create(kategori=tiket.kategori, judul="Salam", isi="Terima kasih.")
    services.tiket_reply(tiket=tiket, author=agent.user, body="Kami periksa.", public=True)
    url = reverse("layanan:tiket-detail", args=[tiket.pk])
    agent.get(url)
    # 1. user (session, permissions, reply templates, officers for the assignment form: cache)
    # 2. the ticket with its people, its FAQ article, and its duplicate and berita acara counts
    # 3. replies with their authors  4. the replies' attachments  5. the ticket's own attachments
    # 6. escalations  7. events  8. history with its users
    with django_assert_num_queries(8):
        response = agent.get(url)
    body = response.content.decode()
    assert f'<option value="{agent.user.pk}">' in body  # the officers, from the cached list
    assert "Kami periksa." in body and "Salam" in body
    for bagian in ("prioritas", "eskalasi", "gabung", "faq"):
        assert reverse("layanan:tiket-bagian", args=[tiket.pk, bagian]) in body
    assert 'name="urgensi"' not in body and 'name="ke"' not in body  # not built until opened


@pytest.mark.parametrize(
    ("bagian", "field"), [("prioritas", 'name="urgensi"'), ("eskalasi", 'name="uraian"'), ("gabung", 'name="ke"')]
)
def test_a_section_loads_its_form_when_opened_and_works_without_htmx(agent, bagian, field):
    tiket = make_tiket()
    url = reverse("layanan:tiket-bagian", args=[tiket.pk, bagian])
    fragment = agent.get(url, headers={"HX-Request": "true"}).content.decode()
    assert field in fragment and "<html" not in fragment
    page = agent.get(url).content.decode()
    assert field in page and "<html" in page and reverse("layanan:tiket-detail", args=[tiket.pk]) in page


def test_an_unknown_section_is_a_404(agent):
    tiket = make_tiket()
    assert agent.get(reverse("layanan:tiket-bagian", args=[tiket.pk, "hapus"])).status_code == 404


def test_a_failed_merge_shows_its_form_open_in_place(agent):
    tiket = make_tiket()
    response = agent.post(reverse("layanan:tiket-gabung", args=[tiket.pk]), {"ke": "TK-999999"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Tiket tujuan tidak ditemukan." in body
    assert 'data-bagian="gabung" open' in body


def test_merged_duplicates_are_counted_and_listed_when_opened(agent):
    utama, dup = make_tiket(), make_tiket()
    services.tiket_merge(duplikat=dup, ke=utama, user=agent.user)
    body = agent.get(reverse("layanan:tiket-detail", args=[utama.pk])).content.decode()
    assert "1 tiket digabung ke sini." in body
    listed = agent.get(reverse("layanan:tiket-bagian", args=[utama.pk, "gabung"]), headers={"HX-Request": "true"})
    assert dup.nomor in listed.content.decode()


def test_a_changed_reply_template_shows_on_the_next_page(agent):
    tiket = make_tiket()
    url = reverse("layanan:tiket-detail", args=[tiket.pk])
    templat = BalasanTemplat.objects.create(kategori=tiket.kategori, judul="Versi lama", isi="x")
    assert "Versi lama" in agent.get(url).content.decode()
    templat.judul = "Versi baru"
    templat.save()
    assert "Versi baru" in agent.get(url).content.decode()
    templat.kategori = next(k for k in Kategori.values if k != tiket.kategori)
    templat.save()
    assert "Versi baru" not in agent.get(url).content.decode()
