"""Settings for `make bench` only: the production settings plus the two ceiling
pages. Never used by the site itself (gunicorn serves medhome.wsgi there)."""

from medhome.settings import *  # noqa: F403
from medhome.settings import BASE_DIR, TEMPLATES

ROOT_URLCONF = "bench.urls"
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]  # type: ignore[misc]
