"""What a kind of import is, and the registry of kinds."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, ClassVar

from django.core.exceptions import ValidationError

CREATE, UPDATE, SAME, REJECT = "baru", "ubah", "sama", "tolak"
ACTION_LABELS = {CREATE: "Dibuat", UPDATE: "Diperbarui", SAME: "Tidak berubah", REJECT: "Ditolak"}


@dataclass(frozen=True)
class Column:
    """One column of a kind's file: its header, a description for the
    template's instruction sheet, an example value, and headers other tools
    use for it (an SPSE export says "User ID", the template "user_id")."""

    name: str
    label: str
    required: bool = False
    example: str = ""
    aliases: tuple[str, ...] = ()


class RowError(Exception):
    """A row that cannot be imported; ``reasons`` are Indonesian sentences."""

    def __init__(self, *reasons: str):
        super().__init__("; ".join(reasons))
        self.reasons = list(reasons)


@dataclass
class RowPlan:
    line: int
    action: str
    key: str = ""
    reasons: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    existing: Any = None


@dataclass
class Plan:
    rows: list[RowPlan]

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    def of(self, action: str) -> Iterator[RowPlan]:
        return (r for r in self.rows if r.action == action)

    @property
    def rejected(self) -> list[RowPlan]:
        return [r for r in self.rows if r.action == REJECT]


Progress = Callable[[int, int], None]


class ImportKind:
    """A kind of record a bidang brings in from spreadsheets.

    Subclasses set the class attributes and implement ``existing``,
    ``clean_row``, ``differs``, ``apply`` and ``export_rows``. ``plan`` must
    not write anything: the preview calls it.
    """

    key: ClassVar[str]  # in URLs and ImportRecord.jenis: "pengguna-spse"
    label: ClassVar[str]  # "Pengguna SPSE"
    permission: ClassVar[str]  # who may import and export
    namespace: ClassVar[str]  # URL namespace of the bidang: "registrasi"
    list_url_name: ClassVar[str]  # where the imported records are listed
    columns: ClassVar[tuple[Column, ...]]
    key_column: ClassVar[str]  # the natural key: re-importing matches on it
    also_unique: ClassVar[tuple[str, ...]] = ()  # other columns that may not repeat in a file
    description: ClassVar[str] = ""

    # --- reading -----------------------------------------------------------
    def prepare(self, rows: list[tuple[int, dict[str, str]]]) -> dict[str, Any]:
        """Lookups the rows need (Instansi by name, …), fetched once per file."""
        return {}

    def existing(self, keys: list[str]) -> dict[str, Any]:
        """Records already in the portal, by natural key."""
        raise NotImplementedError

    def normalise_key(self, value: str) -> str:
        return value.strip()

    def row_key(self, row: dict[str, str]) -> str:
        """The natural key of a row; a kind keyed on one of two columns overrides this."""
        return self.normalise_key(row.get(self.key_column, ""))

    def missing_key_message(self) -> str:
        return f"Kolom {self.key_column} ({self.column(self.key_column).label}) wajib diisi."

    def clean_row(self, row: dict[str, str], ctx: dict[str, Any]) -> dict[str, Any]:
        """The row's values ready to write; RowError with reasons when bad."""
        raise NotImplementedError

    def differs(self, existing: Any, data: dict[str, Any]) -> bool:
        """Whether writing ``data`` would change ``existing``."""
        return any(getattr(existing, k) != v for k, v in data.items() if not k.startswith("_"))

    def plan(self, rows: list[tuple[int, dict[str, str]]]) -> Plan:
        """Sort each row into create / update / unchanged / reject; writes nothing."""
        ctx = self.prepare(rows)
        keys = [self.row_key(r) for _, r in rows]
        existing = self.existing([k for k in keys if k])
        seen: dict[tuple[str, str], int] = {}
        out: list[RowPlan] = []
        for (line, row), key in zip(rows, keys, strict=True):
            if not key:
                out.append(RowPlan(line, REJECT, reasons=[self.missing_key_message()]))
                continue
            try:
                data = self.clean_row(row, ctx)
            except RowError as exc:
                out.append(RowPlan(line, REJECT, key=key, reasons=exc.reasons))
                continue
            duplicates = []
            for col in (self.key_column, *self.also_unique):
                value = key if col == self.key_column else str(data.get(col) or "")
                if not value:
                    continue
                first = seen.get((col, value))
                if first is not None:
                    duplicates.append(f"Duplikat dalam berkas: {col} “{value}” sudah ada di baris {first}.")
            if duplicates:
                out.append(RowPlan(line, REJECT, key=key, reasons=duplicates))
                continue
            for col in (self.key_column, *self.also_unique):
                value = key if col == self.key_column else str(data.get(col) or "")
                if value:
                    seen[(col, value)] = line
            current = existing.get(key)
            if current is None:
                out.append(RowPlan(line, CREATE, key=key, data=data))
            elif self.differs(current, data):
                out.append(RowPlan(line, UPDATE, key=key, data=data, existing=current))
            else:
                out.append(RowPlan(line, SAME, key=key, data=data, existing=current))
        return Plan(out)

    # --- writing -----------------------------------------------------------
    def apply(self, plan: Plan, *, record, user, progress: Progress) -> None:
        """Write the planned creates and updates with bulk operations; the
        caller holds the transaction."""
        raise NotImplementedError

    # --- exporting ---------------------------------------------------------
    def export_rows(self) -> Iterable[list[Any]]:
        """The records as rows in the order of ``columns``."""
        raise NotImplementedError

    def example_rows(self) -> list[list[Any]]:
        return [[c.example for c in self.columns]]

    # --- helpers -----------------------------------------------------------
    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def url_base(self) -> str:
        """The upload page's URL name; the others add "-pratinjau", "-ekspor", …"""
        return f"{self.namespace}:impor-{self.key}"

    def url_name(self, action: str) -> str:
        return self.url_base + (f"-{action}" if action else "")


