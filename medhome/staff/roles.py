"""Staff roles: one group each, with the least privilege that role's work needs.

The mapping is by app label and model name; a model that does not exist (an
app removed from INSTALLED_APPS) is skipped. `sync_roles()` runs after every
`migrate` (post_migrate, connected in MedhomeConfig.ready()), so new models
join their roles on the next migrate. Syncing only adds permissions: an
administrator may grant a group more in the admin.

Curated models (subclasses of medhome.models.Publishable) get one more
permission, `publish_<model>`: without it the status cannot be set to
published or archived, and the bulk publish/archive actions are hidden.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.utils.translation import gettext_noop

from medhome.models import Publishable

EDIT = ("add", "change", "view")
PUBLISH = ("add", "change", "view", "publish")
VIEW = ("view",)
ALL = "*"

CONTENT_EDITOR = gettext_noop("Content editor")
PUBLISHER = gettext_noop("Publisher")
MENTORSHIP_COORDINATOR = gettext_noop("Mentorship coordinator")
NEWSLETTER_MANAGER = gettext_noop("Newsletter manager")
ADMINISTRATOR = gettext_noop("Administrator")

_CONTENT: dict[tuple[str, str], tuple[str, ...] | str] = {
    ("faq", "question"): EDIT,
    ("faq", "category"): EDIT,
    # "Was this page helpful?" answers, and the report of the least helpful pages.
    ("medhome", "pagefeedback"): ("view", "report"),
    ("resources", "resource"): EDIT,
    ("resources", "resourceversion"): ("add", "change", "view", "delete"),
    ("resources", "resourcetype"): EDIT,
    ("resources", "topic"): EDIT,
    ("resources", "audience"): EDIT,
    ("resources", "submission"): ("change", "view"),
    ("medhome", "page"): EDIT,
    ("events", "event"): EDIT,
}

# {group name: {(app label, model name or "*"): actions or "*"}}. "*" as the
# model means every model of the app; "*" as the actions means every permission
# of the model, including custom ones such as a newsletter's "send".
ROLES: dict[str, dict[tuple[str, str], tuple[str, ...] | str]] = {
    CONTENT_EDITOR: _CONTENT,
    PUBLISHER: {
        **_CONTENT,
        ("faq", "question"): PUBLISH,
        ("resources", "resource"): PUBLISH,
        ("events", "event"): PUBLISH,
        ("medhome", "page"): PUBLISH,
        ("faq", "category"): PUBLISH,
    },
    MENTORSHIP_COORDINATOR: {
        ("mentorship", ALL): ("add", "change", "view", "publish"),
        # How helpful visitors find the state and mentor pages.
        ("medhome", "pagefeedback"): ("view", "report"),
        # To pick a state's resources or a mentor's tools with autocomplete.
        ("resources", "resource"): VIEW,
    },
    NEWSLETTER_MANAGER: {
        ("newsletter", ALL): ALL,
        ("resources", "resource"): VIEW,
    },
    ADMINISTRATOR: {(ALL, ALL): ALL},
}


def publishable_models(apps=global_apps) -> list[type[Publishable]]:
    return [m for m in apps.get_models() if issubclass(m, Publishable)]


def ensure_publish_permissions(apps=global_apps) -> None:
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    for model in publishable_models(apps):
        opts = model._meta
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"publish_{opts.model_name}",
            defaults={"name": f"Can publish and archive {opts.verbose_name_raw}"},
        )


def _permissions_for(app_label, model_name, actions):
    from django.contrib.auth.models import Permission

    permissions = Permission.objects.select_related("content_type")
    if app_label != ALL:
        permissions = permissions.filter(content_type__app_label=app_label)
    if model_name != ALL:
        permissions = permissions.filter(content_type__model=model_name)
    if actions != ALL:
        codenames = [f"{action}_" for action in actions]
        permissions = [p for p in permissions if p.codename.startswith(tuple(codenames))]
        # "publish_" must not match models whose name starts with it elsewhere:
        # keep exact "<action>_<model>" codenames only.
        permissions = [
            p for p in permissions if p.codename.split("_", 1)[1] == p.content_type.model
        ]
    return list(permissions)


def sync_roles(apps=global_apps, verbosity=0) -> None:
    """Create every app's permissions, the publish permissions and the role groups."""
    from django.contrib.auth.models import Group

    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=verbosity)
    ensure_publish_permissions(apps)
    for name, grants in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        wanted = []
        for (app_label, model_name), actions in grants.items():
            if model_name != ALL and app_label != ALL:
                try:
                    apps.get_model(app_label, model_name)
                except LookupError:
                    continue  # the app is not installed
            wanted += _permissions_for(app_label, model_name, actions)
        group.permissions.add(*wanted)


def sync_roles_after_migrate(sender, **kwargs) -> None:
    sync_roles(verbosity=kwargs.get("verbosity", 0))
