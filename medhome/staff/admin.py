import contextlib
from typing import ClassVar

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F, QuerySet, Window
from django.db.models.functions import RowNumber
from django.forms import ModelChoiceField, ModelForm, TypedChoiceField
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, URLPattern, path
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from medhome.models import REVIEW_INTERVAL, Page, PageFeedback, QueueStatus, Status
from medhome.staff import history
from medhome.types import StrOrPromise


class TranslatedAdmin(TranslationAdmin):
    """The admin of a model with English and Spanish fields: "Title [en]" and "Title [es]"
    one under the other, each with its own label (no tab widget: tabs nested in a
    list were not usable with a screen reader, and hid one language)."""


class HistoryTranslatedAdmin(SimpleHistoryAdmin, TranslatedAdmin):
    """A translated model with a change history and "Revert" (the taxonomies)."""

    def save_model(self, request, obj, form, change) -> None:
        obj._history_user = request.user
        super().save_model(request, obj, form, change)


class NeedsReviewFilter(admin.SimpleListFilter):
    title = _("review")
    parameter_name = "review"

    def lookups(self, request, model_admin) -> list[tuple[str, StrOrPromise]]:
        return [("needed", _("Needs review (not reviewed in 12 months)")), ("ok", _("Reviewed"))]

    def queryset(self, request, queryset) -> QuerySet:
        if self.value() == "needed":
            return queryset.needs_review()
        if self.value() == "ok":
            return queryset.exclude(pk__in=queryset.needs_review().values("pk"))
        return queryset


PUBLISHING_STATUSES = (Status.PUBLISHED, Status.ARCHIVED)