_KINDS: dict[str, ImportKind] = {}


def register(kind: ImportKind) -> ImportKind:
    """Called from a bidang's ``AppConfig.ready``; registering twice replaces."""
    _KINDS[kind.key] = kind
    return kind


def get_kind(key: str) -> ImportKind:
    try:
        return _KINDS[key]
    except KeyError:
        raise LookupError(f"Jenis impor “{key}” tidak terdaftar.") from None


def kinds() -> list[ImportKind]:
    return list(_KINDS.values())


# --- value parsers the kinds share ------------------------------------------------

DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y %H:%M")


def parse_date(value: str, *, column: str, required: bool = False) -> date | None:
    value = (value or "").strip()
    if not value:
        if required:
            raise RowError(f"Kolom {column} wajib diisi (tanggal).")
        return None
    if len(value) == 10 and value[4] == "-":
        try:
            return date.fromisoformat(value)  # the common case, and much faster than strptime
        except ValueError:
            pass
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()  # noqa: DTZ007 - a calendar date, no time zone
        except ValueError:
            continue
    raise RowError(f"Kolom {column}: “{value}” bukan tanggal (pakai format TTTT-BB-HH atau HH/BB/TTTT).")


def parse_choice(value: str, choices, *, column: str, default: str | None = None) -> str:
    """A code from a Django ``choices`` list, given the code or its label."""
    text = (value or "").strip().lower()
    if not text and default is not None:
        return default
    for code, label in choices:
        if text in (str(code).lower(), str(label).lower()):
            return code
    allowed = ", ".join(str(label) for _, label in choices)
    raise RowError(f"Kolom {column}: “{value}” tidak dikenal; pilih salah satu: {allowed}.")


def parse_bool(value: str, *, column: str, default: bool = True) -> bool:
    text = (value or "").strip().lower()
    if not text:
        return default
    if text in {"ya", "y", "1", "true", "aktif", "benar"}:
        return True
    if text in {"tidak", "t", "0", "false", "nonaktif", "tidak aktif", "salah"}:
        return False
    raise RowError(f"Kolom {column}: “{value}” harus “ya” atau “tidak”.")


