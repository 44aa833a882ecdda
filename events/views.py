from typing import Any, cast

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from medhome.breadcrumbs import section_page, trail
from medhome.mixins import StaffPreviewMixin
from medhome.pagination import LenientPaginationMixin

from . import ics
from .models import Event, EventQuerySet


class UpcomingEventListView(LenientPaginationMixin, ListView):
    """A ?page= past the end or not a number shows a page with a note, as every list
    does, rather than a 404."""

    template_name = "events/event_list.html"
    context_object_name = "events"
    paginate_by = 20
    extra_context = {"breadcrumbs": section_page("events"), "archive": False}

    def get_queryset(self) -> EventQuerySet:
        return Event.objects.published().upcoming().for_lists()


class PastEventListView(UpcomingEventListView):
    extra_context = {"breadcrumbs": section_page("past_events"), "archive": True}

    def get_queryset(self) -> EventQuerySet:
        return Event.objects.published().past().for_lists()


class EventDetailView(StaffPreviewMixin, DetailView):
    model = Event
    context_object_name = "event"

    def get_queryset(self) -> EventQuerySet:
        return cast(EventQuerySet, super().get_queryset()).for_lists()

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        over = self.object.is_over
        return super().get_context_data(
            breadcrumbs=trail(
                "events", *(["past_events"] if over else []), here=self.object.title
            ),
            last_updated=self.object.updated_at,
            **kwargs,
        )


def _calendar_response(request, events, *, name: str, filename: str) -> HttpResponse:
    text = ics.calendar(
        events,
        name=name,
        url_for=lambda event: request.build_absolute_uri(event.get_absolute_url()),
        host=request.get_host().split(":")[0],
    )
    return HttpResponse(
        text,
        content_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def event_ics(request, slug) -> HttpResponse:
    event = get_object_or_404(Event.objects.published(), slug=slug)
    return _calendar_response(request, [event], name=event.title, filename=f"{slug}.ics")


def calendar_ics(request) -> HttpResponse:
    """Every upcoming event, for calendar apps that subscribe to a web calendar."""
    events = Event.objects.published().upcoming()[:100]
    return _calendar_response(
        request,
        events,
        name=str(_("Medical Home Portal events")),
        filename="medical-home-events.ics",
    )
