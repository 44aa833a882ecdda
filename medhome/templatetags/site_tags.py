from django import template

register = template.Library()


@register.filter
def startswith(value, prefix) -> bool:
    return bool(prefix) and str(value).startswith(str(prefix))


@register.simple_tag(takes_context=True)
def current_if(context, url, exact=False) -> str:
    """'page' for aria-current when the request is at (or, unless exact, under) url."""
    path = context["request"].path
    if not url:
        return ""
    hit = path == url if exact else path.startswith(url)
    return "page" if hit else ""
