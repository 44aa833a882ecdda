from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from medhome.forms import PublicFormMixin
from newsletter.models import Language
from resources.models import Topic


class TopicChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return obj.name


def _topics_field():
    return TopicChoiceField(
        queryset=Topic.objects.all(),
        required=False,
        label=_("Topics you care about"),
        help_text=_("Optional. We use them to choose what to feature."),
    )


def _language_field():
    return forms.ChoiceField(
        choices=Language.choices,
        widget=forms.RadioSelect,
        label=_("Language of the newsletter"),
    )


class SubscribeForm(PublicFormMixin, forms.Form):
    """A plain form, not a ModelForm: a model form would say "already subscribed"."""

    rate_limit_scope = "newsletter-subscribe"

    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    language = _language_field()
    topics = _topics_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            current = (get_language() or "en")[:2]
            self.initial.setdefault("language", current if current in Language else "en")


class PreferencesForm(forms.Form):
    language = _language_field()
    topics = _topics_field()
