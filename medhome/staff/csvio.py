"""CSV export and import, generic over models; apps describe their columns.

Export: a `CsvFormat` lists `Column`s (a header and how to read it from an
object). Import: the same format names a ModelForm; every row is validated by
that form (so the model's own rules apply) and by `extra_errors`, the whole
file is previewed with each row's errors before anything is written, and the
write re-validates inside one transaction: any invalid row writes nothing.

Cells that a spreadsheet would run as a formula (starting with = + - @) are
exported with a leading apostrophe, which the import removes again.
"""

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_IMPORT_ROWS = 5000


def to_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    if text.startswith(FORMULA_START):
        return "'" + text
    return text


def _from_cell(text: str) -> str:
    if text.startswith("'") and text[1:].startswith(FORMULA_START):
        return text[1:]
    return text


@dataclass
class Column:
    header: str
    get: Callable = None  # obj -> value; default: the attribute named like the header

    def value(self, obj):
        if self.get is not None:
            return self.get(obj)
        return getattr(obj, self.header)


class _Echo:
    def write(self, value):
        return value


@dataclass
class RowResult:
    line: int
    key: str
    action: str = ""
    errors: list[str] = field(default_factory=list)
    form: object = None
    data: dict = field(default_factory=dict)


@dataclass
class ImportPreview:
    rows: list[RowResult] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)

    @property
    def error_count(self) -> int:
        return len(self.file_errors) + sum(1 for row in self.rows if row.errors)

    @property
    def ok(self) -> bool:
        return not self.error_count and bool(self.rows)


class CsvFormat:
    """Subclass with: model, columns; for import also form_class, key, multi_value."""

    model = None
    columns: list[Column] = []
    form_class = None
    key = "slug"
    # Columns holding several values, separated by "|".
    multi_value: set[str] = set()

    # -- export ---------------------------------------------------------------
    def headers(self) -> list[str]:
        return [column.header for column in self.columns]

    def prepare(self, queryset):
        """Add the joins the columns need (override)."""
        return queryset

    def rows(self, queryset) -> Iterable[list[str]]:
        yield self.headers()
        for obj in self.prepare(queryset).iterator(chunk_size=500):
            yield [to_cell(column.value(obj)) for column in self.columns]

    def stream(self, queryset) -> Iterable[str]:
        writer = csv.writer(_Echo())
        yield "\ufeff"  # so spreadsheet programs read the file as UTF-8
        for row in self.rows(queryset):
            yield writer.writerow(row)

    def export_text(self, queryset) -> str:
        return "".join(self.stream(queryset))

    # -- import ---------------------------------------------------------------
    def form_data(self, row: dict) -> dict:
        data = {}
        for header, value in row.items():
            if header in self.multi_value:
                data[header] = [part.strip() for part in value.split("|") if part.strip()]
            else:
                data[header] = value
        return data

    def extra_errors(self, row: dict) -> list[str]:
        return []

    def after_save(self, obj, row: dict) -> None:
        pass

    def existing(self, keys):
        return {
            getattr(obj, self.key): obj
            for obj in self.model._default_manager.filter(**{f"{self.key}__in": keys})
        }

    def decode(self, raw: bytes) -> tuple[str, list[str]]:
        if len(raw) > MAX_IMPORT_BYTES:
            return "", [_("The file is larger than 5 MB; split it into smaller files.")]
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            return "", [_("The file is not UTF-8 text. Save it as “CSV UTF-8” and try again.")]
        if "\x00" in text:
            return "", [_("The file contains null characters; it is not a CSV file.")]
        return text, []

    def read(self, text: str, check=None) -> ImportPreview:
        """Validate every row; `check(row_result)` may add errors (e.g. permissions)."""
        preview = ImportPreview()
        try:
            reader = csv.DictReader(io.StringIO(text, newline=""))
            headers = reader.fieldnames or []
            missing = [h for h in self.headers() if h not in headers]
            if missing:
                preview.file_errors.append(
                    _("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)}
                )
                return preview
            raw_rows = []
            for row in reader:
                if len(raw_rows) >= MAX_IMPORT_ROWS:
                    preview.file_errors.append(
                        _("The file has more than %(max)d rows; split it.")
                        % {"max": MAX_IMPORT_ROWS}
                    )
                    return preview
                if None in row or any(value is None for value in row.values()):
                    raw_rows.append((reader.line_num, None))
                    continue
                raw_rows.append(
                    (
                        reader.line_num,
                        {h: _from_cell(row[h].strip()) for h in self.headers()},
                    )
                )
        except csv.Error as error:
            preview.file_errors.append(
                _("The file is not valid CSV: %(error)s") % {"error": error}
            )
            return preview
        existing = self.existing([row[self.key] for _line, row in raw_rows if row])
        seen = set()
        for line, row in raw_rows:
            if row is None:
                preview.rows.append(
                    RowResult(line, "", errors=[_("This row has a different number of cells.")])
                )
                continue
            key = row[self.key]
            instance = existing.get(key)
            form = self.form_class(self.form_data(row), instance=instance)
            result = RowResult(
                line,
                key,
                action=_("update") if instance else _("create"),
                form=form,
                data=row,
            )
            if not form.is_valid():
                for name, errors in form.errors.items():
                    label = name if name != "__all__" else _("row")
                    result.errors += [f"{label}: {error}" for error in errors]
            if key and key in seen:
                result.errors.append(_("%(key)s appears twice in the file.") % {"key": key})
            seen.add(key)
            result.errors += self.extra_errors(row)
            if check is not None:
                result.errors += check(result)
            preview.rows.append(result)
        if not preview.rows:
            preview.file_errors.append(_("The file has no rows to import."))
        return preview

    def write(self, text: str, user=None, check=None) -> ImportPreview:
        """Validate again and save every row in one transaction, or nothing."""
        with transaction.atomic():
            preview = self.read(text, check)
            if not preview.ok:
                return preview
            for row in preview.rows:
                obj = row.form.save(commit=False)
                obj._history_user = user
                obj.save()
                row.form.save_m2m()
                self.after_save(obj, row.data)
        return preview
