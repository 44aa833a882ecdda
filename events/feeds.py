from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import Event


class UpcomingEventsFeed(Feed):
    feed_type = Atom1Feed
    title = _("Events and webinars from the Medical Home Portal")
    subtitle = _(
        "Upcoming events and webinars of the National Center for Medical Home Implementation."
    )

    def link(self):
        return reverse("events:list")

    def items(self):
        return Event.objects.published().upcoming()[:20]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at
