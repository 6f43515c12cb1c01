"""Guards that hold however roles are given (admin, shell, services)."""

from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.dispatch import receiver

from .models import Pengumuman, User
from .roles import check_role_combination


@receiver(m2m_changed, sender=User.groups.through)
def enforce_pasal_19_3(sender, instance, action, pk_set, reverse, **kwargs):
    """Pasal 19(3): refuse a group change that makes staff also PPK/Pokja."""
    if action != "pre_add" or not pk_set:
        return
    if reverse:  # group.user_set.add(users): check each user
        for user in User.objects.filter(pk__in=pk_set).prefetch_related("groups"):
            check_role_combination({g.name for g in user.groups.all()} | {instance.name})
    else:
        added = set(Group.objects.filter(pk__in=pk_set).values_list("name", flat=True))
        check_role_combination(set(instance.groups.values_list("name", flat=True)) | added)


@receiver(post_save, sender=Pengumuman)
@receiver(post_delete, sender=Pengumuman)
def clear_banner_cache(sender, **kwargs):
    from .context_processors import BANNER_CACHE_KEY

    cache.delete(BANNER_CACHE_KEY)


@receiver(m2m_changed, sender=User.groups.through)
@receiver(m2m_changed, sender=User.user_permissions.through)
@receiver(m2m_changed, sender=Group.permissions.through)
def roles_changed(sender, action, **kwargs):
    """A role or a permission changed: cached permission sets are stale (lpse.auth)."""
    if action in ("post_add", "post_remove", "post_clear"):
        from .auth import invalidate

        invalidate()


@receiver(post_save, sender=Group)
@receiver(post_delete, sender=Group)
@receiver(post_save, sender=Permission)
@receiver(post_delete, sender=Permission)
def role_or_permission_saved(sender, **kwargs):
    from .auth import invalidate

    invalidate()


@receiver(post_migrate)
def permissions_migrated(sender, **kwargs):
    """Data migrations give roles through historical models, which send no m2m signal."""
    from .auth import invalidate

    invalidate()
