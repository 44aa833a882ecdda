"""The names of a resource's topics, copied onto the resource for its search vector.

A resource filed under "Care coordination" should be found, and rank above a passing
mention in some other resource's body, when someone searches for care coordination,
even if its own text never says it (issue 11). The search index reads one row at a
time (PostgreSQL's trigger, SQLite's FTS5 table), so the names are denormalised onto
the resource: `topic_terms_en`, and `topic_terms_es` (each topic's Spanish name, or
its English one when it has none), weighted B in the vector like the summary.

They are kept current by the signals below, one UPDATE per change: topics added to or
removed from a resource (either side of the relation), a topic renamed or deleted.
`manage.py rebuild_search_index` recomputes them all.
"""

from django.db import connections
from django.db.models import F, OuterRef, QuerySet, StringAgg, Subquery, Value
from django.db.models.functions import Coalesce, NullIf

LANGUAGES = ("en", "es")


def _names(resource_model, lang: str, *, ordered: bool) -> Coalesce:
    through = resource_model._meta.get_field("topics").remote_field.through
    name: F | Coalesce = F("topic__name_en")
    if lang != "en":
        name = Coalesce(NullIf(F(f"topic__name_{lang}"), Value("")), F("topic__name_en"))
    joined = (
        through.objects.filter(resource_id=OuterRef("pk"))
        .values("resource_id")
        .annotate(
            terms=StringAgg(
                name, Value("\n"), order_by=("topic__order", "topic__slug") if ordered else None
            )
        )
        .values("terms")
    )
    return Coalesce(Subquery(joined), Value(""))


def refresh(resources: QuerySet) -> int:
    """Recompute the topic names of `resources` (historical models too), in one UPDATE."""
    # In the topics' order where the database can say so (SQLite before 3.44 cannot):
    # the order changes no match or rank, only which words stand next to each other.
    ordered = connections[resources.db].features.supports_aggregate_order_by_clause
    return resources.update(
        **{
            f"topic_terms_{lang}": _names(resources.model, lang, ordered=ordered)
            for lang in LANGUAGES
        }
    )


# Signals (connected in ResourcesConfig.ready) ---------------------------------------


# The Resource model is taken from what each signal carries (resources.models imports
# this module, so this one does not import it).


def topics_changed(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    if action == "pre_clear" and reverse:
        # A topic's resources are about to be cleared: remember which ones.
        instance._topic_terms_resources = list(instance.resources.values_list("pk", flat=True))
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        if action != "post_clear" and not pk_set:
            return
        refresh(type(instance)._default_manager.filter(pk=instance.pk))
        # The instance's copy is now stale: deferred, it is read afresh when asked for
        # and a later save() of this instance leaves the column alone.
        for lang in LANGUAGES:
            instance.__dict__.pop(f"topic_terms_{lang}", None)
        return
    pks = pk_set if action != "post_clear" else instance.__dict__.pop("_topic_terms_resources", [])
    if pks:
        refresh(model._default_manager.filter(pk__in=pks))  # reverse: model is Resource


def topic_saved(sender, instance, created, update_fields=None, **kwargs) -> None:
    if created or (update_fields is not None and not any("name" in f for f in update_fields)):
        return  # a new topic has no resources yet; nothing named changed
    resources = instance.resources
    refresh(resources.model._default_manager.filter(pk__in=resources.values("pk")))


def topic_deleting(sender, instance, **kwargs) -> None:
    instance._topic_terms_resources = list(instance.resources.values_list("pk", flat=True))
    instance._topic_terms_model = instance.resources.model


def topic_deleted(sender, instance, **kwargs) -> None:
    pks = instance.__dict__.pop("_topic_terms_resources", [])
    if pks:
        refresh(instance.__dict__.pop("_topic_terms_model")._default_manager.filter(pk__in=pks))
