"""Issue 10: each model name means one thing. lpse.Akses → AksesPortal, sekretariat.Akses →
AksesSekretariat, sekretariat.Pelatihan → PelatihanPegawai (Pasal 22).

An existing install runs the rename migrations over its data: the permission rows keep their ids
(so every group keeps them), ``lpse.akses_staf`` and ``sekretariat.kelola_kepegawaian`` still
answer, and the staff trainings already recorded are still there.
"""

import datetime as dt

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection

from lpse import roles
from lpse.models import AksesPortal, User
from sekretariat.models import AksesSekretariat, PelatihanPegawai
from tests.sekretariat.factories import PegawaiFactory

BEFORE = [("lpse", "0006_user_history_groups"), ("sekretariat", "0004_naskah_tgl_idx")]
AFTER = [("lpse", "0007_rename_akses_aksesportal"), ("sekretariat", "0005_rename_akses_pelatihan")]


def _perm(app_label: str, codename: str) -> Permission:
    return Permission.objects.select_related("content_type").get(content_type__app_label=app_label, codename=codename)


def _fresh(user: User) -> User:
    return User.objects.get(pk=user.pk)  # no cached permissions


@pytest.mark.django_db
def test_permission_codenames_live_on_the_renamed_models(make_user):
    assert _perm("lpse", "akses_staf").content_type.model_class() is AksesPortal
    assert _perm("sekretariat", "kelola_kepegawaian").content_type.model_class() is AksesSekretariat
    assert _perm("sekretariat", "add_pelatihanpegawai").content_type.model_class() is PelatihanPegawai
    # No stale content type is left under the old names (remove_stale_contenttypes would delete
    # it and, with it, every group's permissions).
    assert not ContentType.objects.filter(app_label__in=["lpse", "sekretariat"], model="akses").exists()
    assert not ContentType.objects.filter(app_label="sekretariat", model="pelatihan").exists()
    sekretaris = make_user(roles.SEKRETARIS)
    assert sekretaris.has_perm("lpse.akses_staf")
    assert sekretaris.has_perm("sekretariat.kelola_kepegawaian")
    assert not make_user(roles.PENYEDIA).has_perm("lpse.akses_staf")


def test_grant_finds_the_model_that_declares_a_custom_permission():
    from django.apps import apps

    assert roles._model_for_codename(apps, "lpse", "akses_staf") == "aksesportal"
    assert roles._model_for_codename(apps, "sekretariat", "kelola_naskah") == "aksessekretariat"
    assert roles._model_for_codename(apps, "lpse", "view_pengumuman") == "pengumuman"
    with pytest.raises(LookupError):
        roles._model_for_codename(apps, "lpse", "kelola_tidak_ada")


@pytest.fixture
def back_to_latest_migrations():
    """The test leaves the database at the rename migrations; every later test needs all of them."""
    yield
    call_command("migrate", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_rename_migrations_keep_permissions_groups_and_rows(make_user, back_to_latest_migrations):
    sekretaris = make_user(roles.SEKRETARIS)
    pegawai = PegawaiFactory()
    pelatihan = PelatihanPegawai.objects.create(
        pegawai=pegawai, nama="Diklat PBJ", mulai=dt.date(2026, 3, 2), selesai=dt.date(2026, 3, 4), jam_pelajaran=24
    )
    ids = {
        "staf": _perm("lpse", "akses_staf").pk,
        "kepegawaian": _perm("sekretariat", "kelola_kepegawaian").pk,
        "add_pelatihan": _perm("sekretariat", "add_pelatihanpegawai").pk,
    }
    group_perms = set(Group.objects.get(name=roles.SEKRETARIS).permissions.values_list("pk", flat=True))
    assert {ids["staf"], ids["kepegawaian"]} <= group_perms

    # Back to the names an existing install has today ...
    for app_label, name in BEFORE:
        call_command("migrate", app_label, name, verbosity=0)
    assert (
        ContentType.objects.get(app_label="lpse", model="akses").permission_set.get(codename="akses_staf").pk
        == ids["staf"]
    )
    assert _perm("sekretariat", "add_pelatihan").pk == ids["add_pelatihan"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT nama FROM sekretariat_pelatihan WHERE id = %s", [pelatihan.pk])
        assert cursor.fetchone() == ("Diklat PBJ",)

    # ... and forward through the renames.
    for app_label, name in AFTER:
        call_command("migrate", app_label, name, verbosity=0)
    assert _perm("lpse", "akses_staf").pk == ids["staf"]
    assert _perm("lpse", "akses_staf").content_type.model == "aksesportal"
    assert _perm("sekretariat", "kelola_kepegawaian").pk == ids["kepegawaian"]
    renamed = _perm("sekretariat", "add_pelatihanpegawai")
    assert renamed.pk == ids["add_pelatihan"] and renamed.name == "Can add pelatihan pegawai"
    assert not Permission.objects.filter(content_type__app_label="sekretariat", codename="add_pelatihan").exists()
    assert set(Group.objects.get(name=roles.SEKRETARIS).permissions.values_list("pk", flat=True)) == group_perms
    assert _fresh(sekretaris).has_perm("lpse.akses_staf")
    assert _fresh(sekretaris).has_perm("sekretariat.kelola_kepegawaian")
    assert PelatihanPegawai.objects.get(pk=pelatihan.pk).nama == "Diklat PBJ"
    assert list(pegawai.pelatihan.values_list("pk", flat=True)) == [pelatihan.pk]
