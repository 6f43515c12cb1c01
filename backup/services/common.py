"""Names shared by the backup services: the logger and the errors a run reports instead of raising."""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError

from ..engine import BackupCryptoError, BackupError

logger = logging.getLogger("backup.services")
EXPECTED_ERRORS = (BackupError, BackupCryptoError, ValidationError, OSError)