def run_validator(validator, value: str, *, column: str):
    """Call one of the project's validators (clean_nik, clean_npwp, parse_nip…)
    and turn its ValidationError into a RowError naming the column."""
    try:
        return validator(value)
    except ValidationError as exc:
        raise RowError(*(f"Kolom {column}: {m}" for m in exc.messages)) from None


class RowChecker:
    """Collects every reason a row is bad instead of stopping at the first:
    ``v = check(parse_date, row["x"], column="x")`` … ``check.done()``."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def __call__(self, fn, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except RowError as exc:
            self.errors.extend(exc.reasons)
            return None

    def fail(self, reason: str) -> None:
        self.errors.append(reason)

    def done(self) -> None:
        if self.errors:
            raise RowError(*self.errors)


_FIELD_CHECKS: dict[type, list] = {}


def _field_checks(model) -> list:
    """(name, max_length, validators) of a model's plain fields, computed once."""
    if model not in _FIELD_CHECKS:
        from django.core.validators import MaxLengthValidator

        checks = []
        for f in model._meta.concrete_fields:
            if f.is_relation or f.primary_key:
                continue
            validators = [v for v in f.validators if not isinstance(v, MaxLengthValidator)]
            checks.append((f.attname, f.name, getattr(f, "max_length", None), validators, f.blank))
        _FIELD_CHECKS[model] = checks
    return _FIELD_CHECKS[model]


def check_model(model, data: dict[str, Any]) -> None:
    """Run the model's own field rules (max_length and the project's validators
    such as the NIP/NIK ones) on a row's values without building an instance
    or touching the database: 20,000 rows must stay cheap. Choices are checked
    by parse_choice, foreign keys by the kind's prepared lookups, uniqueness
    by the natural-key match."""
    errors = []
    for attname, name, max_length, validators, blank in _field_checks(model):
        if attname not in data:
            continue
        value = data[attname]
        if value in (None, "") and blank:
            continue
        if max_length and isinstance(value, str) and len(value) > max_length:
            errors.append(f"Kolom {name}: paling banyak {max_length} karakter (terisi {len(value)}).")
            continue
        for validator in validators:
            try:
                validator(value)
            except ValidationError as exc:
                errors.extend(f"Kolom {name}: {m}" for m in exc.messages)
    if errors:
        raise RowError(*errors)


BATCH = 2000


def bulk_write(
    plan: Plan, *, model, fields: list[str], user, progress: Progress, reason: str, on_create: dict | None = None
) -> tuple[list, list]:
    """Create and update a plan's rows with bulk operations (history rows
    included, via django-simple-history's bulk helpers when the model keeps
    history). Returns (created, updated) instances."""
    from simple_history.utils import bulk_create_with_history, bulk_update_with_history

    keeps_history = hasattr(model, "history")
    creates = [model(**{k: r.data[k] for k in fields}, **(on_create or {})) for r in plan.of(CREATE)]
    updates = []
    for r in plan.of(UPDATE):
        for k in fields:
            setattr(r.existing, k, r.data[k])
        updates.append(r.existing)
    total, done = len(creates) + len(updates), 0
    for i in range(0, len(creates), BATCH):
        chunk = creates[i : i + BATCH]
        if keeps_history:
            bulk_create_with_history(chunk, model, default_user=user, default_change_reason=reason)
        else:
            model.objects.bulk_create(chunk)
        done += len(chunk)
        progress(done, total)
    for i in range(0, len(updates), BATCH):
        chunk = updates[i : i + BATCH]
        if keeps_history:
            bulk_update_with_history(chunk, model, fields, default_user=user, default_change_reason=reason)
        else:
            model.objects.bulk_update(chunk, fields)
        done += len(chunk)
        progress(done, total)
    return creates, updates
