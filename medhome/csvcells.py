"""CSV cells a spreadsheet opens safely: the one place formula escaping lives.

A cell starting with = + - @ (or a tab or carriage return) is run as a formula by
spreadsheet programs (CSV injection). Every CSV the site writes, the admin's
exports (medhome.staff.importexport) and the public ones (the state map, state
comparisons), passes its cells through `cell()`, which puts an apostrophe in
front of them; the admin's import takes it off again with `uncell()`, so an
export imports back unchanged.
"""

from __future__ import annotations

from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> str:
    """The text of one CSV cell: None is empty, booleans are true/false, dates ISO 8601,
    and text a spreadsheet would run as a formula gets a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    if text.startswith(FORMULA_START):
        return "'" + text
    return text


def uncell(text: str) -> str:
    """Undo `cell()`'s apostrophe on text read back from a CSV file."""
    if text.startswith("'") and text[1:].startswith(FORMULA_START):
        return text[1:]
    return text
