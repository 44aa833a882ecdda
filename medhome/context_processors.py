from django.conf import settings
from django.urls import translate_url
from django.utils.functional import SimpleLazyObject


def _alternates(request):
    path = request.get_full_path()
    return [
        {"code": code, "name": name, "url": translate_url(path, code)}
        for code, name in settings.LANGUAGES
    ]


def _demo_loaded() -> bool:
    from medhome.models import DemoMarker

    return DemoMarker.objects.exists()


def site(request):
    return {
        "center": settings.CENTER,
        "site_url": settings.SITE_URL,
        # Lazy: pages that never render the switcher or hreflang links pay nothing.
        "language_alternates": SimpleLazyObject(lambda: _alternates(request)),
        "demo_notice": settings.DEMO_NOTICE and SimpleLazyObject(_demo_loaded),
    }
