"""Backup sources and the database servers they dump from and verify on (Pasal 18(1))."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction

from ..engine import PgTarget
from ..models import BackupSource

# --- Sources -----------------------------------------------------------------------


@transaction.atomic
def source_save(*, source: BackupSource) -> BackupSource:
    """Validate and save a backup source (the form already checked the fields)."""
    source.full_clean()
    source.save()
    return source


def portal_pg_target() -> PgTarget | None:
    db = settings.DATABASES["default"]
    if not db["ENGINE"].endswith("postgresql"):
        return None
    return PgTarget(
        host=db.get("HOST") or "127.0.0.1",
        port=int(db.get("PORT") or 5432),
        dbname=db["NAME"],
        user=db.get("USER") or "postgres",
        password=db.get("PASSWORD") or "",
    )


def source_pg_target(source: BackupSource) -> PgTarget | None:
    if source.jenis == BackupSource.Jenis.PORTAL_DB:
        return portal_pg_target()
    if source.jenis == BackupSource.Jenis.POSTGRES:
        return PgTarget(
            host=source.host,
            port=source.port,
            dbname=source.nama_db,
            user=source.pengguna,
            password=source.password(),
        )
    return None


def verify_server_for(source: BackupSource) -> PgTarget:
    """Where scratch databases are created: BACKUP_VERIFY_DATABASE_URL, the portal's server, or the source's."""
    url = settings.BACKUP_VERIFY_DATABASE_URL
    if url:
        return PgTarget.from_url(url)
    return portal_pg_target() or source_pg_target(source)


def source_description(source: BackupSource) -> str:
    if source.jenis == BackupSource.Jenis.PORTAL_DB:
        target = portal_pg_target()
        return f"{target.host}:{target.port}/{target.dbname}" if target else str(settings.DATABASES["default"]["NAME"])
    if source.jenis == BackupSource.Jenis.POSTGRES:
        return f"{source.host}:{source.port}/{source.nama_db}"
    if source.jenis == BackupSource.Jenis.PORTAL_MEDIA:
        return str(settings.MEDIA_ROOT)
    return source.path
