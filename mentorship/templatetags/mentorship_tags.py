from django import template

from mentorship.models import State

register = template.Library()


@register.inclusion_tag("mentorship/_home.html", takes_context=True)
def state_map_band(context) -> dict:
    """The home page's band: how many states have a team, a plan and a promise."""
    return {**context.flatten(), "mentorship_summary": State.objects.published().map_summary()}
