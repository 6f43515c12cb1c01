"""What the migrations install: roles with their permissions (Pasal 5, 17(6)),
Kabupaten Karo's OPD (Pasal 4(2)) and the default beat schedules."""

import pytest
from django.contrib.auth.models import Group
from django_celery_beat.models import PeriodicTask

from lpse import roles
from lpse.models import Instansi, User

pytestmark = pytest.mark.django_db


def _perms(role: str) -> set[str]:
    group = Group.objects.get(name=role)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


def test_every_role_exists():
    assert set(roles.ALL_ROLES) <= set(Group.objects.values_list("name", flat=True))


def test_pasal_17_6_lkpp_only_monitors():
    assert _perms(roles.LKPP) == {"lpse.akses_monitoring"}
    lkpp = User.objects.create_user("lkpp@contoh.id", "x", nama_lengkap="LKPP")
    lkpp.groups.add(Group.objects.get(name=roles.LKPP))
    assert not lkpp.has_perm("lpse.akses_staf")


def test_only_the_kepala_unit_manages_users():
    holders = [r for r in roles.ALL_ROLES if "lpse.change_user" in _perms(r)]
    assert holders == [roles.KEPALA_UNIT]


def test_every_staff_role_reaches_the_dashboard_and_no_outside_role_does():
    for role in roles.STAFF_ROLES:
        assert "lpse.akses_staf" in _perms(role), role
    for role in roles.OUTSIDE_ROLES:
        assert "lpse.akses_staf" not in _perms(role), role


def test_pasal_4_2_karo_opd_are_seeded():
    assert Instansi.objects.filter(jenis=Instansi.Jenis.OPD).count() >= 20
    assert Instansi.objects.filter(nama__icontains="Komunikasi dan Informatika").exists()


def test_default_beat_schedules_are_installed():
    tasks = dict(PeriodicTask.objects.values_list("task", "enabled"))
    assert tasks.get("lpse.tasks.heartbeat") is True
    assert tasks.get("lpse.tasks.flush_outbox") is True
