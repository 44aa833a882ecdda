"""Accessibility fixes every admin class gets, our own and the installed apps' alike.

`StaffAdminSite.register()` (medhome/second_factor.py) mixes `AccessibleAdmin` into
each registered admin class, so they are applied once here:

- the editable columns of a change list (`list_editable`) get a name that says
  the field and the row ("Order: Care plans"): their column heading names nothing
  for a screen reader;
- a file field is a labelled input (Django 6 wraps it in a fieldset whose legend
  does not name the input);
- a list filter over a text column names its empty value instead of showing an
  empty link.
Tabular inlines get visually hidden labels in templates/admin/edit_inline/tabular.html,
and the script-built widgets (select2, the horizontal filter) in static/js/admin-a11y.js.
"""

from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.contrib import admin
from django.contrib.admin.options import InlineModelAdmin
from django.contrib.admin.widgets import AdminFileWidget
from django.db import models
from django.forms import ModelForm
from django.utils.translation import gettext_lazy as _


class LabelledFileWidget(AdminFileWidget):
    """The admin's file input, named by its own <label> rather than a fieldset's legend."""

    use_fieldset = False


class RowLabelledForm:
    """A change-list form whose controls are named after their field and their row."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        row = str(self.instance) if self.instance.pk else ""
        for field in self.fields.values():
            if field.widget.is_hidden:
                continue
            name = str(field.label or "")
            widget = field.widget
            if hasattr(widget, "widget"):  # a related-field wrapper
                # In a list row, no "add", "change" or "view" icons beside the select:
                # they widen every row and lead away from the list being edited.
                widget.can_add_related = widget.can_change_related = False
                widget.can_view_related = widget.can_delete_related = False
                widget = widget.widget
            widget.attrs["aria-label"] = f"{name}: {row}" if row else name


def _label_file_inputs(model_admin):
    # After BaseModelAdmin.__init__ merged the defaults: replace the admin's file
    # widget, unless the class chose its own.
    override = model_admin.formfield_overrides.get(models.FileField)
    if override and override.get("widget") is AdminFileWidget:
        model_admin.formfield_overrides[models.FileField] = {
            **override,
            "widget": LabelledFileWidget,
        }


if TYPE_CHECKING:
    from django.contrib.admin.filters import _ListFilterChoices

    _AdminBase = admin.ModelAdmin
else:
    _AdminBase = object


class AccessibleAdmin(_AdminBase):
    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        _label_file_inputs(self)

    def get_inline_instances(self, request, obj=None) -> list[InlineModelAdmin]:
        inlines = super().get_inline_instances(request, obj)
        for inline in inlines:
            _label_file_inputs(inline)
        return inlines

    def get_changelist_form(self, request, **kwargs) -> type[ModelForm]:
        form = super().get_changelist_form(request, **kwargs)
        return type(form.__name__, (RowLabelledForm, form), {})


def accessible(admin_class) -> type[admin.ModelAdmin]:
    if issubclass(admin_class, AccessibleAdmin):
        return admin_class
    return type(
        admin_class.__name__,
        (AccessibleAdmin, admin_class),
        {"__module__": admin_class.__module__},
    )


class TextValuesFilter(admin.AllValuesFieldListFilter):
    """The filter Django picks for a text column, with its empty value named."""

    def choices(self, changelist) -> Iterator["_ListFilterChoices"]:
        for choice in super().choices(changelist):
            if choice["display"] == "":
                choice = {**choice, "display": _("(empty)")}
            yield choice


admin.FieldListFilter.register(
    lambda field: (
        isinstance(field, (models.CharField, models.TextField))
        and not field.choices
        and not field.is_relation
    ),
    TextValuesFilter,
    take_priority=True,
)
