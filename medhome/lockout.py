"""Lockout after repeated failed sign-ins (django-axes), and the admin action to lift it.

Five failures (a wrong password, or a wrong code after the right password:
medhome.second_factor) lock the username, and five from one client address lock that
address, whichever comes first (AXES_* settings); a locked sign-in gets a
clear page (templates/admin/locked_out.html). An administrator unlocks
accounts from the user list ("Unlock sign-in") or deletes the access
attempts of an address under "Axes".
"""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


@admin.action(description=_("Unlock sign-in for the selected users"), permissions=["change"])
def unlock_sign_in(modeladmin, request, queryset) -> None:
    from axes.utils import reset

    count = 0
    for user in queryset:
        reset(username=user.get_username())
        count += 1
    modeladmin.message_user(
        request,
        ngettext("%(count)d user may sign in again.", "%(count)d users may sign in again.", count)
        % {"count": count},
        messages.SUCCESS,
    )


def add_unlock_action() -> None:
    """Add the action to whichever admin class the user model is registered with."""
    user_model = get_user_model()
    if not admin.site.is_registered(user_model):
        return
    current = type(admin.site.get_model_admin(user_model))
    if unlock_sign_in in (current.actions or []):
        return
    admin.site.unregister(user_model)
    admin.site.register(
        user_model,
        type(
            current.__name__, (current,), {"actions": [*(current.actions or []), unlock_sign_in]}
        ),
    )
