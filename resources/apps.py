from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = _("Resource library")

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

        from medhome.search import register_provider, register_suggester

        from . import topic_terms
        from .models import Resource, Topic
        from .search import site_search, suggest

        register_provider("resources", site_search, order=20)
        register_suggester(suggest)
        # A resource's topic names are part of its search vector (resources.topic_terms).
        m2m_changed.connect(
            topic_terms.topics_changed, sender=Resource.topics.through, dispatch_uid="topic-terms"
        )
        post_save.connect(topic_terms.topic_saved, sender=Topic, dispatch_uid="topic-terms")
        pre_delete.connect(topic_terms.topic_deleting, sender=Topic, dispatch_uid="topic-terms")
        post_delete.connect(topic_terms.topic_deleted, sender=Topic, dispatch_uid="topic-terms")
