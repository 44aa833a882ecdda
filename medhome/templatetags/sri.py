"""Subresource Integrity for our own scripts: `{% sri 'js/site.js' %}` in a script tag.

    <script src="{% static 'js/site.js' %}" {% sri 'js/site.js' %} defer></script>

prints integrity="sha384-…" for the file the static URL serves (the collected,
hashed copy; the source file when static files were not collected), so the
browser refuses a script that was changed on its way or on disk.
"""

import base64
import hashlib
from functools import cache

from django import template
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()


def _content(path: str) -> bytes:
    try:
        # The manifest storage names the hashed file.
        stored = staticfiles_storage.stored_name(path)  # type: ignore[attr-defined]
        with staticfiles_storage.open(stored) as handle:
            return handle.read()
    except (ValueError, OSError):
        found = finders.find(path)
        if not found:
            raise template.TemplateSyntaxError(f"No static file {path!r} for SRI.") from None
        with open(found, "rb") as handle:
            return handle.read()


@cache
def _digest_cached(path: str) -> str:
    return _digest(path)


def _digest(path: str) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(_content(path)).digest()).decode()


@register.simple_tag
def sri(path: str) -> SafeString:
    digest = _digest(path) if settings.DEBUG else _digest_cached(path)
    return format_html('integrity="{}"', digest)
