from django import forms
from django.utils.translation import gettext_lazy as _

from medhome import jurisdictions
from medhome.forms import PublicFormMixin
from mentorship.matching import PracticeProfile
from mentorship.models import (
    AssistanceRequest,
    CommunityType,
    Expertise,
    IntroductionRequest,
    Nomination,
    Population,
    PracticeSize,
    Setting,
)


def _blank(choices):
    return [("", _("Not sure or does not apply")), *choices]


class MatchForm(forms.Form):
    """A practice describes itself; every field is optional."""

    state = forms.ChoiceField(
        label=_("Your state or territory"),
        required=False,
        choices=lambda: _blank(jurisdictions.choices()),
    )
    setting = forms.ChoiceField(
        label=_("Your setting"), required=False, choices=_blank(Setting.choices)
    )
    community = forms.ChoiceField(
        label=_("Your community"), required=False, choices=_blank(CommunityType.choices)
    )
    size = forms.ChoiceField(
        label=_("Your practice size"), required=False, choices=_blank(PracticeSize.choices)
    )
    populations = forms.MultipleChoiceField(
        label=_("Families you serve"),
        required=False,
        choices=Population.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    needs: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("What you need help with"),
        required=False,
        queryset=Expertise.objects.all(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
    )

    def describe(self) -> str:
        """The answers in words, for staff reading an introduction request."""
        lines = []
        for name in ("state", "setting", "community", "size", "populations", "needs"):
            field, value = self[name], self.cleaned_data.get(name)
            if not value:
                continue
            if name == "needs":
                text = ", ".join(str(area) for area in value)
            else:
                labels = dict(field.field.choices)  # type: ignore[attr-defined]
                values = value if isinstance(value, list) else [value]
                text = ", ".join(str(labels.get(v, v)) for v in values)
            lines.append(f"{field.label}: {text}")
        return "\n".join(lines)

    def profile(self) -> PracticeProfile:
        data = self.cleaned_data
        return PracticeProfile(
            state=data.get("state") or "",
            setting=data.get("setting") or "",
            community=data.get("community") or "",
            size=data.get("size") or "",
            populations=frozenset(data.get("populations") or ()),
            needs=frozenset(e.slug for e in data.get("needs") or ()),
        )


class IntroductionRequestForm(PublicFormMixin, forms.ModelForm):
    rate_limit_scope = "mentorship-introduction"

    class Meta:
        model = IntroductionRequest
        fields = ["name", "organization", "email", "phone", "message"]
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "organization": forms.TextInput(attrs={"autocomplete": "organization"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
        }


class AssistanceRequestForm(PublicFormMixin, forms.ModelForm):
    rate_limit_scope = "mentorship-assistance"

    class Meta:
        model = AssistanceRequest
        fields = ["kind", "name", "organization", "email", "phone", "state", "message"]
        # Written out: capfirst cannot capitalise a label that starts with "¿".
        labels = {"kind": _("What do you need help with?")}
        widgets = {
            "kind": forms.RadioSelect,
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "organization": forms.TextInput(attrs={"autocomplete": "organization"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [c for c in self.fields["kind"].choices if c[0]]
        self.fields["state"].choices = _blank(jurisdictions.choices())


class NominationForm(PublicFormMixin, forms.ModelForm):
    """A practice or state team proposes itself as a mentor or a promising practice."""

    rate_limit_scope = "mentorship-nomination"

    class Meta:
        model = Nomination
        fields = [
            "kind",
            "name",
            "organization",
            "state",
            "setting",
            "community_type",
            "practice_size",
            "expertise",
            "summary",
            "description",
            "homepage",
            "contact_name",
            "email",
            "phone",
        ]
        labels = {
            "kind": _("Propose us as"),
            "summary": _("In one sentence, what could others learn from you?"),
        }
        widgets = {
            "kind": forms.RadioSelect,
            "expertise": forms.CheckboxSelectMultiple,
            "name": forms.TextInput(attrs={"autocomplete": "organization"}),
            "homepage": forms.URLInput(attrs={"autocomplete": "url"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [c for c in self.fields["kind"].choices if c[0]]
        self.fields["state"].choices = _blank(jurisdictions.choices())
        for name, choices in (
            ("setting", Setting.choices),
            ("community_type", CommunityType.choices),
            ("practice_size", PracticeSize.choices),
        ):
            self.fields[name].choices = _blank(choices)
        self.fields["expertise"].help_text = _("Tick what you could help others with.")
