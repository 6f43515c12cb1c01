"""Backup SOP services (Perbup Karo 02/2017 Pasal 18): runs, verification, retention, media custody.

Slow work (pg_dump, restore tests, copies) runs outside transactions; each
state change is a short transaction of its own.

Split by sub-domain (issue 10): ``sources``, ``takeover`` (leases, stale runs), ``runs``,
``recheck``, ``retention`` (and the policy), ``media``, ``notify``. Every public name is
re-exported here, so callers keep writing ``services.run_request(...)``. A test that
replaces a function a submodule calls patches that submodule (e.g. ``services.runs``).
"""

from .common import EXPECTED_ERRORS
from .media import (
    MEDIA_PERAN,
    media_copy_handover,
    media_copy_write,
    medium_aset_check,
    medium_follow_aset,
    medium_save,
)
from .notify import _notify_failure
from .recheck import run_recheck, runs_recheck_retained
from .retention import policy_update, retention_keep, retention_prune
from .runs import _run_finish, archive_verify, run_execute, run_request
from .sources import portal_pg_target, source_description, source_pg_target, source_save, verify_server_for
from .takeover import _LeaseKeeper, _progress_writer, runs_reap_stale

__all__ = [
    "EXPECTED_ERRORS",
    "MEDIA_PERAN",
    "_LeaseKeeper",
    "_notify_failure",
    "_progress_writer",
    "_run_finish",
    "archive_verify",
    "media_copy_handover",
    "media_copy_write",
    "medium_aset_check",
    "medium_follow_aset",
    "medium_save",
    "policy_update",
    "portal_pg_target",
    "retention_keep",
    "retention_prune",
    "run_execute",
    "run_recheck",
    "run_request",
    "runs_reap_stale",
    "runs_recheck_retained",
    "source_description",
    "source_pg_target",
    "source_save",
    "verify_server_for",
]
