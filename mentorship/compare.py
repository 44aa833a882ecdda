"""Comparing two to four states side by side, and one state's fact sheet.

`comparison_rows(codes)` gathers everything the table shows in a fixed number
of queries, whatever the number of team members, initiatives or mentors."""

from collections.abc import Iterator
from dataclasses import dataclass, field

from django import forms
from django.db.models import Count, Prefetch
from django.utils.translation import gettext_lazy as _

from medhome.csvcells import cell
from mentorship.models import Mentor, Promise, QIPlan, State
from resources.models import Resource

MIN_STATES = 2
MAX_STATES = 4


class CompareForm(forms.Form):
    states = forms.MultipleChoiceField(
        label=_("States and territories to compare"),
        help_text=_("Pick two to four."),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("%(value)s is not a state or territory with a page here."),
        },
    )

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["states"].choices = choices

    def clean_states(self) -> list[str]:
        codes = list(dict.fromkeys(self.cleaned_data["states"]))
        if not MIN_STATES <= len(codes) <= MAX_STATES:
            raise forms.ValidationError(
                _("Pick between two and four states or territories; you picked %(count)d."),
                params={"count": len(codes)},
                code="count",
            )
        return codes


def state_choices() -> list[tuple[str, str]]:
    """(code, name) of every published state, by name: one query."""
    states = State.objects.published().only("code")
    return sorted(((s.code.lower(), s.name) for s in states), key=lambda c: c[1])


@dataclass
class StateFacts:
    state: State
    team: list = field(default_factory=list)
    initiatives: list = field(default_factory=list)
    mentors: list = field(default_factory=list)
    resource_count: int = 0

    @property
    def plan(self) -> QIPlan | None:
        return getattr(self.state, "qi_plan", None)

    @property
    def promise(self) -> Promise | None:
        return getattr(self.state, "promise", None)

    @property
    def team_roles(self) -> list[str]:
        return sorted({str(member.get_role_display()) for member in self.team})


def state_facts(codes: list[str], *, published_only: bool = True) -> list[StateFacts]:
    """The facts of the states with these codes, in the order given. Five queries."""
    upper = [code.upper() for code in codes]
    states = State.objects.published() if published_only else State.objects.all()
    states = (
        states.filter(code__in=upper)
        .select_related("qi_plan", "promise")
        .prefetch_related(
            "team_members",
            "initiatives",
            Prefetch(
                "mentors",
                queryset=Mentor.objects.published().order_by("name"),
                to_attr="published_mentors",
            ),
        )
    )
    counts = dict(
        Resource.objects.published()
        .filter(state__in=upper)
        .order_by()  # the default ordering would split the groups
        .values_list("state")
        .annotate(n=Count("pk"))
        .values_list("state", "n")
    )
    by_code = {state.code: state for state in states}
    return [
        StateFacts(
            state=by_code[code],
            team=list(by_code[code].team_members.all()),
            initiatives=list(by_code[code].initiatives.all()),
            mentors=by_code[code].published_mentors,
            resource_count=counts.get(code, 0),
        )
        for code in upper
        if code in by_code
    ]


CSV_FIELDS = [
    "code", "name", "team_formed", "team_roles", "qi_plan", "qi_plan_status",
    "promise_target_year", "initiatives", "mentors", "resources", "url",
]  # fmt: skip


def csv_rows(facts: list[StateFacts], absolute) -> Iterator[dict[str, str]]:
    """One dict per state for csv.DictWriter; `absolute` turns a path into a full URL."""
    for item in facts:
        plan, promise = item.plan, item.promise
        row = {
            "code": item.state.code,
            "name": item.state.name,
            "team_formed": item.state.team_formed or "",
            "team_roles": "; ".join(item.team_roles),
            "qi_plan": plan.get_kind_display() if plan else "",
            "qi_plan_status": plan.get_status_display() if plan else "",
            "promise_target_year": (promise.target_year or "") if promise else "",
            "initiatives": "; ".join(i.title for i in item.initiatives),
            "mentors": "; ".join(m.name for m in item.mentors),
            "resources": item.resource_count,
            "url": absolute(item.state.get_absolute_url()),
        }
        yield {key: cell(value) for key, value in row.items()}
