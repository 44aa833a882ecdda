from django import template

from medhome import search

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


@register.simple_tag(takes_context=True)
def reuse_block(context, name):
    """Render the page's own version of a block again (the description, for og:description)."""
    from django.template.loader_tags import BLOCK_CONTEXT_KEY

    block_context = context.render_context.get(BLOCK_CONTEXT_KEY)
    block = block_context.get_block(name) if block_context else None
    return block.nodelist.render(context).strip() if block else ""


@register.filter
def highlight(text, query):
    """`text` escaped, with the words of the search `query` in <mark> (no query: as is)."""
    return search.highlight(text, query) if query else text
