"""Every download in the demo content works: a real PDF from our own server, in both
languages where the resource claims both, written by `load_demo` (twice changes nothing)."""

import re

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

from resources.models import Resource, ResourceVersion
from tests.conftest import for_the_module

# The site serves public uploads itself (medhome/media.py), so the links are followed
# through the real URLs, from the default storage where load_demo put the files.
pytestmark = pytest.mark.django_db

HREF = re.compile(r'href="([^"]+)"')


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("demo") / "media"
    with override_settings(MEDIA_ROOT=media), for_the_module(django_db_blocker):
        call_command("load_demo", verbosity=0)
        yield


def test_load_demo_writes_each_file_once(demo, capsys):
    names = sorted(ResourceVersion.objects.values_list("file", flat=True))
    assert names
    assert all(default_storage.exists(name) for name in names)
    before = {name: default_storage.size(name) for name in names}
    call_command("load_demo")
    assert "0 file(s) written" in capsys.readouterr().out
    assert sorted(ResourceVersion.objects.values_list("file", flat=True)) == names
    assert {name: default_storage.size(name) for name in names} == before
    # No stray copies with storage-made suffixes.
    _dirs, files = default_storage.listdir("resources/demo")
    assert len(files) == len(names)


def test_every_demo_download_link_answers_200_with_a_pdf(demo, client):
    followed = set()
    for resource in Resource.objects.published():
        for lang in ("en", "es"):
            with translation.override(lang):
                page = client.get(resource.get_absolute_url())
            assert page.status_code == 200
            html = page.content.decode()
            assert "example.org" not in html
            for version in resource.versions.all():
                assert f'href="{version.href}"' in html
                followed.add(version.href)
    assert (
        len(followed)
        == ResourceVersion.objects.filter(resource__in=Resource.objects.published()).count()
    )
    for href in sorted(followed):
        assert href.startswith("/media/resources/demo/")
        response = client.get(href)
        assert response.status_code == 200, href
        body = b"".join(response.streaming_content)
        assert body.startswith(b"%PDF-1.4")
        assert body.rstrip().endswith(b"%%EOF")


def test_spanish_files_are_in_spanish(demo):
    for version in ResourceVersion.objects.filter(language="es").select_related("resource"):
        with default_storage.open(version.file.name, "rb") as handle:
            data = handle.read()
        title = version.resource.title_es.encode("cp1252", errors="replace")
        title = title.replace(b"(", b"\\(").replace(b")", b"\\)")
        # The title is the first line of text; long titles wrap, so compare the start.
        assert title[:30] in data, version.file.name
