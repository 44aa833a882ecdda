"""The CSV columns of resources, for the admin's import and export
(django-import-export; see medhome.staff.importexport).

One row per resource, keyed by its address (slug). Types, topics and
audiences are written as their short names (topics separated by "|"); the
links column holds one "language format address" line per web link.
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export.fields import Field

from medhome.staff.importexport import BooleanCell, SlugForeignKey, SlugManyToMany, StaffResource
from resources.models import Audience, Format, Language, Resource, ResourceType, Topic

TRANSLATED = [f"{name}_{lang}" for name in ("title", "summary", "body") for lang in ("en", "es")]
COLUMNS = [
    "slug",
    "status",
    "publish_at",
    "last_reviewed",
    *TRANSLATED,
    "resource_type",
    "topics",
    "audiences",
    "organization",
    "published_on",
    "state",
    "featured",
    "links",
]


def _parse_links(text: str) -> tuple[list[tuple[str, str, str]], list[str]]:
    links, errors = [], []
    for line in text.splitlines():
        if not line.strip():
            continue
        parts = line.split()
        if len(parts) != 3:
            errors.append(_("Write each link as “language format address”: %s") % line)
            continue
        language, format_, url = parts
        if language not in Language.values:
            errors.append(_("Unknown language “%s”.") % language)
        elif format_ not in Format.values:
            errors.append(_("Unknown format “%s”.") % format_)
        else:
            try:
                url = forms.URLField(max_length=500, assume_scheme="https").clean(url)
            except forms.ValidationError as error:
                errors += error.messages
                continue
            links.append((language, format_, url))
    return links, errors


class ResourceResource(StaffResource):
    resource_type = Field("resource_type", "resource_type", SlugForeignKey(ResourceType))
    topics = Field("topics", "topics", SlugManyToMany(Topic))
    audiences = Field("audiences", "audiences", SlugManyToMany(Audience))
    featured = Field("featured", "featured", BooleanCell())
    links = Field(column_name="links", dehydrate_method="dehydrate_links")
    required = ("title_en", "summary_en", "topics", "audiences")

    class Meta(StaffResource.Meta):
        model = Resource
        import_id_fields = ["slug"]
        fields = COLUMNS
        export_order = COLUMNS

    def get_queryset(self) -> Any:
        return Resource.objects.all()

    def filter_export(self, queryset: Any, **kwargs: Any) -> Any:
        return queryset.select_related("resource_type").prefetch_related(
            "topics", "audiences", "versions"
        )

    def dehydrate_links(self, resource: Resource) -> str:
        return "\n".join(
            f"{v.language} {v.format} {v.url}"
            for v in sorted(resource.versions.all(), key=lambda v: (v.language, v.format))
            if v.url
        )

    def import_instance(self, instance: Any, row: dict, **kwargs: Any) -> None:
        errors: dict = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        link_errors = _parse_links(row.get("links") or "")[1]
        if link_errors:
            errors["links"] = link_errors
        if errors:
            raise ValidationError(errors)

    def after_save_instance(self, instance: Resource, row: dict, **kwargs: Any) -> None:
        if kwargs.get("dry_run") and not kwargs.get("using_transactions"):
            return
        for language, format_, url in _parse_links(row.get("links") or "")[0]:
            instance.versions.update_or_create(
                language=language, format=format_, defaults={"url": url}
            )
