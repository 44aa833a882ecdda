"""The admin's names for the installed apps' models, in English and Spanish.

Django's contrib apps come translated; the others name themselves in English only
(django-axes, django-otp's plugins, django-tasks-db) or not at all ("Otp_Totp").
`name_installed_apps()` (MedhomeConfig.ready) gives their apps and models names
staff understand, translated; the strings below that the installed apps mark
for translation but do not translate into Spanish are listed with gettext_noop
so that makemessages keeps them in our catalogue (locale/ comes first).
"""

from django.apps import apps
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, pgettext_lazy

from medhome.staff import roles

# {app label: (app name, {model name: (verbose name, verbose name plural)})}
NAMES = {
    "axes": (
        _("Sign-in lockouts"),
        {
            "accessattempt": (_("failed sign-in"), _("failed sign-ins")),
            "accesslog": (_("sign-in record"), _("sign-in records")),
            "accessfailurelog": (_("sign-in failure"), _("sign-in failures")),
        },
    ),
    "otp_totp": (
        _("Authenticator apps"),
        {"totpdevice": (_("authenticator app"), _("authenticator apps"))},
    ),
    "otp_static": (
        _("Recovery codes"),
        {
            "staticdevice": (_("recovery code set"), _("recovery code sets")),
            "statictoken": (_("recovery code"), _("recovery codes")),
        },
    ),
    "django_tasks_database": (
        _("Background tasks"),
        {"dbtaskresult": (_("background task"), _("background tasks"))},
    ),
}


# The role groups' names as shown: stored in English, shown in the reader's language
# ("Publisher" alone is also a resource's publishing house, hence the context).
ROLE_LABELS = {
    roles.CONTENT_EDITOR: pgettext_lazy("staff role", "Content editor"),
    roles.PUBLISHER: pgettext_lazy("staff role", "Publisher"),
    roles.MENTORSHIP_COORDINATOR: pgettext_lazy("staff role", "Mentorship coordinator"),
    roles.NEWSLETTER_MANAGER: pgettext_lazy("staff role", "Newsletter manager"),
    roles.ADMINISTRATOR: pgettext_lazy("staff role", "Administrator"),
}


def _group_label(group: Group) -> str:
    return str(ROLE_LABELS.get(group.name, group.name))


def name_installed_apps() -> None:
    for label, (app_name, models) in NAMES.items():
        try:
            config = apps.get_app_config(label)
        except LookupError:
            continue
        config.verbose_name = app_name
        for model_name, (singular, plural) in models.items():
            try:
                opts = config.get_model(model_name)._meta
            except LookupError:
                continue
            opts.verbose_name, opts.verbose_name_plural = singular, plural
    # Wherever a group is listed (the user form, the group list), a role shows its
    # name in the reader's language.
    Group.__str__ = _group_label  # type: ignore[method-assign, assignment]  # a role's name, translated, everywhere


# Strings the installed apps translate with gettext but have no Spanish for.
THIRD_PARTY_STRINGS = [
    # Django (its Spanish catalogue lacks this one)
    gettext_noop("- Select an option -"),
    # django-simple-history (the history and revert pages)
    gettext_noop("Change history: %s"),
    gettext_noop('The %(name)s "%(obj)s" was changed successfully.'),
    gettext_noop("You may edit it again below"),
    gettext_noop("Revert %s"),
    gettext_noop("Created"),
    gettext_noop("Changed"),
    gettext_noop("Deleted"),
    gettext_noop(
        "Choose a date from the list below to revert to a previous version of this object."
    ),
    gettext_noop("This object doesn't have a change history."),
    gettext_noop("Home"),
    gettext_noop("History"),
    gettext_noop("Revert %(verbose_name)s"),
    gettext_noop("Press the 'Revert' button below to revert to this version of the object."),
    gettext_noop("Or press the 'Change History' button to edit the history."),
    gettext_noop("Object"),
    gettext_noop("Date/time"),
    gettext_noop("Comment"),
    gettext_noop("Changed by"),
    gettext_noop("Change reason"),
    gettext_noop("None"),
    gettext_noop("Revert"),
    gettext_noop("Change History"),
    gettext_noop("Form Data"),
    gettext_noop("Meta Data"),
    # django-axes (the lockout lists' columns)
    gettext_noop("User Agent"),
    gettext_noop("IP Address"),
    gettext_noop("Username"),
    gettext_noop("HTTP Accept"),
    gettext_noop("Path"),
    gettext_noop("Attempt Time"),
    gettext_noop("Access lock out"),
    gettext_noop("GET Data"),
    gettext_noop("POST Data"),
    gettext_noop("Failed Logins"),
    gettext_noop("Logout Time"),
    # django-tasks-db (the task list's columns)
    gettext_noop("status"),
    gettext_noop("enqueued at"),
    gettext_noop("started at"),
    gettext_noop("finished at"),
    gettext_noop("args kwargs"),
    gettext_noop("priority"),
    gettext_noop("task path"),
    gettext_noop("worker id"),
    gettext_noop("queue name"),
    gettext_noop("backend name"),
    gettext_noop("run after"),
    gettext_noop("return value"),
    gettext_noop("exception class path"),
    gettext_noop("traceback"),
]
