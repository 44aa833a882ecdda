"""The CSV columns of mentors and states, for the admin's import and export
(django-import-export; see medhome.staff.importexport).

Mentors: one row each, keyed by address (slug); the state is its two-letter
code, expertise and populations are short names separated by "|".
States: export only (the map's data as staff see it, drafts included).
"""

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from import_export.fields import Field

from medhome.staff.importexport import ChoiceList, SlugForeignKey, SlugManyToMany, StaffResource
from mentorship.models import Expertise, Mentor, Population, State

TRANSLATED = [f"{name}_{lang}" for name in ("summary", "description") for lang in ("en", "es")]
MENTOR_COLUMNS = [
    "slug",
    "kind",
    "name",
    "status",
    "publish_at",
    "last_reviewed",
    "organization",
    "state",
    "setting",
    "community_type",
    "practice_size",
    "populations",
    "expertise",
    *TRANSLATED,
    "contact_name",
    "contact_email",
    "contact_phone",
    "website",
]
STATE_COLUMNS = [
    "code",
    "status",
    "last_reviewed",
    "team_members",
    "qi_plan_kind",
    "qi_plan_status",
    "promise_target_year",
    "initiatives",
    "overview_en",
    "overview_es",
]


class MentorResource(StaffResource):
    state = Field("state", "state", SlugForeignKey(State, field="code"))
    populations = Field("populations", "populations", ChoiceList(Population.choices))
    expertise = Field("expertise", "expertise", SlugManyToMany(Expertise))

    class Meta(StaffResource.Meta):
        model = Mentor
        import_id_fields = ["slug"]
        fields = MENTOR_COLUMNS
        export_order = MENTOR_COLUMNS

    def get_queryset(self) -> Any:
        return Mentor.objects.all()

    def filter_export(self, queryset: Any, **kwargs: Any) -> Any:
        return queryset.select_related("state").prefetch_related("expertise")


class StateResource(StaffResource):
    """Export only: what each jurisdiction has reported."""

    team_members = Field(column_name="team_members")
    qi_plan_kind = Field(column_name="qi_plan_kind")
    qi_plan_status = Field(column_name="qi_plan_status")
    promise_target_year = Field(column_name="promise_target_year")
    initiatives = Field(column_name="initiatives")

    class Meta(StaffResource.Meta):
        model = State
        import_id_fields = ["code"]
        fields = STATE_COLUMNS
        export_order = STATE_COLUMNS

    def filter_export(self, queryset: Any, **kwargs: Any) -> Any:
        return queryset.select_related("qi_plan", "promise").prefetch_related(
            "team_members", "initiatives"
        )

    def dehydrate_team_members(self, state: State) -> int:
        return len(state.team_members.all())

    def dehydrate_initiatives(self, state: State) -> int:
        return len(state.initiatives.all())

    def dehydrate_qi_plan_kind(self, state: State) -> str:
        return getattr(_one(state, "qi_plan"), "kind", "")

    def dehydrate_qi_plan_status(self, state: State) -> str:
        return getattr(_one(state, "qi_plan"), "status", "")

    def dehydrate_promise_target_year(self, state: State) -> Any:
        return getattr(_one(state, "promise"), "target_year", "")


def _one(state: State, name: str) -> Any:
    """A state's plan or promise, or None (a reverse one-to-one raises when absent)."""
    try:
        return getattr(state, name)
    except ObjectDoesNotExist:
        return None
