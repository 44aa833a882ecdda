from typing import cast

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationStackedInline, TranslationTabularInline

from medhome.staff.admin import HistoryTranslatedAdmin, PublishableAdmin, QueueItemAdmin
from medhome.staff.importexport import CsvExportMixin, CsvImportExportMixin
from mentorship.csvio import MentorResource, StateResource
from mentorship.models import (
    AssistanceRequest,
    Contact,
    Expertise,
    Initiative,
    IntroductionRequest,
    Mentor,
    Nomination,
    Population,
    Promise,
    QIPlan,
    State,
    StateQuerySet,
    TeamMember,
    _names_matching,
)
from resources.models import Resource


# Organizations and roles are written in English and Spanish (modeltranslation columns).
class TeamMemberInline(TranslationTabularInline):
    model = TeamMember
    extra = 0


class QIPlanInline(TranslationStackedInline):
    model = QIPlan
    extra = 0
    max_num = 1


class PromiseInline(TranslationStackedInline):
    model = Promise
    extra = 0
    max_num = 1


class InitiativeInline(TranslationStackedInline):
    model = Initiative
    extra = 0


class ContactInline(TranslationTabularInline):
    model = Contact
    extra = 0


@admin.register(State)
class StateAdmin(CsvExportMixin, PublishableAdmin):
    # Export only: a state's team, plan and promise are edited on its page.
    resource_classes = [StateResource]

    list_display = [
        "__str__",
        "state_code",
        "status",
        "has_team",
        "has_plan",
        "has_promise",
        "updated_at",
        "needs_review",
        "site_link",
    ]
    list_filter = [*PublishableAdmin.list_filter, "qi_plan__kind"]
    search_fields = ["code", "overview"]
    inlines = [TeamMemberInline, QIPlanInline, PromiseInline, InitiativeInline, ContactInline]
    fieldsets = [
        (None, {"fields": ["code", "overview", "team_formed"]}),
        (_("Publishing"), {"fields": PublishableAdmin.workflow_fields}),
    ]

    def get_queryset(self, request) -> StateQuerySet:
        return cast(StateQuerySet, super().get_queryset(request)).with_map_data()

    def get_search_results(self, request, queryset, search_term) -> tuple[QuerySet[State], bool]:
        # Names live in medhome.jurisdictions, not in the table: match them too, so
        # typing "Minnesota" in a mentor's state autocomplete finds MN.
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term.strip():
            results |= queryset.filter(code__in=_names_matching(search_term.strip()))
        return results, may_have_duplicates

    @admin.display(description=_("code"), ordering="code")
    def state_code(self, obj) -> str:
        return obj.code

    @admin.display(description=_("state team"), boolean=True)
    def has_team(self, obj) -> bool:
        return obj.has_team

    @admin.display(description=_("QI plan"), boolean=True)
    def has_plan(self, obj) -> bool:
        return hasattr(obj, "qi_plan")

    @admin.display(description=_("promise"), boolean=True)
    def has_promise(self, obj) -> bool:
        return hasattr(obj, "promise")


@admin.register(Expertise)
class ExpertiseAdmin(HistoryTranslatedAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class MentorAdminForm(forms.ModelForm):
    populations = forms.MultipleChoiceField(
        label=_("populations served"),
        choices=Population.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Mentor
        fields = ["populations"]  # the admin adds the rest from its fieldsets


@admin.register(Mentor)
class MentorAdmin(CsvImportExportMixin, PublishableAdmin):
    resource_classes = [MentorResource]

    form = MentorAdminForm
    list_display = [
        "name",
        "kind",
        "organization",
        "state",
        "setting",
        "community_type",
        "status",
        "needs_review",
        "site_link",
    ]
    list_filter = [
        "kind",
        "setting",
        "community_type",
        "practice_size",
        *PublishableAdmin.list_filter,
    ]
    list_select_related = ["state"]
    search_fields = ["name", "organization", "summary", "description"]
    # The library's admin (registered first: resources comes before mentorship in
    # INSTALLED_APPS) provides the search that autocompleting tools needs.
    if admin.site.is_registered(Resource):
        autocomplete_fields = ["state", "expertise", "tools"]
    else:
        autocomplete_fields = ["state", "expertise"]
        filter_horizontal = ["tools"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "kind",
                    "name",
                    "slug",
                    "organization",
                    "state",
                    "summary",
                    "description",
                ]
            },
        ),
        (
            _("Profile"),
            {
                "fields": [
                    "setting",
                    "community_type",
                    "practice_size",
                    "populations",
                    "expertise",
                    "tools",
                ]
            },
        ),
        (_("Contact"), {"fields": ["contact_name", "contact_email", "contact_phone", "website"]}),
        (_("Publishing"), {"fields": PublishableAdmin.workflow_fields}),
    ]


