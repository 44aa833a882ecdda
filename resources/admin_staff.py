"""Staff workflow pieces of the resource library's admin, kept apart from
resources/admin.py: the shared-submissions queue, the links admin with the
link checker and the broken-links dashboard panel.

Imported by resources/admin.py only (which admin.autodiscover() imports), so
each model has exactly one admin, registered here unconditionally."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from medhome.staff import dashboard
from medhome.staff.admin import QueueItemAdmin
from medhome.types import StrOrPromise
from resources.linkcheck import broken_q, check_links_task, checkable_versions
from resources.models import Decision, ResourceVersion, Submission
from resources.moderation import ModerationError, submission_accept, submission_reject


class BrokenLinkFilter(admin.SimpleListFilter):
    """For ResourceVersion (parameter `link`) and Resource (through its versions)."""

    title = _("link check")
    parameter_name = "link"

    def lookups(self, request, model_admin) -> list[tuple[str, StrOrPromise]]:
        return [
            ("broken", _("Broken link")),
            ("ok", _("Link works")),
            ("unchecked", _("Not checked yet")),
        ]

    def queryset(self, request, queryset) -> QuerySet:
        prefix = "" if queryset.model is ResourceVersion else "versions__"
        broken = Q(**{f"{prefix}last_status__gte": 400}) | (
            Q(**{f"{prefix}last_checked_at__isnull": False}) & ~Q(**{f"{prefix}last_error": ""})
        )
        if self.value() == "broken":
            return queryset.filter(broken).distinct()
        if self.value() == "ok":
            return queryset.filter(**{f"{prefix}last_status__lt": 400}).exclude(broken).distinct()
        if self.value() == "unchecked":
            return queryset.filter(
                **{f"{prefix}last_checked_at__isnull": True}, **{f"{prefix}url__gt": ""}
            ).distinct()
        return queryset


class ResourceLinkAdmin(admin.ModelAdmin):
    list_display = [
        "resource",
        "language",
        "format",
        "link",
        "last_status",
        "last_error",
        "last_checked_at",
    ]
    list_filter = [BrokenLinkFilter, "language", "format"]
    list_select_related = ["resource"]
    search_fields = ["url", "resource__title"]
    autocomplete_fields = ["resource"]
    readonly_fields = ["last_status", "last_error", "last_checked_at"]
    actions = ["check_selected_links"]

    @admin.display(description=_("link"), ordering="url")
    def link(self, obj) -> str:
        if not obj.url:
            return "-"
        return format_html('<a href="{}" rel="noopener noreferrer">{}</a>', obj.url, obj.url)

    @admin.action(
        description=_("Check the selected links now (in the background)"), permissions=["change"]
    )
    def check_selected_links(self, request, queryset) -> None:
        ids = list(queryset.values_list("pk", flat=True))
        check_links_task.enqueue(ids)
        self.message_user(
            request,
            _("The link check has started. Reload this page in a minute to see the results."),
        )

    def changelist_view(self, request, extra_context=None) -> HttpResponse:
        extra_context = {
            **(extra_context or {}),
            "can_check_links": self.has_change_permission(request),
        }
        return super().changelist_view(request, extra_context)

    def get_urls(self) -> list[URLPattern]:
        return [
            path(
                "check-all/",
                self.admin_site.admin_view(self.check_all_view),
                name="resources_resourceversion_check_all",
            ),
            *super().get_urls(),
        ]

    def check_all_view(self, request) -> HttpResponseRedirect:
        if request.method != "POST" or not self.has_change_permission(request):
            raise PermissionDenied
        check_links_task.enqueue()
        self.message_user(
            request,
            _("Every link of the published resources is being checked in the background."),
        )
        return HttpResponseRedirect(reverse("admin:resources_resourceversion_changelist"))


admin.site.register(ResourceVersion, ResourceLinkAdmin)


@dashboard.register_panel
def broken_links(request) -> dashboard.Panel | None:
    if not request.user.has_perm("resources.view_resourceversion"):
        return None
    panel = dashboard.Panel(
        _("Broken links"), empty=_("No broken links found by the last check."), key="links"
    )
    broken = checkable_versions().filter(broken_q()).select_related("resource")
    count = broken.count()
    if count:
        url = reverse("admin:resources_resourceversion_changelist") + "?link=broken"
        panel.rows.append(dashboard.Row(str(_("Broken links")), count, url))
        for version in broken.order_by("resource__title")[: dashboard.SHOWN_PER_MODEL]:
            panel.rows.append(
                dashboard.Row(
                    str(version.resource),
                    url=reverse("admin:resources_resourceversion_change", args=[version.pk]),
                    detail=version.last_error or str(version.last_status),
                )
            )
    return panel


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for rejecting"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("Kept with each selected submission; the sender is not emailed."),
    )


@admin.register(Submission)
class SubmissionAdmin(QueueItemAdmin):
    list_display = [
        "title",
        "kind",
        "name",
        "organization",
        "decision",
        *QueueItemAdmin.list_display,
    ]
    list_filter = [*QueueItemAdmin.list_filter, "decision", "kind"]
    search_fields = ["title", "description", "name", "organization", "email"]
    actions = [*QueueItemAdmin.actions, "accept", "reject"]
    fieldsets = [
        (
            _("What was shared"),
            {
                "fields": [
                    "kind", "title", "description", "download", "name", "organization",
                    "email", "language", "received_at",
                ]
            },
        ),
        (_("Decision"), {"fields": ["decision", "rejection_reason", "draft_resource"]}),
        (_("Handling"), {"fields": list(QueueItemAdmin.queue_fields)}),
    ]  # fmt: skip
    readonly_fields = [
        "kind", "title", "description", "download", "name", "organization", "email",
        "language", "received_at", "decision", "rejection_reason", "draft_resource",
    ]  # fmt: skip

    def has_add_permission(self, request) -> bool:
        return False  # submissions come from the public form only

    @admin.display(description=_("file"))
    def download(self, obj) -> str:
        if not obj.file:
            return "-"
        url = reverse("admin:resources_submission_file", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.original_filename or _("Download"))

    @admin.display(description=_("draft resource"))
    def draft_resource(self, obj) -> str:
        if not obj.resource_id:
            return "-"
        url = reverse("admin:resources_resource_change", args=[obj.resource_id])
        return format_html('<a href="{}">{}</a>', url, obj.resource)

    def get_urls(self) -> list[URLPattern]:
        return [
            path(
                "<int:pk>/file/",
                self.admin_site.admin_view(self.file_view),
                name="resources_submission_file",
            ),
            *super().get_urls(),
        ]

    def file_view(self, request, pk) -> FileResponse:
        submission = get_object_or_404(Submission, pk=pk)
        if not self.has_view_permission(request, submission):
            raise PermissionDenied
        if not submission.file:
            raise Http404
        response = FileResponse(
            submission.file.open("rb"),
            as_attachment=True,
            filename=submission.original_filename
            or (submission.file.name or "").rsplit("/", 1)[-1],
            content_type="application/octet-stream",
        )
        # Never rendered by the browser, whatever the file holds.
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response

    @admin.action(
        description=_("Accept: create a draft resource from each selected submission"),
        permissions=["change"],
    )
    def accept(self, request, queryset) -> HttpResponseRedirect | None:
        if not request.user.has_perm("resources.add_resource"):
            raise PermissionDenied
        created = []
        for submission in queryset.filter(decision=Decision.PENDING):
            try:
                created.append(submission_accept(submission=submission, user=request.user))
            except ModerationError:
                self.message_user(
                    request,
                    _("Could not accept “%(title)s”: add a resource type first.")
                    % {"title": submission.title},
                    messages.ERROR,
                )
        if created:
            self.message_user(
                request,
                ngettext(
                    "%d draft resource created; complete it and send it for review.",
                    "%d draft resources created; complete them and send them for review.",
                    len(created),
                )
                % len(created),
            )
        if len(created) == 1:
            return HttpResponseRedirect(
                reverse("admin:resources_resource_change", args=[created[0].pk])
            )
        return None

    @admin.action(
        description=_("Reject the selected submissions (asks for a reason)"),
        permissions=["change"],
    )
    def reject(self, request, queryset) -> TemplateResponse | None:
        pending = queryset.filter(decision=Decision.PENDING)
        form = RejectForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            for submission in pending:
                submission_reject(
                    submission=submission, user=request.user, reason=form.cleaned_data["reason"]
                )
            count = len(pending)
            self.message_user(
                request,
                ngettext("%d submission rejected.", "%d submissions rejected.", count) % count,
            )
            return None
        return TemplateResponse(
            request,
            "admin/resources/submission/reject.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Reject submissions"),
                "opts": self.opts,
                "form": form,
                "submissions": pending,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
        )
