from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin

from medhome.models import REVIEW_INTERVAL, Page, Status


class NeedsReviewFilter(admin.SimpleListFilter):
    title = _("review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("needed", _("Needs review (not reviewed in 12 months)")), ("ok", _("Reviewed"))]

    def queryset(self, request, queryset):
        if self.value() == "needed":
            return queryset.needs_review()
        if self.value() == "ok":
            return queryset.exclude(pk__in=queryset.needs_review().values("pk"))
        return queryset


class PublishableAdmin(TabbedTranslationAdmin):
    """The admin of every curated model (medhome.models.Publishable).

    Subclasses add their own list_display and fields; the workflow columns,
    filters and bulk actions live here once.
    """

    list_filter = ["status", NeedsReviewFilter]
    actions = ["publish", "archive", "mark_reviewed"]
    readonly_fields = ["created_at", "updated_at"]
    date_hierarchy = None
    workflow_fields = ("status", "publish_at", "last_reviewed", "created_at", "updated_at")

    @admin.display(description=_("needs review"), boolean=True)
    def needs_review(self, obj):
        return obj.last_reviewed is None or obj.last_reviewed < (
            timezone.localdate() - REVIEW_INTERVAL
        )

    @admin.action(description=_("Publish the selected items"))
    def publish(self, request, queryset):
        count = queryset.update(status=Status.PUBLISHED)
        self.message_user(
            request, ngettext("%d item published.", "%d items published.", count) % count
        )

    @admin.action(description=_("Archive the selected items"))
    def archive(self, request, queryset):
        count = queryset.update(status=Status.ARCHIVED)
        self.message_user(
            request, ngettext("%d item archived.", "%d items archived.", count) % count
        )

    @admin.action(description=_("Mark the selected items as reviewed today"))
    def mark_reviewed(self, request, queryset):
        count = queryset.update(last_reviewed=timezone.localdate())
        self.message_user(
            request,
            ngettext("%d item marked as reviewed.", "%d items marked as reviewed.", count) % count,
        )


@admin.register(Page)
class PageAdmin(TabbedTranslationAdmin):
    list_display = ["title", "slug", "updated_at"]
    search_fields = ["title", "body"]
    readonly_fields = ["updated_at"]
    prepopulated_fields = {"slug": ["title"]}
