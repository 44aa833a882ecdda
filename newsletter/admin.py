from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csp import csp_override
from modeltranslation.admin import TranslationStackedInline

from medhome.models import Status
from medhome.staff.admin import PublishableAdmin
from medhome.staff.importexport import CsvExportMixin
from newsletter import emails, services
from newsletter.csvio import SubscriberResource
from newsletter.models import (
    Alert,
    Delivery,
    DeliveryStatus,
    Issue,
    IssueSection,
    Subscriber,
    SubscriberStatus,
)
from newsletter.tasks import send_issue, send_issue_test

# The raw HTML part of a preview: its own <style> block, shown only in the
# admin's sandboxed frame.
EMAIL_PREVIEW_CSP = {
    "default-src": ["'none'"],
    "style-src": ["'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "frame-ancestors": ["'self'"],
}
# The preview page itself: the site's policy, plus frames of our own origin (the
# HTML parts above). Without frame-src the default 'none' leaves both frames blank.
PREVIEW_PAGE_CSP: dict = {**settings.SECURE_CSP, "frame-src": ["'self'"]}


@admin.register(Subscriber)
class SubscriberAdmin(CsvExportMixin, admin.ModelAdmin):
    # CSV export of the filtered list and of the selected subscribers.
    resource_classes = [SubscriberResource]
    list_display = [
        "email",
        "status",
        "wants_issues",
        "language",
        "source",
        "consent_at",
        "confirmed_at",
    ]
    list_filter = ["status", "wants_issues", "language", "source", "topics"]
    search_fields = ["email"]
    filter_horizontal = ["topics"]
    readonly_fields = ["consent_at", "confirmed_at", "unsubscribed_at", "created_at", "updated_at"]
    date_hierarchy = "consent_at"
    show_facets = admin.ShowFacets.ALWAYS
    actions = ["export_csv", "mark_unsubscribed"]
    change_list_template = "admin/newsletter/subscriber/change_list.html"

    def changelist_view(self, request, extra_context=None) -> HttpResponse:
        counts = dict(Subscriber.objects.values_list("status").annotate(n=Count("pk")).order_by())
        status_counts = [
            (label, counts.get(value, 0), value) for value, label in SubscriberStatus.choices
        ]
        extra_context = {**(extra_context or {}), "status_counts": status_counts}
        return super().changelist_view(request, extra_context=extra_context)

    @admin.action(description=_("Unsubscribe the selected addresses"), permissions=["change"])
    def mark_unsubscribed(self, request, queryset) -> None:
        count = queryset.exclude(status=SubscriberStatus.UNSUBSCRIBED).update(
            status=SubscriberStatus.UNSUBSCRIBED, unsubscribed_at=timezone.now()
        )
        self.message_user(
            request,
            ngettext("%d address unsubscribed.", "%d addresses unsubscribed.", count) % count,
        )


class IssueSectionInline(TranslationStackedInline):
    model = IssueSection
    extra = 1
    # Chosen by title with the library's search, like everywhere a resource is chosen.
    autocomplete_fields = ["resource"]
    fields = ["order", "heading", "text", "resource", "url"]


def _progress_counts(queryset):
    return queryset.annotate(
        n_sent=Count(
            "deliveries", filter=Q(deliveries__status=DeliveryStatus.SENT), distinct=True
        ),
        n_failed=Count(
            "deliveries", filter=Q(deliveries__status=DeliveryStatus.FAILED), distinct=True
        ),
        n_queued=Count(
            "deliveries", filter=Q(deliveries__status=DeliveryStatus.QUEUED), distinct=True
        ),
    )


@admin.register(Issue)
class IssueAdmin(PublishableAdmin):
    list_display = ["title", "issue_date", "language", "status", "sent_at", "progress"]
    list_filter = [*PublishableAdmin.list_filter, "language"]
    search_fields = ["title", "intro", "sections__heading"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = [*PublishableAdmin.readonly_fields, "sent_at", "delivery_progress"]
    date_hierarchy = "issue_date"
    inlines = [IssueSectionInline]
    actions = [*PublishableAdmin.actions, "send_to_subscribers", "retry_failed"]
    change_form_template = "admin/newsletter/issue/change_form.html"
    fieldsets = [
        (None, {"fields": ["title", "slug", "issue_date", "language", "intro"]}),
        (_("Publishing"), {"fields": ["status", "publish_at", "last_reviewed"]}),
        (_("Sending"), {"fields": ["sent_at", "delivery_progress"]}),
        (_("History"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request) -> QuerySet[Issue]:
        return _progress_counts(super().get_queryset(request))

    @admin.display(description=_("delivery"))
    def progress(self, obj) -> str:
        if not (obj.n_sent or obj.n_failed or obj.n_queued):
            return "—"
        return _("%(sent)d sent, %(failed)d failed, %(queued)d to go") % {
            "sent": obj.n_sent,
            "failed": obj.n_failed,
            "queued": obj.n_queued,
        }

    @admin.display(description=_("delivery progress"))
    def delivery_progress(self, obj) -> str:
        if obj.pk is None:
            return "—"
        counts = services.issue_progress(issue=obj)
        return format_html(
            '<span id="delivery-progress">{}</span>',
            _(
                "%(sent)d sent, %(failed)d failed, %(queued)d still to send, "
                "%(skipped)d skipped (unsubscribed before their turn)."
            )
            % counts,
        )

    # --- Custom views: preview, test, send, retry -------------------------------------
    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/preview/", view(self.preview_view), name="newsletter_issue_preview"),
            path(
                "<int:pk>/preview/<str:lang>/email.html",
                view(self.preview_html_view),
                name="newsletter_issue_preview_html",
            ),
            path(
                "<int:pk>/send-test/", view(self.send_test_view), name="newsletter_issue_send_test"
            ),
            path("<int:pk>/send/", view(self.send_view), name="newsletter_issue_send"),
            path("<int:pk>/retry/", view(self.retry_view), name="newsletter_issue_retry"),
            *super().get_urls(),
        ]

    def _issue(self, request, pk):
        issue = get_object_or_404(Issue, pk=pk)
        if not self.has_view_permission(request, issue):
            raise PermissionDenied
        return issue

    def _check_send_permission(self, request):
        if not request.user.has_perm("newsletter.send_issue"):
            raise PermissionDenied

    def _sample_message(self, issue, lang):
        sample = Subscriber(pk=0, email="subscriber@example.org", language=lang)
        return emails.issue_message(services.issue_for_sending(issue.pk), sample)

    @csp_override(PREVIEW_PAGE_CSP)
    def preview_view(self, request, pk) -> TemplateResponse:
        issue = self._issue(request, pk)
        parts = []
        for lang, label in (("en", _("English")), ("es", _("Spanish"))):
            message = self._sample_message(issue, lang)
            parts.append(
                {
                    "lang": lang,
                    "label": label,
                    "subject": message.subject,
                    "headers": message.extra_headers,
                    "text": message.body,
                    "html_url": reverse(
                        "admin:newsletter_issue_preview_html", args=[issue.pk, lang]
                    ),
                }
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": issue,
            "title": _("Preview: %(title)s") % {"title": issue.title},
            "parts": parts,
        }
        return TemplateResponse(request, "admin/newsletter/issue/preview.html", context)

    @xframe_options_sameorigin
    @csp_override(EMAIL_PREVIEW_CSP)
    def preview_html_view(self, request, pk, lang) -> HttpResponse:
        issue = self._issue(request, pk)
        if lang not in ("en", "es"):
            lang = "en"
        message = self._sample_message(issue, lang)
        html = message.alternatives[0].content
        return HttpResponse(html, content_type="text/html; charset=utf-8")

    def send_test_view(self, request, pk) -> HttpResponseRedirect:
        issue = self._issue(request, pk)
        change_url = reverse("admin:newsletter_issue_change", args=[issue.pk])
        if request.method != "POST":
            return HttpResponseRedirect(change_url)
        if not request.user.email:
            self.message_user(
                request,
                _("Your staff account has no email address. Add one first."),
                messages.ERROR,
            )
            return HttpResponseRedirect(change_url)
        send_issue_test.enqueue(issue.pk, request.user.email)
        self.message_user(
            request,
            _("A test in English and in Spanish is on its way to %(email)s.")
            % {"email": request.user.email},
        )
        return HttpResponseRedirect(change_url)

    def send_view(self, request, pk) -> HttpResponse:
        issue = self._issue(request, pk)
        self._check_send_permission(request)
        change_url = reverse("admin:newsletter_issue_change", args=[issue.pk])
        if request.method == "POST":
            if self._enqueue_send(request, issue):
                self.message_user(
                    request,
                    _(
                        "Sending has started. The counts below show its progress; reload to update them."
                    ),
                )
            return HttpResponseRedirect(change_url)
        confirmed = Subscriber.objects.confirmed().count()
        already = issue.deliveries.count()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": issue,
            "title": _("Send “%(title)s”") % {"title": issue.title},
            "confirmed": confirmed,
            "already": already,
            "progress": services.issue_progress(issue=issue),
            "can_send": issue.status == Status.PUBLISHED,
        }
        return TemplateResponse(request, "admin/newsletter/issue/send.html", context)

    def retry_view(self, request, pk) -> HttpResponseRedirect:
        issue = self._issue(request, pk)
        self._check_send_permission(request)
        if request.method == "POST":
            self._retry(request, issue)
        return HttpResponseRedirect(reverse("admin:newsletter_issue_change", args=[issue.pk]))

    def _enqueue_send(self, request, issue) -> bool:
        if issue.status != Status.PUBLISHED:
            self.message_user(
                request,
                _(
                    "“%(title)s” is not published. Publish it first, so the web version its email links to exists."
                )
                % {"title": issue.title},
                messages.ERROR,
            )
            return False
        send_issue.enqueue(issue.pk)
        return True

    def _retry(self, request, issue):
        count = services.issue_retry_failed(issue=issue)
        if count:
            send_issue.enqueue(issue.pk)
        self.message_user(
            request,
            ngettext(
                "%(count)d failed delivery of “%(title)s” queued again.",
                "%(count)d failed deliveries of “%(title)s” queued again.",
                count,
            )
            % {"count": count, "title": issue.title},
        )

    @admin.action(description=_("Send the selected issues to all confirmed subscribers"))
    def send_to_subscribers(self, request, queryset) -> None:
        self._check_send_permission(request)
        started = [issue for issue in queryset if self._enqueue_send(request, issue)]
        if started:
            self.message_user(
                request,
                ngettext(
                    "Sending %d issue in the background.",
                    "Sending %d issues in the background.",
                    len(started),
                )
                % len(started),
            )

    @admin.action(description=_("Retry failed deliveries of the selected issues"))
    def retry_failed(self, request, queryset) -> None:
        self._check_send_permission(request)
        for issue in queryset:
            self._retry(request, issue)

    def render_change_form(
        self, request, context, add=False, change=False, form_url="", obj=None
    ) -> HttpResponse:
        if obj is not None:
            context["progress"] = services.issue_progress(issue=obj)
            context["can_send"] = request.user.has_perm("newsletter.send_issue")
        return super().render_change_form(request, context, add, change, form_url, obj)


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["subscriber", "issue", "status", "attempts", "sent_at", "error"]
    list_filter = ["status", "issue"]
    search_fields = ["subscriber__email", "issue__title"]
    list_select_related = ["subscriber", "issue"]
    readonly_fields = [
        "issue",
        "subscriber",
        "status",
        "error",
        "attempts",
        "created_at",
        "sent_at",
    ]
    show_facets = admin.ShowFacets.ALWAYS

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Alert)
class AlertAdmin(admin.ModelAdmin):
    """Resource alerts ("email me new resources like these"); the owners manage them from
    their preferences page, staff read them and may stop one."""

    list_display = [
        "subscriber",
        "filters",
        "created_at",
        "confirmed_at",
        "last_sent_at",
        "stopped_at",
    ]
    list_filter = ["created_at", "last_sent_at", "stopped_at"]
    list_select_related = ["subscriber"]
    search_fields = ["subscriber__email"]
    readonly_fields = [
        "subscriber",
        "filters",
        "created_at",
        "confirmation_sent_at",
        "confirmed_at",
        "last_sent_at",
    ]

    def has_add_permission(self, request) -> bool:
        return False
