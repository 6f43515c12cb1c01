"""The backup machinery without the ORM: dump a source into an encrypted
archive, verify an archive by restoring it, restore it for real.

Services (``services/``) wrap these functions with runs, leases and
logging; the bench script (``bench/backup_bench.py``) calls them directly.
Every failure is a ``BackupError`` whose message is shown to staff as is.

Split by sub-domain (issue 10): ``common`` (errors, targets, comparisons), ``archive``
(encrypted archives, manifests, checksummed copies), ``postgres``, ``sqlite``, ``directory``.
Every name callers use is re-exported here (``engine.backup_postgres(...)``). A test that
replaces a function the engine calls internally patches the submodule that reads it
(e.g. ``engine.postgres.write_archive``, ``engine.archive._disk_write``).
"""

from ..crypto import BackupCryptoError
from .archive import (
    Throttle,
    _disk_write,
    archive_checksum,
    base_versions,
    check_manifest_signature,
    copy_file_verified,
    hmac_equal,
    sign_manifest,
    write_archive,
    write_json_atomic,
)
from .common import READ_SIZE, BackupError, PgTarget, Progress, compare_checksums, compare_counts
from .directory import backup_directory, extract_directory, extract_safely, verify_directory
from .postgres import (
    _pg_restore_stream,
    _user_tables,
    backup_postgres,
    drop_scratch_databases,
    pg_row_counts,
    pg_tool,
    pg_tool_version,
    verify_postgres,
)
from .sqlite import _sqlite_counts, backup_sqlite, verify_sqlite

__all__ = [
    "BackupCryptoError",
    "BackupError",
    "PgTarget",
    "Progress",
    "READ_SIZE",
    "Throttle",
    "_disk_write",
    "_pg_restore_stream",
    "_sqlite_counts",
    "_user_tables",
    "archive_checksum",
    "backup_directory",
    "backup_postgres",
    "backup_sqlite",
    "base_versions",
    "check_manifest_signature",
    "compare_checksums",
    "compare_counts",
    "copy_file_verified",
    "drop_scratch_databases",
    "extract_directory",
    "extract_safely",
    "hmac_equal",
    "pg_row_counts",
    "pg_tool",
    "pg_tool_version",
    "sign_manifest",
    "verify_directory",
    "verify_postgres",
    "verify_sqlite",
    "write_archive",
    "write_json_atomic",
]
