from django import template

from medhome.search import render_headline

register = template.Library()


@register.filter
def headline(raw):
    """A search snippet (ts_headline) as escaped HTML with the matches in <mark>."""
    return render_headline(raw)


@register.filter
def languages(versions):
    """The distinct languages of a resource's prefetched versions, as (code, label)."""
    seen = {}
    for version in versions:
        seen.setdefault(version.language, version.get_language_display())
    return list(seen.items())
