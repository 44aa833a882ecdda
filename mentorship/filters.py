from functools import cached_property

import django_filters
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from medhome import jurisdictions, search
from mentorship.models import (
    CommunityType,
    Expertise,
    MentorKind,
    MentorQuerySet,
    PlanKind,
    PracticeSize,
    Setting,
    State,
    StateQuerySet,
)

YES_NO = [("yes", _("Yes")), ("no", _("No"))]
ANY = _("Any")


FIRST_MAP_YEAR = 2000


def map_years() -> list[tuple[str, str]]:
    """The years the map can be seen "as of", newest first."""
    years = range(timezone.now().year, FIRST_MAP_YEAR - 1, -1)
    return [(str(year), str(year)) for year in years]


class StateFilter(django_filters.FilterSet):
    """The map's filters over published states. `states` is what the map shows: with
    State.with_map_data() as of the chosen year, so the other filters and the marks
    follow the year."""

    year = django_filters.ChoiceFilter(
        label=_("As of the end of"),
        choices=map_years,
        empty_label=_("Today"),
        method="filter_year",
        error_messages={"invalid_choice": _("Choose a year from the list.")},
    )
    team = django_filters.ChoiceFilter(
        label=_("State team"), choices=YES_NO, empty_label=ANY, method="filter_team"
    )
    qi_plan = django_filters.ChoiceFilter(
        label=_("Quality-improvement plan"),
        choices=[("any", _("Any kind of plan")), *PlanKind.choices, ("none", _("No plan"))],
        empty_label=ANY,
        method="filter_plan",
    )
    promise = django_filters.ChoiceFilter(
        label=_("Promise to the State"), choices=YES_NO, empty_label=ANY, method="filter_promise"
    )

    @classmethod
    def for_request(cls, request: HttpRequest) -> "StateFilter":
        """The filters the request's query chose, over the published states: the one
        set-up of the map, its table and its CSV/JSON exports."""
        return cls(request.GET or None, queryset=State.objects.published())

    @property
    def as_of(self) -> int | None:
        """The valid year asked for, or None (today, or a year we cannot show)."""
        if not self.is_bound or not self.is_valid():
            return None
        year = self.form.cleaned_data.get("year")
        return int(year) if year else None

    @property
    def states(self) -> QuerySet[State]:
        """The chosen states with their map data; every state today when nothing valid
        was chosen."""
        if self.is_bound and self.is_valid():
            return self.qs
        return self.queryset.with_map_data()

    @property
    def active_count(self) -> int:
        """How many filters narrow the map (0 when the query is invalid)."""
        if not (self.is_bound and self.is_valid()):
            return 0
        return sum(1 for value in self.form.cleaned_data.values() if value)

    def filter_queryset(self, queryset) -> StateQuerySet:
        # The year decides what the other filters see, so it applies first.
        return super().filter_queryset(queryset.with_map_data(self.as_of))

    def filter_year(self, queryset, name, value) -> StateQuerySet:
        return queryset  # applied in filter_queryset

    def filter_team(self, queryset, name, value) -> StateQuerySet:
        return queryset.filter(has_team=(value == "yes"))

    def filter_plan(self, queryset, name, value) -> StateQuerySet:
        if value == "any":
            return queryset.filter(has_plan=True)
        if value == "none":
            return queryset.filter(has_plan=False)
        return queryset.filter(has_plan=True, qi_plan__kind=value)

    def filter_promise(self, queryset, name, value) -> StateQuerySet:
        return queryset.filter(has_promise=(value == "yes"))


class MentorFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search mentors"), method="filter_q", max_length=200)
    kind = django_filters.ChoiceFilter(
        label=_("Kind of mentor"), choices=MentorKind.choices, empty_label=ANY
    )
    state = django_filters.ChoiceFilter(
        label=_("State or territory"),
        field_name="state__code",
        choices=jurisdictions.choices,
        empty_label=ANY,
    )
    setting = django_filters.ChoiceFilter(
        label=_("Setting"), choices=Setting.choices, empty_label=ANY
    )
    community = django_filters.ChoiceFilter(
        label=_("Community"),
        field_name="community_type",
        choices=CommunityType.choices,
        empty_label=ANY,
    )
    size = django_filters.ChoiceFilter(
        label=_("Practice size"),
        field_name="practice_size",
        choices=PracticeSize.choices,
        empty_label=ANY,
    )
    expertise = django_filters.ModelChoiceFilter(
        label=_("Area of expertise"),
        queryset=Expertise.objects.all(),
        to_field_name="slug",
        empty_label=ANY,
    )

    def filter_q(self, queryset, name, value) -> MentorQuerySet:
        if not self.search_query:
            return queryset
        return queryset.search(self.search_query).order_by("-search_rank", "name", "pk")

    @cached_property
    def search_query(self) -> search.Query:
        """What is searched: the typed words, a misspelt one corrected unless the
        visitor asked for the exact words (exact=1); prepared once per request."""
        typed = self.form.cleaned_data.get("q", "") if self.is_valid() else ""
        return search.prepare(typed, correct=self.data.get("exact") != "1")
