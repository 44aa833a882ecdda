from django.contrib import admin
from django.db.models import Count, QuerySet
from django.utils.translation import gettext_lazy as _

from medhome.staff.admin import HistoryTranslatedAdmin, PublishableAdmin
from medhome.staff.importexport import CsvImportExportMixin

from .admin_staff import BrokenLinkFilter
from .csvio import ResourceResource
from .models import Audience, Resource, ResourceType, ResourceVersion, Topic


class TaxonomyAdmin(HistoryTranslatedAdmin):
    list_display = ["name", "slug", "order", "resource_count"]
    list_editable = ["order"]
    search_fields = ["name_en", "name_es", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request) -> QuerySet:
        return super().get_queryset(request).annotate(resource_count=Count("resources"))

    @admin.display(description=_("resources"), ordering="resource_count")
    def resource_count(self, obj) -> int:
        return obj.resource_count


admin.site.register(ResourceType, TaxonomyAdmin)
admin.site.register(Topic, TaxonomyAdmin)
admin.site.register(Audience, TaxonomyAdmin)


class ResourceVersionInline(admin.TabularInline):
    model = ResourceVersion
    extra = 1
    fields = ["language", "format", "url", "file", "last_checked_at", "last_status", "last_error"]
    readonly_fields = ["last_checked_at", "last_status", "last_error"]


@admin.register(Resource)
class ResourceAdmin(CsvImportExportMixin, PublishableAdmin):
    resource_classes = [ResourceResource]
    list_display = [
        "title",
        "resource_type",
        "status",
        "published_on",
        "featured",
        "languages",
        "needs_review",
        "site_link",
    ]
    list_filter = [
        *PublishableAdmin.list_filter,
        BrokenLinkFilter,
        "resource_type",
        "topics",
        "audiences",
        "featured",
        "versions__language",
    ]
    list_select_related = ["resource_type"]
    search_fields = ["title_en", "title_es", "summary_en", "summary_es", "organization", "slug"]
    autocomplete_fields = ["resource_type", "topics", "audiences"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "published_on"
    inlines = [ResourceVersionInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body", "resource_type"]}),
        (_("Who and what it is about"), {"fields": ["topics", "audiences", "state"]}),
        (_("Source"), {"fields": ["organization", "published_on", "featured"]}),
        (_("Publishing"), {"fields": list(PublishableAdmin.workflow_fields)}),
    ]

    def get_queryset(self, request) -> QuerySet[Resource]:
        return super().get_queryset(request).prefetch_related("versions")

    @admin.display(description=_("languages"))
    def languages(self, obj) -> str:
        return ", ".join(sorted({version.language for version in obj.versions.all()}))
