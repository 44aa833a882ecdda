from urllib.parse import quote

from django import template
from django.conf import settings
from django.template.defaulttags import TemplateIfParser
from django.utils import timezone
from django.utils.translation import gettext

from medhome import search
from medhome.cache import cached

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
def reuse_block(context, name) -> str:
    """Render the page's own version of a block again (the description, for og:description)."""
    from django.template.loader_tags import BLOCK_CONTEXT_KEY

    block_context = context.render_context.get(BLOCK_CONTEXT_KEY)
    block = block_context.get_block(name) if block_context else None
    return block.nodelist.render(context).strip() if block else ""


@register.filter
def highlight(text, query) -> str:
    """`text` escaped, with the words of the search `query` in <mark> (no query: as is)."""
    return search.highlight(text, query) if query else text


@register.inclusion_tag("includes/share.html")
def share(path, title, key="page", what="page") -> dict[str, str]:
    """Copy link, email and print for the page at `path` (or one part of it, `key`).

    Plain links and a visible address without JavaScript; site.js adds the copy and
    print buttons. The email is a mailto: link, so nothing goes through our server.
    `what` is "page" or "question" and only changes the wording."""
    url = f"{settings.SITE_URL}{path}"
    body = gettext("I found this on the Medical Home Portal:") + f"\r\n\r\n{title}\r\n{url}\r\n"
    mailto = f"mailto:?subject={quote(str(title), safe='')}&body={quote(body, safe='')}"
    return {"url": url, "title": title, "mailto": mailto, "key": key, "what": what}


class CachedPartNode(template.Node):
    def __init__(self, nodelist: template.NodeList, names: list, only_if=None) -> None:
        self.nodelist = nodelist
        self.names = names
        self.only_if = only_if

    def render(self, context: template.Context) -> str:
        if self.only_if is not None and not self.only_if.eval(context):
            return self.nodelist.render(context)
        key = ("part", timezone.localdate(), *(str(n.resolve(context)) for n in self.names))
        return cached(key, lambda: self.nodelist.render(context))


@register.tag
def cachedpart(parser, token) -> CachedPartNode:
    """`{% cachedpart "home" page_number %}…{% endcachedpart %}`: what is inside, rendered
    once per content version, language, day and the values named, then kept in this
    process's memory (medhome.cache). Only for markup the same for every visitor: no
    form token, no nonce, nothing read from the session. `… only_if not form.is_bound`
    renders it afresh whenever the condition is false (a form showing what was sent)."""
    bits = token.split_contents()[1:]
    only_if = None
    if "only_if" in bits:
        at = bits.index("only_if")
        condition = bits[at + 1 :]
        if not condition:
            raise template.TemplateSyntaxError("cachedpart: only_if needs a condition")
        only_if = TemplateIfParser(parser, condition).parse()
        bits = bits[:at]
    if not bits:
        raise template.TemplateSyntaxError("cachedpart needs a name")
    names = [parser.compile_filter(bit) for bit in bits]
    nodelist = parser.parse(("endcachedpart",))
    parser.delete_first_token()
    return CachedPartNode(nodelist, names, only_if)
