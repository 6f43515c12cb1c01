"""Spreadsheet import and export shared by every bidang.

A bidang describes a kind of record it can bring in (an ``ImportKind``: its
columns, how a row is checked and matched on its natural key, how the checked
rows are written in bulk, how the list is exported) and registers it from its
own ``AppConfig.ready`` with :func:`register`. lpse never imports a bidang
app: it only knows the kinds registered with it.

The flow is the same for every kind (lpse.imports.services):
upload (checked by content, stored privately) → preview (rows to create,
update, leave alone or reject, with an Indonesian reason per rejected row;
nothing written) → confirm → a Celery task that writes the whole file in one
transaction, recorded in ``lpse.ImportRecord``.

Parsing uses openpyxl (already the portal's XLSX library: streaming
read-only mode keeps 20,000-row files cheap) and the standard library's csv
module; see lpse.imports.tables.
"""

from .base import Column, ImportKind, Plan, RowPlan, get_kind, kinds, register

__all__ = ["Column", "ImportKind", "Plan", "RowPlan", "get_kind", "kinds", "register"]
