"""Rich text written by staff: Markdown rendered, then sanitised.

Staff write Markdown; the output is cleaned with nh3 so that no script, event
attribute, style or non-web link can reach a page, whatever was typed.
"""

from functools import lru_cache

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "h2", "h3", "h4",
    "blockquote", "code", "pre", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}


def sanitize_html(html: str) -> SafeString:
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return mark_safe(cleaned)  # noqa: S308 (nh3 has just removed everything unsafe)


@lru_cache(maxsize=4096)
def render_markdown(text: str) -> SafeString:
    # Pure and costly (about 5 ms an answer): a page of 500 FAQ answers rendered each
    # request took seconds. Each process keeps the most recent 4,096 renderings.
    return sanitize_html(markdown.markdown(text or "", extensions=["tables", "sane_lists"]))


@lru_cache(maxsize=4096)
def plain_text(text: str) -> str:
    """Markdown reduced to plain text, for summaries, feeds and structured data."""
    return nh3.clean(markdown.markdown(text or ""), tags=set()).strip()
