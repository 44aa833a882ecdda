"""Staff workflow pieces of the resource library's admin, kept apart from
resources/admin.py: the language-version (links) admin with the link checker,
and a Resource admin when resources/admin.py has not registered one.
Imported from ResourcesConfig.ready(), after admin.autodiscover()."""

from django.contrib import admin

from medhome.admin import PublishableAdmin
from resources.models import Resource, ResourceVersion


class ResourceVersionInline(admin.TabularInline):
    model = ResourceVersion
    extra = 0
    fields = ["language", "format", "url", "file", "last_status", "last_checked_at"]
    readonly_fields = ["last_status", "last_checked_at"]


class ResourceWorkflowAdmin(PublishableAdmin):
    list_display = ["title", "resource_type", "status", "publish_at", "needs_review", "site_link"]
    list_filter = [*PublishableAdmin.list_filter, "resource_type"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    list_select_related = ["resource_type"]
    filter_horizontal = ["topics", "audiences"]
    inlines = [ResourceVersionInline]


if not admin.site.is_registered(Resource):
    admin.site.register(Resource, ResourceWorkflowAdmin)
