from django import template
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from medhome.search import render_headline
from resources.models import Resource

register = template.Library()

FEATURED_ON_HOME = 6


@register.inclusion_tag("resources/_home.html", takes_context=True)
def featured_resources_band(context) -> dict:
    """The home page's band: up to six featured resources."""
    featured = Resource.objects.published().filter(featured=True).for_cards()
    return {**context.flatten(), "featured_resources": featured[:FEATURED_ON_HOME]}


@register.filter
def headline(raw) -> SafeString:
    """A search snippet (ts_headline) as escaped HTML with the matches in <mark>."""
    return render_headline(raw)


@register.filter
def mine_first(versions) -> list:
    """A resource's versions with those in the page's language first (a Spanish page
    offers the Spanish download before the English one), otherwise in stored order."""
    active = (get_language() or "en").split("-")[0]
    return sorted(versions, key=lambda version: version.language != active)


@register.filter
def languages(versions) -> list[tuple[str, str]]:
    """The distinct languages of a resource's prefetched versions, as (code, label),
    the page's language first."""
    seen: dict[str, str] = {}
    for version in mine_first(versions):
        seen.setdefault(version.language, version.get_language_display())
    return list(seen.items())
