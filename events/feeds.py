from datetime import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import Event, EventQuerySet


class UpcomingEventsFeed(Feed):
    feed_type = Atom1Feed
    title = _("Events and webinars from the Medical Home Portal")
    subtitle = _(
        "Upcoming events and webinars of the National Center for Medical Home Implementation."
    )

    def link(self) -> str:
        return reverse("events:list")

    def items(self) -> EventQuerySet:
        return Event.objects.published().upcoming()[:20]

    def item_title(self, item) -> str:
        return item.title

    def item_description(self, item) -> str:
        return item.summary

    def item_pubdate(self, item) -> datetime:
        return item.publish_at

    def item_updateddate(self, item) -> datetime:
        return item.updated_at
