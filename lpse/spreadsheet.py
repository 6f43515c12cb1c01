"""Cells for spreadsheets the portal exports (CSV and XLSX).

A text cell starting with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage
return, which Excel skips before reading one of those) runs as a formula when
the file is opened: a company name like ``=HYPERLINK(...)`` would become a
live link or a command (OWASP "CSV Injection"). Exports prefix such text with
an apostrophe, which spreadsheets show as text; imports strip it again.
"""

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# What CSV files start with so Excel reads them as UTF-8 (accented names, "ñ").
CSV_BOM = "\ufeff"


def cell_safe(value):
    """The value of one exported cell: formula-like text gets a leading apostrophe, None is empty."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return "" if value is None else value


def cell_restore(text: str) -> str:
    """The text an exported cell held before ``cell_safe`` (for importing an export back)."""
    if text.startswith("'") and text[1:].startswith(FORMULA_START):
        return text[1:]
    return text