class PublishableAdmin(SimpleHistoryAdmin, TranslatedAdmin):
    """The admin of every curated model (medhome.models.Publishable).

    Subclasses add their own list_display and fields; the workflow columns,
    filters, bulk actions, the publish permission and the change history
    (django-simple-history: who, when, what, and "Revert") live here once.
    """

    list_filter = ["status", NeedsReviewFilter]
    actions = ["publish", "archive", "mark_reviewed"]
    readonly_fields = ["created_at", "updated_at"]
    date_hierarchy: ClassVar[str | None] = None
    change_form_template = "admin/medhome/publishable_change_form.html"
    workflow_fields = ("status", "publish_at", "last_reviewed", "created_at", "updated_at")

    # -- the publish permission ------------------------------------------------
    def has_publish_permission(self, request, obj=None) -> bool:
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")

    def _locked_for(self, request, obj):
        """A published or archived item stays so unless the user may publish."""
        return (
            obj is not None
            and obj.status in PUBLISHING_STATUSES
            and not self.has_publish_permission(request, obj)
        )

    def get_readonly_fields(self, request, obj=None) -> list[str]:
        fields = list(super().get_readonly_fields(request, obj))
        if self._locked_for(request, obj):
            fields += [name for name in ("status", "publish_at") if name not in fields]
        return fields

    def formfield_for_choice_field(self, db_field, request, **kwargs) -> TypedChoiceField | None:
        if db_field.name == "status" and not self.has_publish_permission(request):
            kwargs["choices"] = [
                (value, label)
                for value, label in Status.choices
                if value not in PUBLISHING_STATUSES
            ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change) -> None:
        if not self.has_publish_permission(request, obj):
            stored = None
            if change:
                stored = (
                    type(obj)
                    ._base_manager.filter(pk=obj.pk)
                    .values_list("status", flat=True)
                    .first()
                )
            if obj.status in PUBLISHING_STATUSES and obj.status != stored:
                # Reached only by going around the form (e.g. reverting to a
                # published version): the form never offers these statuses.
                raise PermissionDenied
        super().save_model(request, obj, form, change)

    # -- list columns ------------------------------------------------------------
    @admin.display(description=_("needs review"), boolean=True)
    def needs_review(self, obj) -> bool:
        return obj.last_reviewed is None or obj.last_reviewed < (
            timezone.localdate() - REVIEW_INTERVAL
        )

    @admin.display(description=_("on the site"))
    def site_link(self, obj) -> str:
        try:
            url = obj.get_absolute_url()
        except (AttributeError, NoReverseMatch):
            return "-"
        label = _("View") if obj.is_public else _("Preview")
        return format_html('<a href="{}">{}</a>', url, label)

    # -- restoring a version: its fields, many-to-many relations and inline rows ----
    def get_form(self, request, obj=None, change=False, **kwargs) -> type[ModelForm]:
        record = getattr(obj, "_history", None)  # the revert form of a historical version
        if record is not None:
            history.show_m2m_as_of(obj, record)
        return super().get_form(request, obj, change=change, **kwargs)

    def history_form_view(
        self, request, object_id, version_id, extra_context=None
    ) -> HttpResponse:
        response = super().history_form_view(request, object_id, version_id, extra_context)
        if request.method == "POST" and response.status_code == 302:
            record = self.model.history.get(history_id=version_id)
            counts = history.restore(record, request.user)
            if counts["restored"] or counts["removed"]:
                self.message_user(
                    request,
                    _("Its related rows were restored as they were in that version."),
                )
        return response

    def render_change_form(
        self, request, context, add=False, change=False, form_url="", obj=None
    ) -> HttpResponse:
        context["preview_url"] = None
        if obj is not None and not obj.is_public:
            with contextlib.suppress(AttributeError, NoReverseMatch):
                context["preview_url"] = obj.get_absolute_url()
        return super().render_change_form(request, context, add, change, form_url, obj)

    # -- bulk actions -------------------------------------------------------------
    def _bulk_save(self, request, queryset, **values):
        # One save per item (not queryset.update) so each change enters the history.
        count = 0
        for obj in queryset:
            for name, value in values.items():
                setattr(obj, name, value)
            obj._history_user = request.user
            obj.save()
            count += 1
        return count

    @admin.action(description=_("Publish the selected items"), permissions=["publish"])
    def publish(self, request, queryset) -> None:
        count = self._bulk_save(request, queryset, status=Status.PUBLISHED)
        self.message_user(
            request, ngettext("%d item published.", "%d items published.", count) % count
        )

    @admin.action(description=_("Archive the selected items"), permissions=["publish"])
    def archive(self, request, queryset) -> None:
        count = self._bulk_save(request, queryset, status=Status.ARCHIVED)
        self.message_user(
            request, ngettext("%d item archived.", "%d items archived.", count) % count
        )

    @admin.action(
        description=_("Mark the selected items as reviewed today"), permissions=["change"]
    )
    def mark_reviewed(self, request, queryset) -> None:
        count = self._bulk_save(request, queryset, last_reviewed=timezone.localdate())
        self.message_user(
            request,
            ngettext("%d item marked as reviewed.", "%d items marked as reviewed.", count) % count,
        )


@admin.register(Page)
class PageAdmin(PublishableAdmin):
    list_display = ["title", "slug", "status", "updated_at", "needs_review", "site_link"]
    search_fields = ["title_en", "title_es", "body_en", "body_es", "slug"]
    prepopulated_fields = {"slug": ["title"]}


class AssignedFilter(admin.SimpleListFilter):
    title = _("assigned to")
    parameter_name = "assigned"

    def lookups(self, request, model_admin) -> list[tuple[str, StrOrPromise]]:
        return [("me", _("Me")), ("nobody", _("Nobody"))]

    def queryset(self, request, queryset) -> QuerySet:
        if self.value() == "me":
            return queryset.filter(assignee=request.user)
        if self.value() == "nobody":
            return queryset.filter(assignee__isnull=True)
        return queryset


