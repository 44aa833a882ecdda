"""CSV export and import of resources (see medhome.staff.csvio).

One row per resource, keyed by its address (slug). Types, topics and
audiences are written as their short names (topics separated by "|"); the
links column holds one "language format address" line per web link.
"""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from medhome.staff.csvio import Column, CsvFormat
from resources.models import Audience, Format, Language, Resource, ResourceType, Topic

TRANSLATED = [f"{name}_{lang}" for name in ("title", "summary", "body") for lang in ("en", "es")]


def _links(resource) -> str:
    return "\n".join(
        f"{v.language} {v.format} {v.url}"
        for v in sorted(resource.versions.all(), key=lambda v: (v.language, v.format))
        if v.url
    )


def _parse_links(text: str):
    links, errors = [], []
    for line in text.splitlines():
        if not line.strip():
            continue
        parts = line.split()
        if len(parts) != 3:
            errors.append(_("links: write each link as “language format address”: %s") % line)
            continue
        language, format_, url = parts
        if language not in Language.values:
            errors.append(_("links: unknown language “%s”.") % language)
        elif format_ not in Format.values:
            errors.append(_("links: unknown format “%s”.") % format_)
        else:
            try:
                url = forms.URLField(max_length=500, assume_scheme="https").clean(url)
            except forms.ValidationError as error:
                errors += [f"links: {message}" for message in error.messages]
                continue
            links.append((language, format_, url))
    return links, errors


class ResourceImportForm(forms.ModelForm):
    resource_type = forms.ModelChoiceField(
        ResourceType.objects.all(), to_field_name="slug", label=gettext_lazy("type")
    )
    topics = forms.ModelMultipleChoiceField(Topic.objects.all(), to_field_name="slug")
    audiences = forms.ModelMultipleChoiceField(Audience.objects.all(), to_field_name="slug")

    class Meta:
        model = Resource
        fields = [
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
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("title_en", "summary_en"):
            self.fields[name].required = True


class ResourceCsv(CsvFormat):
    model = Resource
    form_class = ResourceImportForm
    key = "slug"
    multi_value = {"topics", "audiences"}
    columns = [
        Column("slug"),
        Column("status"),
        Column("publish_at"),
        Column("last_reviewed"),
        *[Column(name) for name in TRANSLATED],
        Column("resource_type", lambda r: r.resource_type.slug),
        Column("topics", lambda r: "|".join(sorted(t.slug for t in r.topics.all()))),
        Column("audiences", lambda r: "|".join(sorted(a.slug for a in r.audiences.all()))),
        Column("organization"),
        Column("published_on"),
        Column("state"),
        Column("featured"),
        Column("links", _links),
    ]

    def prepare(self, queryset):
        return queryset.select_related("resource_type").prefetch_related(
            "topics", "audiences", "versions"
        )

    def form_data(self, row):
        data = super().form_data(row)
        # An unticked checkbox sends nothing; "false" must too.
        if data.get("featured", "").lower() in ("", "false", "0", "no"):
            data.pop("featured", None)
        return data

    def extra_errors(self, row):
        return _parse_links(row.get("links", ""))[1]

    def after_save(self, obj, row):
        for language, format_, url in _parse_links(row.get("links", ""))[0]:
            obj.versions.update_or_create(language=language, format=format_, defaults={"url": url})
