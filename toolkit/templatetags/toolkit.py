from django import template
from django.utils.translation import get_language

from resources.models import ResourceVersion
from toolkit import lists

register = template.Library()


@register.filter
def in_my_language(versions) -> tuple[list[ResourceVersion], bool]:
    """(versions in the page's language, or all of them when there are none, and
    whether they fell back): a toolkit lists the downloads the visitor can read."""
    versions = list(versions)
    active = (get_language() or "en").split("-")[0]
    mine = [v for v in versions if v.language == active]
    return (mine, False) if mine else (versions, bool(versions))


@register.simple_tag(takes_context=True)
def in_toolkit(context, resource) -> bool:
    """Whether the visitor's toolkit holds this resource (no query without a session)."""
    request = context.get("request")
    return request is not None and resource.pk in lists.in_session(request.session)
