from django import template

from events.models import Event

register = template.Library()


@register.inclusion_tag("events/_home.html")
def upcoming_events(limit=2) -> dict[str, list[Event]]:
    """The home page's band: the next `limit` events (one query)."""
    return {"events": list(Event.objects.published().upcoming()[:limit])}
