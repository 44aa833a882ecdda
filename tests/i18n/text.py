"""What a visitor reads on a page, skipping fragments marked lang="en"."""

import re
from html.parser import HTMLParser

# Interface words that must not reach a Spanish page (outside fragments marked lang="en").
ENGLISH_INTERFACE = [
    "Search",
    "Next",
    "Previous",
    "Home",
    "Resources",
    "Skip to",
    "Menu",
    "Sign up",
    "Submit",
    "Contact us",
    "Show",
    "Filter",
    "results",
    "Page not found",
    "Available in English only",
]

_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "wbr",
}
_ATTRS = ("title", "aria-label", "alt", "placeholder")


class _Reader(HTMLParser):
    """Collect the text and labelling attributes a visitor meets, skipping lang="en" parts."""

    def __init__(self):
        super().__init__()
        self.stack = []
        self.parts = []

    def _english(self):
        return any(lang and lang.startswith("en") for _, lang in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag not in _VOID:
            self.stack.append((tag, attrs.get("lang")))
        if not self._english() and not (attrs.get("lang") or "").startswith("en"):
            self.parts.extend(attrs[name] for name in _ATTRS if attrs.get(name))
            if tag == "meta" and attrs.get("name") == "description":
                self.parts.append(attrs.get("content") or "")

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if self.stack and self.stack[-1][0] in ("script", "style"):
            return
        if data.strip() and not self._english():
            self.parts.append(data.strip())


def visible_text(html: str) -> str:
    reader = _Reader()
    reader.feed(html)
    return "\n".join(reader.parts)


def english_leaks(html: str) -> list[str]:
    text = visible_text(html)
    return [word for word in ENGLISH_INTERFACE if re.search(rf"\b{word}\b", text)]
