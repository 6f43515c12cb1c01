"""Pages whose query count must not grow with the data: measured with 3 and
with 30 rows, the counts are equal."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lpse import roles
from lpse.models import Dokumen
from tests.factories import InstansiFactory, PengumumanFactory, UserFactory


def _make_pengumuman(n: int) -> None:
    for i in range(n):
        PengumumanFactory(mendesak=i % 5 == 0)


def _make_dokumen(n: int) -> None:
    start = Dokumen.objects.count()
    for i in range(start + 1, start + n + 1):
        Dokumen.objects.create(kode="UJI", jenis="Uji", nomor=f"{i:03d}/UJI", urut=i, tahun=2026, perihal="uji")


def _make_users(n: int) -> None:
    instansi = InstansiFactory()
    for _ in range(n):
        user = UserFactory(instansi=instansi)
        user.groups.add(*Group.objects.filter(name__in=[roles.REGISTRASI, roles.KABID_REGISTRASI]))


def _queries(client, url: str) -> int:
    client.get(url)  # warm the per-minute banner cache, as on a live site
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


PAGES = [
    ("lpse:home", None, _make_pengumuman),
    ("lpse:pengumuman-list", None, _make_pengumuman),
    ("lpse:pengumuman-kelola", roles.SEKRETARIAT, _make_pengumuman),
    ("lpse:dashboard", roles.KEPALA_UNIT, _make_pengumuman),
    ("lpse:dokumen-list", roles.SEKRETARIAT, _make_dokumen),
    ("lpse:pengguna-list", roles.KEPALA_UNIT, _make_users),
]


@pytest.mark.parametrize(("name", "role", "make"), PAGES, ids=[p[0] for p in PAGES])
def test_query_count_does_not_grow_with_rows(name, role, make, client_as):
    client = client_as(role)
    url = reverse(name)
    make(3)
    small = _queries(client, url)
    make(27)
    assert _queries(client, url) == small


def test_home_page_queries_are_pinned(client, db, django_assert_num_queries):
    _make_pengumuman(3)
    client.get("/")
    # 1. active announcements (the urgent banner comes from the cache)
    with django_assert_num_queries(1):
        assert client.get("/").status_code == 200


def test_pengumuman_kelola_queries_are_pinned(client_as, django_assert_num_queries):
    client = client_as(roles.SEKRETARIAT)
    _make_pengumuman(30)
    url = reverse("lpse:pengumuman-kelola")
    client.get(url)
    # 1. user (session and permissions: cache)  2. COUNT for the paginator  3. the page of announcements
    with django_assert_num_queries(3):
        client.get(url)


def test_pengumuman_edit_page_with_history_does_not_grow(client_as):
    client = client_as(roles.SEKRETARIAT)
    pengumuman = PengumumanFactory()
    url = reverse("lpse:pengumuman-edit", args=[pengumuman.pk])

    def edit(n: int) -> None:
        for i in range(n):
            pengumuman.judul = f"Versi {i}"
            pengumuman.save()

    edit(3)
    small = _queries(client, url)
    edit(27)
    assert _queries(client, url) == small


def test_roles_page_with_history_does_not_grow(client_as):
    client = client_as(roles.KEPALA_UNIT)
    user = UserFactory()
    url = reverse("lpse:pengguna-peran", args=[user.pk])

    def edit(n: int) -> None:
        for i in range(n):
            user.jabatan = f"Jabatan {i}"
            user.save()

    edit(3)
    small = _queries(client, url)
    edit(27)
    assert _queries(client, url) == small


def test_document_waiting_page_queries_do_not_grow_with_documents(client_as):
    """Issue 12: the "sedang disiapkan" page and its polled fragment read one document, whatever the archive holds."""
    from django.core.cache import cache

    client = client_as(roles.KEPALA_UNIT)
    waiting = Dokumen.objects.create(
        kode="CONTOH", jenis="Contoh", nomor="001/CONTOH", urut=1, tahun=2026, perihal="menunggu"
    )
    cache.set(f"dokumen-progres:{waiting.pk}", "render")  # a worker is on it
    url = reverse("lpse:dokumen-download", args=[waiting.pk])

    def count(headers) -> int:
        client.get(url, headers=headers)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url, headers=headers)
        assert response.status_code in (200, 202) and "sedang disiapkan" in response.content.decode()
        return len(ctx.captured_queries)

    page, fragment = count({}), count({"HX-Request": "true"})
    _make_dokumen(30)
    assert (count({}), count({"HX-Request": "true"})) == (page, fragment)
