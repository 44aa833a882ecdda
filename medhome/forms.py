"""What every public form shares: a honeypot, a minimum fill time, a rate limit.

Use `PublicFormMixin` before `forms.Form`/`forms.ModelForm` and pass the
request: `MyForm(request.POST, request=request)`. The guards run after the
form's own validation and report a form-wide error a person can act on.
"""

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from medhome import ratelimit

_SALT = "medhome.public-form"


class PublicFormMixin:
    rate_limit_scope = "public-form"
    # The form field whose value (an email address) is rate limited besides the IP.
    rate_limit_field = "email"

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.fields["website"] = forms.CharField(
            label=_("Leave this field empty"),
            required=False,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        self.fields["started"] = forms.CharField(required=False, widget=forms.HiddenInput)
        if not self.is_bound:
            self.initial["started"] = signing.dumps(time.time(), salt=_SALT)

    def honeypot_field(self):
        return self["website"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(
                _("We could not accept this form. Please clear the last field and try again."),
                code="honeypot",
            )
        try:
            started = float(signing.loads(cleaned.get("started") or "", salt=_SALT, max_age=86400))
        except (signing.BadSignature, TypeError, ValueError):
            started = None
        if started is None:
            raise forms.ValidationError(
                _("This form has expired. Please check your answers and send it again."),
                code="expired",
            )
        if time.time() - started < settings.PUBLIC_FORM_MIN_SECONDS:
            raise forms.ValidationError(
                _("That was very quick. Please check your answers and send the form again."),
                code="too_fast",
            )
        if not self.errors and self.request is not None:
            identity = cleaned.get(self.rate_limit_field) or ""
            if ratelimit.hit(self.rate_limit_scope, ratelimit.client_ip(self.request), identity):
                raise forms.ValidationError(
                    _(
                        "We have received several forms from you in the last hour. "
                        "Please try again later or contact us by phone or email."
                    ),
                    code="rate_limited",
                )
        return cleaned

    def visible_public_fields(self):
        return [f for f in self.visible_fields() if f.name != "website"]
