"""Change history of every curated model, its inlines and its many-to-many relations,
kept by django-simple-history, and "restore" that brings them back together.

`register_history()` runs in medhome's AppConfig.ready(), after
django-modeltranslation (first in INSTALLED_APPS) has added the `<field>_en`
and `<field>_es` columns, so the historical models copy the Spanish and
English fields too. It registers:

- every Publishable subclass, with its many-to-many fields (topics, audiences,
  expertise, tools, related questions...): each change to them is a record;
- the rows staff edit inline on a curated item's page (CHILDREN: a resource's
  language versions, a state's team, QI plan, promise, projects and contacts, an
  issue's sections);
- the taxonomies curated items are filed under (TAXONOMIES).

Each gets a `history` manager and a `Historical<Model>` table in its own app (run
makemigrations for that app). `restore(record, user)` puts back the many-to-many
relations and the inline rows as they were at that record; PublishableAdmin's
"Revert" calls it.
"""

from typing import Any

import simple_history
from django.apps import apps
from django.contrib.postgres.search import SearchVectorField
from django.db import transaction
from django.utils import timezone
from simple_history import utils
from simple_history.models import HistoricalRecords

from medhome.staff.roles import publishable_models

# {parent "app.Model": [(child "app.Model", its foreign key to the parent)]}
CHILDREN = {
    "resources.Resource": [("resources.ResourceVersion", "resource")],
    "mentorship.State": [
        ("mentorship.TeamMember", "state"),
        ("mentorship.QIPlan", "state"),
        ("mentorship.Promise", "state"),
        ("mentorship.Initiative", "state"),
        ("mentorship.Contact", "state"),
    ],
    "newsletter.Issue": [("newsletter.IssueSection", "issue")],
}
TAXONOMIES = [
    "resources.ResourceType",
    "resources.Topic",
    "resources.Audience",
    "mentorship.Expertise",
]


def _model(label):
    try:
        return apps.get_model(label)
    except LookupError:
        return None  # the app is not installed


def _register(model, **options):
    if getattr(model._meta, "simple_history_manager_attribute", None):
        return  # the model declared `history = HistoricalRecords()` itself
    simple_history.register(
        model,
        app=model._meta.app_label,
        records_class=HistoricalRecords,
        # The bookkeeping stamp changes on every save and says nothing; search
        # vectors are derived by the database from the text that is recorded, and a
        # resource's topic names (resources.topic_terms) from its recorded topics.
        excluded_fields=[
            f.name
            for f in model._meta.fields
            if f.name == "updated_at"
            or isinstance(f, SearchVectorField)
            or f.name.startswith("topic_terms_")
        ],
        **options,
    )


def register_history() -> None:
    for model in publishable_models():
        _register(model, m2m_fields=[f.name for f in model._meta.many_to_many])
    for label in [*TAXONOMIES, *(c for children in CHILDREN.values() for c, _ in children)]:
        if (model := _model(label)) is not None:
            _register(model)


def children_of(model) -> list[tuple[Any, str]]:  # Any: models with an untyped .history
    """[(child model, foreign key name)] of the rows edited inline on `model`'s page."""
    found = []
    for label, fk in CHILDREN.get(model._meta.label, []):
        if (child := _model(label)) is not None:
            found.append((child, fk))
    return found


def m2m_at(record, field) -> list:
    """The primary keys `field` held at this historical record."""
    target = utils.get_m2m_reverse_field_name(field)
    return [getattr(row, f"{target}_id") for row in getattr(record, field.name).all()]


def show_m2m_as_of(instance, record) -> None:
    """Make `instance` (a record's .instance) read its many-to-many fields as they were
    at `record`: forms built on it show, and then save, those values."""
    cache = instance.__dict__.setdefault("_prefetched_objects_cache", {})
    for field in record._history_m2m_fields:
        cache[field.name] = field.related_model._default_manager.filter(
            pk__in=m2m_at(record, field)
        )


@transaction.atomic
def restore(record, user=None) -> dict[str, int]:
    """Put back, as at `record`, the many-to-many relations and the inline rows of
    the item it is a version of (the item's own fields are the revert form's job).
    Returns how many inline rows were restored and removed."""
    instance = record.instance_type._default_manager.get(pk=record.instance.pk)
    instance._history_user = user
    for field in record._history_m2m_fields:
        wanted = set(m2m_at(record, field))
        current = set(getattr(instance, field.name).values_list("pk", flat=True))
        if wanted != current:
            getattr(instance, field.name).set(wanted)
    # The rows as they were until the item's next change: a save saves the item
    # first and its inline rows after it, within the same request.
    later = record.next_record
    until = later.history_date if later is not None else timezone.now()
    restored = removed = 0
    for child, fk in children_of(type(instance)):
        rows = child.history.as_of(until).filter(**{fk: instance.pk})
        then = {row.pk: row for row in rows}
        for row in child._default_manager.filter(**{fk: instance.pk}).exclude(pk__in=then):
            row._history_user = user
            row.delete()
            removed += 1
        for row in then.values():
            row._history_user = user
            row.save()
            restored += 1
    return {"restored": restored, "removed": removed}
