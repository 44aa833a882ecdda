"""Staff sign in with two factors: a password and a code (django-otp).

Every staff account has a TOTP device (an authenticator app) and a set of
single-use recovery codes. The admin site only lets in a user whose session
was verified by one of them (`StaffAdminSite`, an `OTPAdminSite`); a
password alone reaches no admin page. The login form has one "code" field:
six digits go to the authenticator, anything else is tried as a recovery code.
A code that is tried and refused counts toward the sign-in lockout exactly as
a wrong password does (`StaffLoginForm.clean`).

`enrol(user)` gives an account its devices (`manage.py second_factor NAME`
and `make run`'s local accounts use it) and returns the otpauth:// address
to add to an authenticator app and the recovery codes, shown once.
"""

from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_otp.admin import OTPAdminSite
from django_otp.forms import OTPAuthenticationFormMixin
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

AUTHENTICATOR = "authenticator"
RECOVERY = "recovery codes"
RECOVERY_CODE_COUNT = 10


@dataclass
class Enrolment:
    uri: str
    # Only when new codes were made: existing ones are stored and cannot be shown again.
    recovery_codes: list[str] = field(default_factory=list)


@transaction.atomic
def enrol(user: AbstractBaseUser, *, renew: bool = False) -> Enrolment:
    """Give `user` an authenticator device and recovery codes (new ones when `renew`)."""
    if renew:
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
    totp = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if totp is None:
        totp = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR, confirmed=True)
    codes: list[str] = []
    recovery, created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY, defaults={"confirmed": True}
    )
    if created or not recovery.token_set.exists():
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=recovery, token=c) for c in codes)
    return Enrolment(uri=totp.config_url, recovery_codes=codes)


class StaffLoginForm(AdminAuthenticationForm, OTPAuthenticationFormMixin):
    otp_token = forms.CharField(
        label=_("Code"),
        required=False,
        max_length=32,
        help_text=_(
            "The six-digit code from your authenticator app, or one of your recovery codes."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "spellcheck": "false"}
        ),
    )
    otp_error_messages = {
        **OTPAuthenticationFormMixin.otp_error_messages,
        "token_required": _("Enter the code from your authenticator app or a recovery code."),
        "invalid_token": _(
            "That code is not right. Enter the current code from your authenticator app "
            "or an unused recovery code."
        ),
        "device_required": _(
            "This account has no second factor yet. Ask an administrator to set one up."
        ),
    }

    def clean(self) -> dict[str, Any]:
        # A wrong password stops here (and django.contrib.auth has already told
        # django-axes), so the code below only ever counts the second factor.
        cleaned = super().clean()
        try:
            self.clean_otp(self.get_user())
        except forms.ValidationError:
            # A code was tried and refused (wrong, used, or throttled): a guess at the
            # second factor counts toward the lockout like a guess at the password,
            # or five wrong codes a minute would go on for ever. No code at all is
            # only a reminder to enter one.
            if self.cleaned_data.get("otp_token"):
                self._count_failed_sign_in()
            raise
        return cleaned

    def _count_failed_sign_in(self) -> None:
        """Send the signal `django.contrib.auth.authenticate` sends for a wrong password."""
        user_login_failed.send(
            sender="django.contrib.auth",
            credentials={
                "username": self.cleaned_data.get("username"),
                # As authenticate() cleanses it; axes only reads the username.
                "password": "********************",
            },
            request=self.request,
        )

    def _chosen_device(self, user):
        """Six digits: the authenticator; anything else: the recovery codes."""
        token = (self.cleaned_data.get("otp_token") or "").strip().replace(" ", "")
        self.cleaned_data["otp_token"] = token
        if token.isdigit() and len(token) == 6:
            return TOTPDevice.objects.filter(user=user, confirmed=True).first()
        return StaticDevice.objects.filter(user=user, confirmed=True).first()

    def _update_form(self, user):
        # No device picker: the code field chooses the device.
        return None


class StaffAdminSite(OTPAdminSite):
    """The admin, for staff verified by both factors."""

    login_form = StaffLoginForm
    login_template = "admin/staff_login.html"

    def __init__(self, name: str = "admin") -> None:
        super().__init__(name)

    def register(self, model_or_iterable, admin_class=None, **options) -> None:
        # Every admin class, ours or an installed app's, gets the accessibility fixes.
        from django.contrib.admin import ModelAdmin

        from medhome.staff.accessible import accessible

        super().register(model_or_iterable, accessible(admin_class or ModelAdmin), **options)
