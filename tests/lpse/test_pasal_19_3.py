"""Pasal 19(3): "Pegawai Unit LPSE dilarang merangkap menjadi PPK/ULP/Pejabat
Pengadaan" — refused wherever roles are given: services, the admin, the m2m
signal (both directions) and the Kepala Unit's "Pengguna & peran" page."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from lpse import roles, services
from lpse.models import User
from tests.factories import UserFactory

PASAL = "Pasal 19 ayat 3"


@pytest.fixture
def verifikator(make_user):
    return make_user(roles.REGISTRASI, nama_lengkap="Dedi Barus", email="dedi@lpse.example")


def _group(name: str) -> Group:
    return Group.objects.get(name=name)


def test_pasal_19_3_service_set_roles_refuses_staff_as_ppk(verifikator):
    with pytest.raises(ValidationError, match=PASAL):
        services.user_set_roles(user=verifikator, roles=[roles.REGISTRASI, roles.PPK])
    assert verifikator.role_names == {roles.REGISTRASI}


def test_pasal_19_3_service_create_refuses_staff_as_pokja(roles_ready):
    with pytest.raises(ValidationError, match=PASAL):
        services.user_create(email="a@b.id", nama_lengkap="A", roles=[roles.KABID_LAYANAN, roles.POKJA])
    assert not User.objects.filter(email="a@b.id").exists()


def test_pasal_19_3_allows_outside_roles_together_and_staff_roles_together(roles_ready):
    user = services.user_create(email="ppk@b.id", nama_lengkap="PPK", roles=[roles.PPK, roles.POKJA, roles.PA_KPA])
    assert user.role_names == {roles.PPK, roles.POKJA, roles.PA_KPA}
    kabid = services.user_create(email="k@b.id", nama_lengkap="K", roles=[roles.KABID_REGISTRASI, roles.REGISTRASI])
    assert kabid.role_names == {roles.KABID_REGISTRASI, roles.REGISTRASI}


def test_pasal_19_3_signal_refuses_groups_add_on_the_user(verifikator):
    # The related manager adds without a savepoint; our own atomic keeps the test's transaction usable.
    with pytest.raises(ValidationError, match=PASAL), transaction.atomic():
        verifikator.groups.add(_group(roles.PPK))
    assert set(verifikator.groups.values_list("name", flat=True)) == {roles.REGISTRASI}


def test_pasal_19_3_signal_refuses_user_set_add_on_the_group(make_user):
    pokja = make_user(roles.POKJA)
    with pytest.raises(ValidationError, match=PASAL), transaction.atomic():
        _group(roles.SEKRETARIAT).user_set.add(pokja)
    assert set(pokja.groups.values_list("name", flat=True)) == {roles.POKJA}


def test_pasal_19_3_admin_change_form_refuses(verifikator, client):
    admin = User.objects.create_superuser("root@lpse.example", "sandi-admin-panjang", nama_lengkap="Admin Teknis")
    client.force_login(admin)
    url = reverse("admin:lpse_user_change", args=[verifikator.pk])
    assert client.get(url).status_code == 200
    data = {
        "email": verifikator.email,
        "nama_lengkap": verifikator.nama_lengkap,
        "is_active": "on",
        "groups": [_group(roles.REGISTRASI).pk, _group(roles.PPK).pk],
    }
    response = client.post(url, data)
    assert response.status_code == 200  # the form again, with the error
    assert "Pasal 19 ayat 3" in response.content.decode()
    assert verifikator.groups.count() == 1
    # Allowed change goes through the same form.
    data["groups"] = [_group(roles.REGISTRASI).pk, _group(roles.KABID_REGISTRASI).pk]
    assert client.post(url, data).status_code == 302
    assert set(verifikator.groups.values_list("name", flat=True)) == {roles.REGISTRASI, roles.KABID_REGISTRASI}


def test_admin_change_form_shows_password_hash_read_only(verifikator, client):
    admin = User.objects.create_superuser("root@lpse.example", "sandi-admin-panjang", nama_lengkap="Admin Teknis")
    client.force_login(admin)
    html = client.get(reverse("admin:lpse_user_change", args=[verifikator.pk])).content.decode()
    assert 'name="password"' not in html


def test_kepala_unit_gives_roles_on_the_roles_page(client_as, verifikator):
    client = client_as(roles.KEPALA_UNIT)
    url = reverse("lpse:pengguna-peran", args=[verifikator.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert 'name="roles"' in response.content.decode()
    groups = [_group(roles.REGISTRASI).pk, _group(roles.KABID_REGISTRASI).pk]
    response = client.post(url, {"roles": groups})
    assert response.status_code == 302
    assert set(verifikator.groups.values_list("name", flat=True)) == {roles.REGISTRASI, roles.KABID_REGISTRASI}
    # The role change is in the user's history, with who made it.
    latest = verifikator.history.first()
    assert latest.history_user == client.user
    assert {g.group.name for g in latest.groups.all()} == {roles.REGISTRASI, roles.KABID_REGISTRASI}
    html = client.get(url).content.decode()
    assert "Diubah: peran" in html


def test_pasal_19_3_roles_page_refuses_with_400_and_keeps_the_choice(client_as, verifikator):
    client = client_as(roles.KEPALA_UNIT)
    url = reverse("lpse:pengguna-peran", args=[verifikator.pk])
    ppk = _group(roles.PPK)
    response = client.post(url, {"roles": [_group(roles.REGISTRASI).pk, ppk.pk]})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Pasal 19 ayat 3" in html
    assert f'value="{ppk.pk}"' in html and "checked" in html
    assert set(verifikator.groups.values_list("name", flat=True)) == {roles.REGISTRASI}


def test_roles_page_of_unknown_user_is_404(client_as):
    response = client_as(roles.KEPALA_UNIT).get(reverse("lpse:pengguna-peran", args=[999999]))
    assert response.status_code == 404
    assert "tidak ditemukan" in response.content.decode()


def test_user_list_searches_by_name_or_email(client_as):
    client = client_as(roles.KEPALA_UNIT)
    UserFactory(nama_lengkap="Joni Tarigan", email="joni@cv-sinar.example")
    UserFactory(nama_lengkap="Maya Br Ginting", email="maya@contoh.example")
    html = client.get(reverse("lpse:pengguna-list"), {"q": "sinar"}).content.decode()
    assert "Joni Tarigan" in html
    assert "Maya Br Ginting" not in html


def test_only_kepala_unit_sees_the_users_link(client_as):
    assert "Pengguna &amp; peran" in client_as(roles.KEPALA_UNIT).get(reverse("lpse:dashboard")).content.decode()


def test_staff_without_the_right_do_not_see_the_users_link(client_as):
    assert "Pengguna &amp; peran" not in client_as(roles.SEKRETARIS).get(reverse("lpse:dashboard")).content.decode()


def test_roles_form_lists_the_unit_first_in_organisation_order(roles_ready):
    from lpse.forms import RolesForm

    names = [g.name for g in RolesForm().fields["roles"].queryset]
    assert names[: len(roles.ALL_ROLES)] == list(roles.ALL_ROLES)


def test_user_list_filters_by_role(client_as, make_user):
    client = client_as(roles.KEPALA_UNIT)
    make_user(roles.PPK, nama_lengkap="PPK Dinas Kesehatan")
    make_user(roles.PENYEDIA, nama_lengkap="CV Sinar Karo")
    html = client.get(reverse("lpse:pengguna-list"), {"peran": roles.PPK}).content.decode()
    assert "PPK Dinas Kesehatan" in html
    assert "CV Sinar Karo" not in html
    assert f'<option value="{roles.PPK}" selected>' in html
