from urllib.parse import urlencode

from django.conf import settings
from django.urls import translate_url
from django.utils.functional import SimpleLazyObject

from medhome.cache import cached

# Query parameters that never change what a page shows, or change it only for a moment.
VOLATILE = {"fbclid", "gclid", "msclkid", "mc_cid", "mc_eid", "ref", "_"}


def canonical_path(request) -> str:
    """The path with only the query parameters that change the content, in a stable order:
    no empty values, no page=1, no tracking parameters."""
    kept = []
    for key in sorted(request.GET):
        if key in VOLATILE or key.startswith("utm_"):
            continue
        for value in request.GET.getlist(key):
            if value == "" or (key == "page" and value == "1"):
                continue
            kept.append((key, value))
    return f"{request.path}?{urlencode(kept)}" if kept else request.path


def _alternates(request):
    path = request.get_full_path()
    canonical = canonical_path(request)
    return [
        {
            "code": code,
            "name": name,
            "url": translate_url(path, code),
            "canonical": translate_url(canonical, code),
        }
        for code, name in settings.LANGUAGES
    ]


def _last_updated() -> object:
    """When any published content last changed: the footer's date on pages that give no
    date of their own (the home page, forms). One query: a UNION of one row per table."""
    from django.apps import apps
    from django.db.models import Max

    parts = [
        apps.get_model(label)
        .objects.published()
        .order_by()
        .values("status")  # all "published": one group, one row
        .annotate(latest=Max("updated_at"))
        .values_list("latest", flat=True)
        for label in (
            "resources.Resource",
            "faq.Question",
            "mentorship.State",
            "mentorship.Mentor",
        )
    ]
    rows = parts[0].union(*parts[1:], all=True).order_by()
    return max((date for date in rows if date), default=None)


def _demo_loaded() -> bool:
    from medhome.models import DemoMarker

    return DemoMarker.objects.exists()


def site(request) -> dict[str, object]:
    return {
        "center": settings.CENTER,
        "site_url": settings.SITE_URL,
        # Lazy: pages that never render the switcher or hreflang links pay nothing.
        "language_alternates": SimpleLazyObject(lambda: _alternates(request)),
        "canonical_path": SimpleLazyObject(lambda: canonical_path(request)),
        # Both cached under the content version: no query once a worker has them.
        "site_last_updated": SimpleLazyObject(
            lambda: cached("site-last-updated", _last_updated, per_language=False)
        ),
        "demo_notice": settings.DEMO_NOTICE
        and SimpleLazyObject(lambda: cached("demo-loaded", _demo_loaded, per_language=False)),
    }
