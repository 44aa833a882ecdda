from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from medhome.cache import cached
from medhome.forms import PublicFormMixin
from newsletter.models import Language
from resources.models import Topic


def _topic_choices() -> list[tuple[int, str]]:
    return [(t.pk, t.name) for t in Topic.objects.all()]


class TopicsMixin:
    """Topic checkboxes, read once per content version and language (the sign-up form
    is on every newsletter page); the field is left out while no topics exist."""

    def _add_topics(self):
        choices = cached("newsletter-topic-choices", _topic_choices)
        if not choices:
            return
        self.fields["topics"] = forms.TypedMultipleChoiceField(
            choices=choices,
            coerce=int,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            label=_("Topics you care about"),
            help_text=_(
                "Your emails list the sections on these topics first, and what is new in them since the last issue."
            ),
        )


def _language_field():
    return forms.ChoiceField(
        choices=Language.choices,
        widget=forms.RadioSelect,
        label=_("Language of the newsletter"),
    )


class SubscribeForm(TopicsMixin, PublicFormMixin, forms.Form):
    """A plain form, not a ModelForm: a model form would say "already subscribed"."""

    rate_limit_scope = "newsletter-subscribe"

    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    language = _language_field()

    def __init__(self, *args, with_topics=True, **kwargs):
        super().__init__(*args, **kwargs)
        if with_topics:
            self._add_topics()
            # Keep the honeypot and timer last, after the topics.
            for name in ("website", "started"):
                self.fields[name] = self.fields.pop(name)
        if not self.is_bound:
            current = (get_language() or "en")[:2]
            self.initial.setdefault("language", current if current in Language else "en")


class PreferencesForm(TopicsMixin, forms.Form):
    language = _language_field()
    wants_issues = forms.BooleanField(
        required=False,
        label=_("Send me the newsletter Medical Homes @ Work"),
        help_text=_("Your resource alerts come either way."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._add_topics()


class AlertForm(PublicFormMixin, forms.Form):
    """ "Email me new resources like these": an address for the library filter in `filters`."""

    rate_limit_scope = "newsletter-alert"

    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    language = forms.ChoiceField(
        choices=Language.choices, widget=forms.RadioSelect, label=_("Language of the emails")
    )
    # The library's query string, read back through the library's own filter.
    filters = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            current = (get_language() or "en")[:2]
            self.initial.setdefault("language", current if current in Language else "en")

    def clean_filters(self) -> dict:
        from newsletter import alerts

        return alerts.normalize(self.cleaned_data.get("filters") or "")
