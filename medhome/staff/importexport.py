"""CSV import and export in the admin, done by django-import-export.

Each app describes its columns as a `StaffResource` (an import-export
ModelResource) and mixes `CsvImportExportMixin` (or `CsvExportMixin`) into its
ModelAdmin. What this module adds to the library, once for every model:

- CSV only; export downloads at once (the change list's filters apply), import
  shows a dry run with every row's errors and writes only after "Confirm import";
  the confirmed write re-validates in one transaction: any invalid row, and
  nothing is written.
- Formula escaping (medhome.csvcells) on every exported cell, undone on import.
- Clear messages for files that are not UTF-8, not CSV, too large, too long or
  missing columns; unknown short names in a relation column are row errors.
- Permissions: export needs view; import needs add and change, and rows that
  publish or archive need the publish permission (PublishableAdmin).
- The file waits between preview and confirmation in the shared cache, so any
  instance may take the confirmation; an expired or forged one imports nothing.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources, widgets
from import_export.admin import ExportMixin, ImportExportMixin
from import_export.formats.base_formats import CSV
from import_export.forms import ImportForm
from import_export.tmp_storages import CacheStorage

from medhome.csvcells import cell, uncell
from medhome.staff.admin import PUBLISHING_STATUSES

MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_IMPORT_ROWS = 5000
# How long an uploaded file waits for "Confirm import".
PREVIEW_SECONDS = 3600


# -- widgets: how one cell reads and writes ------------------------------------------


class BooleanCell(widgets.Widget):
    """true/false; an empty cell is false."""

    TRUE = {"true", "1", "yes"}
    FALSE = {"", "false", "0", "no"}

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> bool:
        text = str(value if value is not None else "").strip().lower()
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise ValueError(_("Write true or false."))

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return "true" if value else "false"


class SlugForeignKey(widgets.ForeignKeyWidget):
    """A related row named by its short name (or code); an unknown one is a row error."""

    def __init__(self, model: type[models.Model], field: str = "slug") -> None:
        super().__init__(model, field=field)

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> models.Model | None:
        if not value:
            return None
        try:
            return super().clean(value, row, **kwargs)
        except self.model.DoesNotExist:
            raise ValueError(_("“%(value)s” does not exist.") % {"value": value}) from None

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return "" if value is None else str(getattr(value, self.field))


class SlugManyToMany(widgets.ManyToManyWidget):
    """Related rows by short name, separated by "|", sorted on export; every name must exist."""

    def __init__(self, model: type[models.Model], field: str = "slug") -> None:
        super().__init__(model, separator="|", field=field)

    def names(self, value: Any) -> list[str]:
        return [part.strip() for part in str(value or "").split(self.separator) if part.strip()]

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> models.QuerySet:
        names = self.names(value)
        found = self.model.objects.filter(**{f"{self.field}__in": names})
        unknown = sorted(set(names) - {getattr(obj, self.field) for obj in found})
        if unknown:
            raise ValueError(_("Unknown: %(names)s.") % {"names": ", ".join(unknown)})
        return found

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        if value is None:
            return ""
        return self.separator.join(sorted(str(getattr(o, self.field)) for o in value.all()))


class ChoiceList(widgets.Widget):
    """A list of choices (a JSON list field), separated by "|"."""

    def __init__(self, choices: Sequence[tuple[str, Any]]) -> None:
        super().__init__()
        self.values = {value for value, _label in choices}

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> list[str]:
        chosen = [part.strip() for part in str(value or "").split("|") if part.strip()]
        unknown = sorted(set(chosen) - self.values)
        if unknown:
            raise ValueError(_("Unknown: %(names)s.") % {"names": ", ".join(unknown)})
        return chosen

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return "|".join(sorted(value or ()))


# -- resources: a model's columns ----------------------------------------------------


class StaffResource(resources.ModelResource):
    """Base of the admin's CSV resources. Subclasses name `Meta.model`, `Meta.fields`
    (the columns, in order) and `Meta.import_id_fields` (the key, e.g. ["slug"]);
    `required` lists columns that may not be empty."""

    required: Sequence[str] = ()

    def __init__(self, *, may_publish: bool = True, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.may_publish = may_publish
        self._seen_keys: set[str] = set()

    class Meta:
        skip_diff = True
        clean_model_instances = True
        use_transactions = True

    @classmethod
    def headers(cls) -> list[str]:
        return cls().get_export_headers()

    # export: every cell through medhome.csvcells
    def export_field(self, field: fields.Field, instance: models.Model, **kwargs: Any) -> str:
        return cell(super().export_field(field, instance, **kwargs))

    # import: the whole file first, then each row
    def before_import(self, dataset: Any, **kwargs: Any) -> None:
        missing = [h for h in self.get_export_headers() if h not in (dataset.headers or [])]
        if missing:
            raise ValueError(_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
        if len(dataset) > MAX_IMPORT_ROWS:
            raise ValueError(
                _("The file has more than %(max)d rows; split it.") % {"max": MAX_IMPORT_ROWS}
            )

    def before_import_row(self, row: dict, **kwargs: Any) -> None:
        for name, value in row.items():
            if isinstance(value, str):
                row[name] = uncell(value.strip())
        key = "|".join(str(row.get(name, "")) for name in self.get_import_id_fields())
        if key in self._seen_keys:
            raise ValidationError(_("%(key)s appears twice in the file.") % {"key": key})
        self._seen_keys.add(key)

    def import_instance(self, instance: models.Model, row: dict, **kwargs: Any) -> None:
        # Remember the stored status: changing it to published or archived needs the right.
        stored = getattr(instance, "status", None) if instance.pk else None
        instance._csv_stored_status = stored  # type: ignore[attr-defined]
        errors: dict[str, Any] = {}
        for name in self.required:
            if not str(row.get(name) or "").strip():
                errors[name] = ValidationError(_("This field is required."), code="required")
        for field in self.get_import_fields():
            # Many-to-many cells are saved after the row; check them now, with the rest.
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row)
                except ValueError as error:
                    errors.setdefault(field.attribute, ValidationError(str(error)))
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def validate_instance(
        self,
        instance: models.Model,
        import_validation_errors: dict | None = None,
        validate_unique: bool = True,
    ) -> None:
        errors = dict(import_validation_errors or {})
        status = getattr(instance, "status", None)
        stored = getattr(instance, "_csv_stored_status", None)
        if not self.may_publish and status in PUBLISHING_STATUSES and status != stored:
            errors.setdefault("status", []).append(_("You may not publish or archive."))
        super().validate_instance(instance, errors, validate_unique)


# -- the admin -----------------------------------------------------------------------


class PreviewExpired(Exception):
    pass


class PreviewStorage(CacheStorage):
    """The uploaded file, kept in the shared cache between preview and confirmation."""

    CACHE_LIFETIME = PREVIEW_SECONDS
    CACHE_PREFIX = "medhome-csv-import-"

    def read(self) -> Any:
        data = super().read()
        if data is None:
            raise PreviewExpired
        return data


class CsvImportForm(ImportForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["import_file"].label = gettext_lazy("CSV file")
        self.fields["import_file"].help_text = gettext_lazy(
            "UTF-8 CSV with the columns of an export. Nothing is saved until you confirm."
        )

    def clean_import_file(self) -> Any:
        file = self.cleaned_data["import_file"]
        if file.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 5 MB; split it into smaller files.")
            )
        head = file.read(MAX_IMPORT_BYTES)
        file.seek(0)
        if b"\x00" in head:
            raise forms.ValidationError(
                _("The file contains null characters; it is not a CSV file.")
            )
        return file


class CsvExportMixin(ExportMixin):
    """Export the change list, as its filters show it, to CSV at once."""

    export_formats = [CSV]
    skip_export_form = True
    skip_export_form_from_action = True
    to_encoding = "utf-8-sig"  # so spreadsheet programs read the file as UTF-8
    import_export_change_list_template = "admin/medhome/csv_change_list.html"

    def has_export_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)

    def get_export_filename(self, request: HttpRequest, queryset: Any, file_format: Any) -> str:
        return f"{self.opts.model_name}s-{timezone.localdate():%Y-%m-%d}.csv"

    def get_export_resource_kwargs(self, request: HttpRequest, **kwargs: Any) -> dict:
        return {}

    @admin.action(
        description=gettext_lazy("Export the selected rows as CSV"), permissions=["view"]
    )
    def export_csv(self, request: HttpRequest, queryset: models.QuerySet) -> HttpResponse:
        """An admin action (list it in `actions`): the selected rows as CSV."""
        return self._do_file_export(CSV(), request, queryset)


class CsvImportExportMixin(CsvExportMixin, ImportExportMixin):
    """CSV export as above, and a CSV import previewed as a dry run before it writes."""

    import_formats = [CSV]
    import_form_class = CsvImportForm
    import_template_name = "admin/medhome/csv_import.html"
    tmp_storage_class = PreviewStorage
    import_export_change_list_template = "admin/medhome/csv_change_list.html"

    def has_import_permission(self, request: HttpRequest) -> bool:
        return self.has_add_permission(request) and self.has_change_permission(request)

    def get_import_resource_kwargs(self, request: HttpRequest, **kwargs: Any) -> dict:
        may_publish = getattr(self, "has_publish_permission", lambda r: True)(request)
        return {"may_publish": may_publish}

    def get_import_data_kwargs(self, **kwargs: Any) -> dict:
        kwargs.pop("form", None)
        kwargs.pop("request", None)
        # An invalid row undoes the whole confirmed import, not only itself.
        return {**kwargs, "rollback_on_validation_errors": True}

    def add_data_read_fail_error_to_form(self, form: forms.Form, e: Exception) -> None:
        if isinstance(e, UnicodeDecodeError):
            message = _("The file is not UTF-8 text. Save it as “CSV UTF-8” and try again.")
        elif isinstance(e, csv.Error):
            message = _("The file is not valid CSV: %(error)s") % {"error": e}
        else:
            message = _("The file could not be read as CSV.")
        form.add_error("import_file", message)

    def process_import(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        try:
            return super().process_import(request, **kwargs)
        except PreviewExpired:
            self.message_user(
                request, _("The preview expired; upload the file again."), messages.ERROR
            )
            return HttpResponseRedirect(reverse(self._url("import")))

    def process_result(self, result: Any, request: HttpRequest) -> HttpResponse:
        if result.has_errors() or result.has_validation_errors():
            # Rolled back: the data changed between the preview and the confirmation.
            self.message_user(
                request,
                _("The data changed since the preview; nothing was imported. Check the errors."),
                messages.ERROR,
            )
            context = {
                **self.admin_site.each_context(request),
                "title": _("Import"),
                "opts": self.opts,
                "form": self.create_import_form(request),
                "result": result,
                "fields_list": self._fields_list(request),
                "import_error_display": self.import_error_display,
            }
            return TemplateResponse(request, [self.import_template_name], context)
        return super().process_result(result, request)

    def _fields_list(self, request: HttpRequest) -> list[tuple[str, list[str]]]:
        resource = self.get_import_resource_classes(request)[0]
        return [(resource.get_display_name(), resource.headers())]

    def _url(self, name: str) -> str:
        return f"admin:{self.opts.app_label}_{self.opts.model_name}_{name}"
