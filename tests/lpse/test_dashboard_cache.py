"""The staff dashboard's panels are cached per set of roles (lpse.navigation)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lpse import roles


def _count(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("lpse:dashboard")).status_code == 200
    return len(ctx.captured_queries)


def test_second_load_reads_the_panels_from_the_cache(client_as, settings):
    settings.DASHBOARD_CACHE_SECONDS = 30
    client = client_as(roles.KEPALA_UNIT)
    first, second = _count(client), _count(client)
    # session, user, and the two permission queries stay; the panels' own queries go
    assert second < first
    assert second <= 5


def test_panels_are_cached_per_set_of_roles_not_shared_across_roles(client_as, client, make_user, settings):
    settings.DASHBOARD_CACHE_SECONDS = 30
    kepala = client_as(roles.KEPALA_UNIT)
    assert 'data-panel="sekretariat"' in kepala.get(reverse("lpse:dashboard")).content.decode()
    client.force_login(make_user(roles.LAYANAN))
    body = client.get(reverse("lpse:dashboard")).content.decode()
    assert 'data-panel="layanan"' in body
    assert 'data-panel="sekretariat"' not in body