class QueueItemAdmin(admin.ModelAdmin):
    """The admin of every staff queue (medhome.models.QueueItem): status, assignee, notes.

    Subclasses extend list_display/readonly_fields with their own fields, e.g.
    `list_display = ["title", *QueueItemAdmin.list_display]`.
    """

    list_display = ["queue_status", "assignee", "received_at"]
    list_filter = ["queue_status", AssignedFilter]
    list_select_related = ["assignee"]
    date_hierarchy = "received_at"
    actions = ["assign_to_me", "mark_in_progress", "close"]
    queue_fields = ("queue_status", "assignee", "staff_notes")

    def formfield_for_foreignkey(self, db_field, request, **kwargs) -> ModelChoiceField | None:
        if db_field.name == "assignee":
            from django.contrib.auth import get_user_model

            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True, is_active=True)
            kwargs["empty_label"] = _("Nobody")
            field = super().formfield_for_foreignkey(db_field, request, **kwargs)
            # Read the staff once: the list's editable rows each draw this select, and a
            # queryset's choices would query again for every row.
            if field is not None:
                # The stubs' union of every kind of choices hides that this one is iterable.
                field.choices = list(field.choices)  # type: ignore[arg-type]
            return field
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def _set(self, request, queryset, message, **values):
        count = queryset.update(**values)
        self.message_user(request, message(count) % count)

    @admin.action(description=_("Assign the selected items to me"), permissions=["change"])
    def assign_to_me(self, request, queryset) -> None:
        self._set(
            request,
            queryset,
            lambda n: ngettext("%d item assigned to you.", "%d items assigned to you.", n),
            assignee=request.user,
        )

    @admin.action(description=_("Mark the selected items as in progress"), permissions=["change"])
    def mark_in_progress(self, request, queryset) -> None:
        self._set(
            request,
            queryset,
            lambda n: ngettext(
                "%d item marked as in progress.", "%d items marked as in progress.", n
            ),
            queue_status=QueueStatus.IN_PROGRESS,
        )

    @admin.action(description=_("Close the selected items"), permissions=["change"])
    def close(self, request, queryset) -> None:
        self._set(
            request,
            queryset,
            lambda n: ngettext("%d item closed.", "%d items closed.", n),
            queue_status=QueueStatus.CLOSED,
        )


admin.site.site_header = _("Medical Home Portal · staff")
admin.site.site_title = _("Medical Home Portal staff")
admin.site.index_title = _("Curate the portal")


@admin.register(PageFeedback)
class PageFeedbackAdmin(admin.ModelAdmin):
    """Every "was this page helpful?" answer, and the report: the least helpful pages first."""

    list_display = ["title", "page", "helpful", "comment", "language", "created_at"]
    list_filter = ["helpful", "language", "created_at"]
    search_fields = ["title", "page", "comment"]
    date_hierarchy = "created_at"
    readonly_fields = list_display  # type: ignore[assignment]
    change_list_template = "admin/medhome/pagefeedback/change_list.html"
    # The report's pages, and how many comments each shows at most.
    report_per_page = 50
    report_comments = 10

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_report_permission(self, request) -> bool:
        return request.user.has_perm("medhome.report_pagefeedback")

    def get_urls(self) -> list[URLPattern]:
        return [
            path(
                "report/",
                self.admin_site.admin_view(self.report_view),
                name="medhome_pagefeedback_report",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None) -> HttpResponse:
        extra_context = {
            **(extra_context or {}),
            "can_report": self.has_report_permission(request),
        }
        return super().changelist_view(request, extra_context)

    def report_view(self, request) -> TemplateResponse:
        if not self.has_report_permission(request):
            raise PermissionDenied
        page = Paginator(PageFeedback.objects.report(), self.report_per_page).get_page(
            request.GET.get("page")
        )
        rows = list(page.object_list)
        # Each listed page's latest comments, in one query for the whole report page.
        comments: dict[str, list] = {}
        latest = (
            PageFeedback.objects.filter(page__in=[row["page"] for row in rows])
            .exclude(comment="")
            .annotate(
                rank=Window(RowNumber(), partition_by=F("page"), order_by=F("created_at").desc())
            )
            .filter(rank__lte=self.report_comments)
            .order_by("page", "-created_at")
        )
        for item in latest:
            comments.setdefault(item.page, []).append(item)
        for row in rows:
            row["comment_list"] = comments.get(row["page"], [])
            row["no_share"] = round(100 * row["no"] / row["total"]) if row["total"] else 0
        context = {
            **self.admin_site.each_context(request),
            "title": _("Page feedback report"),
            "opts": self.model._meta,
            "page_obj": page,
            "rows": rows,
        }
        return TemplateResponse(request, "admin/medhome/pagefeedback/report.html", context)
