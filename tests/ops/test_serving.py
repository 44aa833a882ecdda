"""Serving like production: our error pages, uploads with DEBUG off, links that follow PORT."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.db.utils import OperationalError
from django.test import Client
from django.utils.functional import empty

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_dirs(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "private": {"BACKEND": "medhome.storage.PrivateFileSystemStorage"},
    }
    storages._storages = {}  # built again from the settings above
    default_storage._wrapped = empty
    yield tmp_path
    storages._storages = {}
    default_storage._wrapped = empty


def test_public_documents_are_served_with_debug_off(media_dirs, client):
    assert settings.DEBUG is False
    name = default_storage.save("states/promises/promise.pdf", ContentFile(b"%PDF-1.4 test"))
    response = client.get(default_storage.url(name))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
    assert response["Content-Type"] == "application/pdf"
    assert "max-age=" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Last-Modified" in response

    again = client.get(default_storage.url(name), HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert again.status_code == 304


def test_other_types_download_rather_than_display(media_dirs, client):
    name = default_storage.save("resources/2026/page.html", ContentFile(b"<script>x</script>"))
    response = client.get(default_storage.url(name))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")


def test_private_uploads_have_no_public_address(media_dirs, client):
    private = storages["private"]
    name = private.save("submissions/secret.pdf", ContentFile(b"%PDF-1.4 private"))
    with pytest.raises(ValueError, match="no public address"):
        private.url(name)
    for path in (
        f"/media/{name}",
        f"/media/../private/{name}",
        "/media/%2e%2e/private/submissions/secret.pdf",
    ):
        assert client.get(path).status_code == 404, path


def test_a_missing_page_is_our_404_in_both_languages(client):
    english = client.get("/en/no-such-page-here/x/")
    assert english.status_code == 404
    assert "We could not find that page" in english.content.decode()
    spanish = client.get("/es/no-such-page-here/x/")
    assert spanish.status_code == 404
    assert 'lang="es"' in spanish.content.decode()


def test_an_unexpected_error_is_our_500_in_the_visitors_language(rf):
    from medhome.views import server_error

    try:
        raise RuntimeError("boom")
    except RuntimeError:
        response = server_error(rf.get("/es/recursos/"))
    assert response.status_code == 500
    assert 'lang="es"' in response.content.decode()


def test_a_database_error_in_a_view_is_a_translated_503_with_retry_after(monkeypatch):
    from medhome import views

    def unreachable(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(views.HomeView, "get", unreachable)
    client = Client(raise_request_exception=False)
    for path, lang in (("/en/", "en"), ("/es/", "es")):
        response = client.get(path)
        assert response.status_code == 503
        assert response["Retry-After"] == str(settings.DB_RETRY_AFTER)
        assert f'lang="{lang}"' in response.content.decode()
        assert response["Cache-Control"] == "no-store"


def _settings_in_subprocess(env_changes: dict, expression: str) -> str:
    env = {k: v for k, v in os.environ.items() if k not in {"SITE_URL", "PORT", "DATABASE_URL"}}
    env.update(env_changes, DJANGO_SETTINGS_MODULE="medhome.settings")
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {expression}"],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_site_url_follows_port_when_unset():
    show = "from django.conf import settings; print(settings.SITE_URL)"
    assert _settings_in_subprocess({"PORT": "8080"}, show) == "http://127.0.0.1:8080"
    assert _settings_in_subprocess({}, show) == "http://127.0.0.1:8000"
    explicit = {"PORT": "8080", "SITE_URL": "https://portal.example.org/"}
    assert _settings_in_subprocess(explicit, show) == "https://portal.example.org"


def test_canonical_links_and_emailed_links_use_site_url(settings, client):
    from django.core import mail

    from newsletter import services

    settings.SITE_URL = "http://127.0.0.1:8080"
    page = client.get("/en/").content.decode()
    assert '<link rel="canonical" href="http://127.0.0.1:8080/en/">' in page
    assert 'hreflang="es" href="http://127.0.0.1:8080/es/"' in page
    services.subscriber_subscribe(email="reader@example.org", language="en")
    message = mail.outbox[-1]
    assert "http://127.0.0.1:8080/en/newsletter/confirm/" in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith("<http://127.0.0.1:8080/")