class QueueAdmin(QueueItemAdmin):
    """Both request queues: the shared queue admin plus what these requests record."""

    list_filter = [*QueueItemAdmin.list_filter, "received_at"]
    list_editable = ["queue_status", "assignee"]
    readonly_fields = ["received_at", "updated_at", "language", "confirmation_sent_at"]

    @admin.display(description=_("received"), ordering="received_at")
    def received(self, obj) -> str:
        return date_format(timezone.localtime(obj.received_at), "SHORT_DATE_FORMAT")

    # The form asks for "your name"; staff read who wrote, with their organization.
    @admin.display(description=_("from"), ordering="name")
    def requester(self, obj) -> str:
        if obj.organization:
            return format_html("{}<br><small>{}</small>", obj.name, obj.organization)
        return obj.name


@admin.register(IntroductionRequest)
class IntroductionRequestAdmin(QueueAdmin):
    list_display = ["requester", "mentor", "received", "queue_status", "assignee"]
    list_select_related = ["assignee", "mentor"]
    search_fields = ["name", "organization", "email", "message", "mentor__name"]
    autocomplete_fields = ["mentor"]
    readonly_fields = [*QueueAdmin.readonly_fields, "practice_profile"]


@admin.register(AssistanceRequest)
class AssistanceRequestAdmin(QueueAdmin):
    list_display = ["requester", "kind", "state", "received", "queue_status", "assignee"]
    list_filter = [*QueueItemAdmin.list_filter, "kind", "received_at"]
    search_fields = ["name", "organization", "email", "message"]


@admin.register(Nomination)
class NominationAdmin(QueueAdmin):
    """Self-nominations, in the mentorship coordinator's queue; "accept" drafts a mentor."""

    list_display = [
        "requester",
        "kind",
        "state",
        "received",
        "queue_status",
        "assignee",
        "draft_link",
    ]
    list_filter = [*QueueItemAdmin.list_filter, "kind", "received_at"]
    list_select_related = ["assignee", "mentor"]
    search_fields = ["name", "organization", "email", "contact_name", "summary", "description"]
    readonly_fields = [*QueueAdmin.readonly_fields, "mentor"]
    actions = [*QueueItemAdmin.actions, "accept"]

    @admin.display(description=_("draft mentor profile"))
    def draft_link(self, obj) -> str:
        if obj.mentor_id is None:
            return "—"
        url = reverse("admin:mentorship_mentor_change", args=[obj.mentor_id])
        return format_html('<a href="{}">{}</a>', url, obj.mentor.name)

    def has_accept_permission(self, request) -> bool:
        return request.user.has_perms(["mentorship.change_nomination", "mentorship.add_mentor"])

    @admin.action(
        description=_("Accept: make a draft mentor profile from each"), permissions=["accept"]
    )
    def accept(self, request, queryset) -> None:
        made = [
            nomination.accept()
            for nomination in queryset.select_related("mentor").prefetch_related("expertise")
            if nomination.mentor_id is None
        ]
        if not made:
            self.message_user(
                request, _("The selected nominations already have a draft."), messages.WARNING
            )
            return
        count = len(made)
        self.message_user(
            request,
            ngettext(
                "%d draft mentor profile made; finish it and publish it from the mentors list.",
                "%d draft mentor profiles made; finish them and publish them from the mentors list.",
                count,
            )
            % count,
        )
