"""Writes shared by all bidang: users and their roles, announcements."""

from django.contrib.auth.models import Group
from django.db import transaction

from .models import Pengumuman, UnduhDokumen, User
from .roles import check_role_combination


@transaction.atomic
def user_set_roles(*, user: User, roles: list[str]) -> User:
    """Give ``user`` exactly ``roles``; refuses combinations Pasal 19(3) forbids."""
    check_role_combination(roles)
    groups = list(Group.objects.filter(name__in=roles))
    missing = set(roles) - {g.name for g in groups}
    if missing:
        raise ValueError(f"Peran tidak dikenal: {', '.join(sorted(missing))}")
    user.groups.set(groups)
    user.__dict__.pop("_role_names", None)
    return user


@transaction.atomic
def user_create(*, email: str, nama_lengkap: str, password: str | None = None, roles=(), **fields) -> User:
    """Create a user with roles, checked like any other (Pasal 19(3))."""
    check_role_combination(roles)
    user = User(email=email.lower(), nama_lengkap=nama_lengkap, **fields)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    if roles:
        user_set_roles(user=user, roles=list(roles))
    return user


@transaction.atomic
def pengumuman_save(*, pengumuman: Pengumuman, user: User) -> Pengumuman:
    """Save an announcement made or edited by staff."""
    if pengumuman.pk is None:
        pengumuman.dibuat_oleh = user
    pengumuman.full_clean()
    pengumuman.save()
    return pengumuman


def dokumen_download_record(*, dokumen, user: User, ip: str | None) -> None:
    """Audit one download of a document holding personal data (lpse.document_kinds)."""
    UnduhDokumen.objects.create(dokumen=dokumen, pengguna=user, alamat_ip=ip)
