"""What every public form shares: a honeypot, a single-use timer, a rate limit.

Use `PublicFormMixin` before `forms.Form`/`forms.ModelForm` and pass the
request: `MyForm(request.POST, request=request)`. The guards run after the
form's own validation and report a form-wide error a person can act on.
"""

import secrets
import time
from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.forms import BoundField
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from medhome import httpcache, ratelimit

_SALT = "medhome.public-form"


def new_form_token() -> str:
    """A signed "form started" value: when the form was shown, and a one-time nonce.
    A page that shows one is this visitor's alone (never cached, no ETag)."""
    httpcache.personal()
    return signing.dumps({"t": time.time(), "n": secrets.token_urlsafe(16)}, salt=_SALT)


def read_form_token(value: str) -> tuple[float, str] | None:
    """(started, nonce) of a valid, unexpired token; None otherwise."""
    try:
        payload = signing.loads(value or "", salt=_SALT, max_age=settings.PUBLIC_FORM_MAX_AGE)
        return float(payload["t"]), str(payload["n"])
    except (signing.BadSignature, TypeError, ValueError, KeyError):
        return None


def spend_form_token(nonce: str) -> bool:
    """Mark the token used in the shared cache; False when it was used before."""
    return cache.add(f"form-token:{nonce}", 1, timeout=settings.PUBLIC_FORM_MAX_AGE + 60)


if TYPE_CHECKING:
    _FormBase = forms.BaseForm
else:
    _FormBase = object


class PublicFormMixin(_FormBase):
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
            self.initial["started"] = new_form_token()

    def honeypot_field(self) -> BoundField:
        return self["website"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned is None:  # a clean() that changed cleaned_data in place returns nothing
            cleaned = self.cleaned_data
        if cleaned.get("website"):
            raise forms.ValidationError(
                _("We could not accept this form. Please clear the last field and try again."),
                code="honeypot",
            )
        token = read_form_token(cleaned.get("started") or "")
        if token is None:
            raise forms.ValidationError(
                _("This form has expired. Please check your answers and send it again."),
                code="expired",
            )
        started, nonce = token
        if time.time() - started < settings.PUBLIC_FORM_MIN_SECONDS:
            raise forms.ValidationError(
                _("That was very quick. Please check your answers and send the form again."),
                code="too_fast",
            )
        if not self.errors and self.request is not None:
            identity = str(cleaned.get(self.rate_limit_field) or "")
            if ratelimit.hit(
                self.request,
                self.rate_limit_scope,
                rate=ratelimit.public_form_rate(),
                identity=identity,
            ):
                raise forms.ValidationError(
                    _(
                        "We have received several forms from you in the last hour. "
                        "Please try again later or contact us by phone or email."
                    ),
                    code="rate_limited",
                )
        # Last, so a form with mistakes can be corrected and sent with the same token.
        if not self.errors and not spend_form_token(nonce):
            raise forms.ValidationError(
                _("This form was already sent. Please open the page again to send another."),
                code="replayed",
            )
        return cleaned

    def visible_public_fields(self) -> list[BoundField]:
        return [f for f in self.visible_fields() if f.name != "website"]


def _from_another_site(request: HttpRequest) -> bool:
    if request.headers.get("Sec-Fetch-Site") == "cross-site":
        return True
    origin = request.headers.get("Origin")
    if origin is None:
        return False  # older browsers and non-browser clients; the limits still apply
    if origin in settings.CSRF_TRUSTED_ORIGINS:
        return False
    return origin == "null" or urlsplit(origin).netloc != request.get_host()


def same_site_post(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A POST-only view without Django's CSRF token, for a form that must not make the
    page it sits on personal: a post another site's page sends is refused (403)."""

    @csrf_exempt
    @require_POST
    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if _from_another_site(request):
            return HttpResponseForbidden(gettext("This form can only be sent from this site."))
        return view(request, *args, **kwargs)

    return wrapper
