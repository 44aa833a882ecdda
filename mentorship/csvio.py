"""CSV export and import of mentors, and export of state data (see medhome.staff.csvio).

Mentors: one row each, keyed by address (slug); the state is its two-letter
code, expertise and populations are short names separated by "|".
States: export only (the map's data as staff see it, drafts included).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from medhome.staff.csvio import Column, CsvFormat
from mentorship.models import Expertise, Mentor, Population, State

TRANSLATED = [f"{name}_{lang}" for name in ("summary", "description") for lang in ("en", "es")]


class MentorImportForm(forms.ModelForm):
    state = forms.ModelChoiceField(
        State.objects.all(), to_field_name="code", required=False, label=_("state")
    )
    expertise = forms.ModelMultipleChoiceField(
        Expertise.objects.all(), to_field_name="slug", required=False
    )
    populations = forms.MultipleChoiceField(choices=Population.choices, required=False)

    class Meta:
        model = Mentor
        fields = [
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


class MentorCsv(CsvFormat):
    model = Mentor
    form_class = MentorImportForm
    key = "slug"
    multi_value = {"expertise", "populations"}
    columns = [
        Column("slug"),
        Column("kind"),
        Column("name"),
        Column("status"),
        Column("publish_at"),
        Column("last_reviewed"),
        Column("organization"),
        Column("state", lambda m: m.state.code if m.state else ""),
        Column("setting"),
        Column("community_type"),
        Column("practice_size"),
        Column("populations", lambda m: "|".join(sorted(m.populations or ()))),
        Column("expertise", lambda m: "|".join(sorted(e.slug for e in m.expertise.all()))),
        *[Column(name) for name in TRANSLATED],
        Column("contact_name"),
        Column("contact_email"),
        Column("contact_phone"),
        Column("website"),
    ]

    def prepare(self, queryset):
        return queryset.select_related("state").prefetch_related("expertise")


class StateCsv(CsvFormat):
    """Export only: what each jurisdiction has reported."""

    model = State
    key = "code"
    columns = [
        Column("code"),
        Column("status"),
        Column("last_reviewed"),
        Column("team_members", lambda s: len(s.team_members.all())),
        Column("qi_plan_kind", lambda s: getattr(_one(s, "qi_plan"), "kind", "")),
        Column("qi_plan_status", lambda s: getattr(_one(s, "qi_plan"), "status", "")),
        Column("promise_target_year", lambda s: getattr(_one(s, "promise"), "target_year", "")),
        Column("initiatives", lambda s: len(s.initiatives.all())),
        Column("overview_en"),
        Column("overview_es"),
    ]

    def prepare(self, queryset):
        return queryset.select_related("qi_plan", "promise").prefetch_related(
            "team_members", "initiatives"
        )


def _one(state, name):
    """A state's plan or promise, or None (a reverse one-to-one raises when absent)."""
    try:
        return getattr(state, name)
    except State._meta.get_field(name).related_model.DoesNotExist:
        return None
