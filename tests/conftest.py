import pytest
from django.contrib.auth.models import Group

from lpse import roles
from lpse.demo import DEMO_PASSWORD
from tests.factories import UserFactory

pytest.register_assert_rewrite("tests.access")


def ensure_roles() -> None:
    """Groups and permissions as the migrations made them.

    Transactional tests flush the database, data migrations included; this
    puts the roles back so every test starts from the same state.
    """
    if not Group.objects.filter(name=roles.KEPALA_UNIT).exists():
        from django.apps import apps

        roles.grant(apps, roles.all_role_permissions())


@pytest.fixture
def roles_ready(db):
    ensure_roles()


@pytest.fixture
def make_user(db):
    """make_user(role, **fields): a user holding one role (or none)."""

    def _make(role: str | None = None, **fields):
        ensure_roles()
        user = UserFactory(**fields)
        if role:
            user.groups.add(Group.objects.get(name=role))
        return user

    return _make


@pytest.fixture
def client_as(client, make_user):
    """client_as(role): a test client logged in as a fresh user of that role."""

    def _login(role: str | None, **fields):
        if role is None:
            return client
        user = make_user(role, **fields)
        client.force_login(user)
        client.user = user
        return client

    return _login


@pytest.fixture
def demo_password():
    return DEMO_PASSWORD
