from datetime import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import Resource, ResourceQuerySet


class NewResourcesFeed(Feed):
    feed_type = Atom1Feed
    title = _("New resources from the Medical Home Portal")
    subtitle = _("Tools, guides and fact sheets recently added to the resource library.")

    def link(self) -> str:
        return reverse("resources:list")

    def items(self) -> ResourceQuerySet:
        return (
            Resource.objects.published()
            .select_related("resource_type")
            .order_by("-publish_at", "pk")[:20]
        )

    def item_title(self, item) -> str:
        return item.title

    def item_description(self, item) -> str:
        return item.summary

    def item_pubdate(self, item) -> datetime:
        return item.publish_at

    def item_updateddate(self, item) -> datetime:
        return item.updated_at

    def item_categories(self, item) -> list[str]:
        return [item.resource_type.name]
