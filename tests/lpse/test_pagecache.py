"""The whole-page cache (lpse/pagecache.py, issue 14): a stored page is served
again only to the browser it was rendered for, and never once a row it was built
from has changed, whichever way the row was written."""

import pytest
from django.contrib import messages
from django.contrib.messages.storage.session import SessionStorage
from django.contrib.sessions.backends.cache import SessionStore
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from lpse import pagecache, roles
from lpse.models import Pengumuman
from sekretariat.models import Naskah
from tests.sekretariat.factories import NaskahFactory

CACHED = "X-Halaman-Cache"


@pytest.fixture
def page_cache(settings, monkeypatch):
    """The cache as in production, without the one-second margin kept for clocks of several hosts."""
    settings.PAGE_CACHE = True
    monkeypatch.setattr(pagecache, "MARGIN_SECONDS", 0.0)


def _warm(client, url):
    """Request until the page comes from the cache: the first render gives the browser its CSRF
    cookie, the second is stored, the third is served from it."""
    for _ in range(3):
        response = client.get(url)
    assert response.headers.get(CACHED) == "1"
    return response


@pytest.mark.django_db
def test_page_is_served_again_until_a_row_it_shows_is_saved(page_cache, client_as):
    client = client_as(roles.SEKRETARIAT)
    url = reverse("sekretariat:naskah-list")
    NaskahFactory(perihal="Surat pertama")
    assert "Surat pertama" in _warm(client, url).content.decode()

    NaskahFactory(perihal="Surat yang baru tiba")
    response = client.get(url)
    assert response.headers.get(CACHED) is None
    assert "Surat yang baru tiba" in response.content.decode()


@pytest.mark.django_db
def test_bulk_update_and_delete_make_the_page_stale_too(page_cache, client_as):
    client = client_as(roles.SEKRETARIAT)
    url = reverse("sekretariat:naskah-list")
    NaskahFactory(perihal="Perihal lama")
    _warm(client, url)

    Naskah.objects.update(perihal="Perihal diubah massal")  # no signal: the SQL itself is seen
    response = client.get(url)
    assert response.headers.get(CACHED) is None
    assert "Perihal diubah massal" in response.content.decode()

    _warm(client, url)
    with connection.cursor() as cursor:
        cursor.execute('DELETE FROM "sekretariat_disposisi"')
        cursor.execute('DELETE FROM "sekretariat_naskah"')
    assert "Perihal diubah massal" not in client.get(url).content.decode()


@pytest.mark.django_db
def test_another_browser_never_gets_a_page_rendered_for_someone_else(page_cache, client_as, client, make_user):
    url = reverse("sekretariat:naskah-list")
    first = client_as(roles.SEKRETARIAT, nama_lengkap="Petugas Pertama")
    _warm(first, url)

    from django.test import Client

    other = Client()
    other.force_login(make_user(roles.SEKRETARIAT, nama_lengkap="Petugas Kedua"))
    response = other.get(url)
    assert response.headers.get(CACHED) is None
    assert "Petugas Kedua" in response.content.decode()
    assert "Petugas Pertama" not in response.content.decode()


@pytest.mark.django_db
def test_losing_a_role_takes_effect_at_once(page_cache, client_as):
    client = client_as(roles.SEKRETARIAT)
    url = reverse("sekretariat:naskah-list")
    _warm(client, url)
    client.user.groups.clear()
    assert client.get(url).status_code in (302, 403)


@pytest.mark.django_db
def test_a_new_urgent_announcement_shows_on_a_cached_page(page_cache, client_as):
    client = client_as(roles.SEKRETARIAT)
    url = reverse("sekretariat:naskah-list")
    _warm(client, url)
    Pengumuman.objects.create(judul="Server SPSE dipindahkan malam ini", isi="-", mendesak=True)
    cache.clear()  # the banner's own cache is cleared when an announcement is saved through the portal
    assert "Server SPSE dipindahkan malam ini" in client.get(url).content.decode()


def _request(path="/contoh/"):
    request = RequestFactory().get(path)
    request.session = SessionStore()
    request.session.save()
    request._messages = SessionStorage(request)
    return request


@pytest.mark.django_db
def test_a_view_that_writes_is_never_replayed(page_cache):
    calls = []

    @pagecache.cached_page
    def view(request):
        calls.append(1)
        NaskahFactory()
        return HttpResponse("dicatat")

    request = _request()
    for _ in range(3):
        view(request)
    assert len(calls) == 3


@pytest.mark.django_db
def test_a_waiting_message_is_shown_not_a_stored_page(page_cache):
    @pagecache.cached_page
    def view(request):
        return HttpResponse("pesan: " + ", ".join(str(m) for m in messages.get_messages(request)))

    request = _request()
    for _ in range(2):
        view(request)
    assert view(request).headers.get(CACHED) == "1"
    messages.success(request, "Tiket disimpan.")
    assert view(request).content == b"pesan: Tiket disimpan."


@pytest.mark.django_db
def test_a_value_from_another_cache_is_followed(page_cache):
    """What a page takes from another cache (running totals, progress) is kept with it and checked."""

    @pagecache.cached_page
    def view(request):
        value = cache.get("contoh:versi")
        pagecache.note_key("contoh:versi", value)
        return HttpResponse(f"versi {value}")

    cache.set("contoh:versi", 1)
    request = _request()
    for _ in range(2):
        view(request)
    assert view(request).headers.get(CACHED) == "1"
    cache.set("contoh:versi", 2)
    assert view(request).content == b"versi 2"


@pytest.mark.django_db
def test_off_by_setting(settings):
    settings.PAGE_CACHE = False

    @pagecache.cached_page
    def view(request):
        return HttpResponse("x")

    request = _request()
    assert all(view(request).headers.get(CACHED) is None for _ in range(4))


@pytest.mark.django_db
def test_an_answer_that_never_shows_messages_is_served_while_one_waits(page_cache):
    """The chart's JSON after a sign-in: the welcome message waits for the next page, and the JSON
    is served from the cache all the same."""

    @pagecache.cached_page
    def view(request):
        return HttpResponse('{"titik": []}', content_type="application/json")

    request = _request()
    messages.success(request, "Selamat datang.")
    for _ in range(2):
        view(request)
    assert view(request).headers.get(CACHED) == "1"
    assert len(request._messages) == 1
