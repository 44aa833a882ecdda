from django import forms
from django.utils.translation import gettext_lazy as _

from medhome.forms import PublicFormMixin


class ToolkitEmailForm(PublicFormMixin, forms.Form):
    """Send my toolkit to an address: the address only, never a message of the sender's."""

    rate_limit_scope = "toolkit-email"

    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_(
            "An address confirmed for our newsletter gets the list; any other address gets "
            "only the link to it. We keep no record of the address."
        ),
    )
