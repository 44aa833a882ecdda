import pytest

from medhome.roles import sync_roles


@pytest.fixture
def roles(db):
    # Transactional tests flush the rows the data migration made: sync again.
    sync_roles()


@pytest.fixture(autouse=True)
def _serve_collected_static(monkeypatch, settings):
    """pytest-django's live server serves /static/ through the finders, which do
    not know the hashed names the manifest storage puts in pages: every CSS and
    JS file would 404 and the admin would run without its scripts. Serve the
    collected files (make static) instead, so browser tests see the real admin."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.views.static import serve

    monkeypatch.setattr(
        StaticFilesHandler,
        "serve",
        lambda self, request: serve(
            request, self.file_path(request.path), document_root=settings.STATIC_ROOT
        ),
    )
