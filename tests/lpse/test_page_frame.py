"""What every request pays before and around its view (issue 14): session, user,
permissions, navigation, base template. Query counts pinned; permissions come
from the cache and still follow every change of roles at once."""

from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from lpse import auth, navigation, roles, services


def _warm(client, url):
    assert client.get(url).status_code == 200


def test_zero_page_answers_a_few_bytes_to_any_logged_in_user(client_as, django_assert_num_queries):
    client = client_as(roles.PENYEDIA)
    url = reverse("lpse:zero")
    _warm(client, url)
    # 1. the user row (the session and the permission set come from the cache)
    with django_assert_num_queries(1):
        response = client.get(url)
    assert response.content == b"ok"


def test_floor_costs_one_query_with_the_navigation_of_a_kepala_unit(client_as, django_assert_num_queries):
    client = client_as(roles.KEPALA_UNIT)
    url = reverse("lpse:floor")
    _warm(client, url)
    # 1. the user row; session, permissions, role names, banner and navigation are cached
    with django_assert_num_queries(1):
        response = client.get(url)
    assert b"Pengguna &amp; peran" in response.content  # the Kepala Unit's navigation


def test_floor_on_a_cold_cache_reads_session_and_permissions_from_the_database(client_as, django_assert_num_queries):
    from django.core.cache import cache

    from lpse.context_processors import BANNER_CACHE_KEY

    client = client_as(roles.LAYANAN)
    url = reverse("lpse:floor")
    _warm(client, url)
    cache.clear()
    cache.set(BANNER_CACHE_KEY, [], 300)
    # 1. session  2. user  3. user permissions  4. group permissions  5. role names
    with django_assert_num_queries(5):
        assert client.get(url).status_code == 200
    with django_assert_num_queries(1):
        assert client.get(url).status_code == 200


def test_a_new_role_opens_its_pages_on_the_next_request(client_as, make_user):
    client = client_as(roles.PENYEDIA)
    url = reverse("lpse:floor")
    assert client.get(url).status_code == 403  # cached: no staff access
    services.user_set_roles(user=client.user, roles=[roles.LAYANAN])
    assert client.get(url).status_code == 200
    services.user_set_roles(user=client.user, roles=[roles.PENYEDIA])
    assert client.get(url).status_code == 403


def test_a_permission_taken_from_a_group_is_gone_on_the_next_request(client_as):
    client = client_as(roles.LAYANAN)
    url = reverse("lpse:floor")
    assert client.get(url).status_code == 200
    group = Group.objects.get(name=roles.LAYANAN)
    perm = Permission.objects.get(content_type__app_label="lpse", codename="akses_staf")
    group.permissions.remove(perm)
    assert client.get(url).status_code == 403
    group.permissions.add(perm)
    assert client.get(url).status_code == 200


def test_a_deactivated_or_promoted_user_never_meets_an_old_entry(make_user):
    user = make_user(roles.PENYEDIA)
    assert not user.has_perm("lpse.akses_staf")
    user.is_superuser = True
    user.save()
    auth.forget(user)
    assert user.has_perm("lpse.akses_staf")  # superuser: a separate entry
    assert auth._entry_key(user) != auth._entry_key(type(user)(pk=user.pk))


def test_role_names_come_from_the_same_entry(make_user, django_assert_num_queries):
    user = make_user(roles.REGISTRASI)
    auth.user_access(user)
    fresh = type(user).objects.get(pk=user.pk)
    with django_assert_num_queries(0):
        assert fresh.role_names == {roles.REGISTRASI}
        assert fresh.has_perm("lpse.akses_staf")


def test_navigation_is_built_once_per_permission_set(make_user, django_assert_num_queries):
    first, second = make_user(roles.LAYANAN), make_user(roles.LAYANAN)
    navigation._NAV_MEMO.clear()
    items = navigation.nav_items(first)
    assert items is navigation.nav_items(second)  # same roles: the same list, built once
    assert [i["label"] for i in items][0] == "Dasbor"
    assert "Dasbor" not in [i["label"] for i in navigation.nav_items(make_user(roles.PENYEDIA))]
