"""The resources' language filter means the language of the files, whatever the interface."""

import re

import pytest

from tests.resources.factories import ResourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def library():
    # Spanish text on the page but only English files, and the other way round.
    ResourceFactory(slug="english-files", title_es="Archivos en inglés", languages=["en"])
    ResourceFactory(slug="spanish-files", title_es="Archivos en español", languages=["es"])
    ResourceFactory(slug="both-files", title_es="Archivos en ambos", languages=["en", "es"])


def listed(html):
    return set(re.findall(r'href="/(?:en|es)/resources/([\w-]+)/"', html)) - {"share", "feed"}


@pytest.mark.parametrize("interface", ["en", "es"])
@pytest.mark.parametrize(
    ("language", "expected"),
    [("es", {"spanish-files", "both-files"}), ("en", {"english-files", "both-files"})],
)
def test_the_language_filter_follows_the_files_not_the_interface(
    client, library, interface, language, expected
):
    html = client.get(f"/{interface}/resources/?language={language}").content.decode()
    assert listed(html) == expected


@pytest.mark.parametrize("interface", ["en", "es"])
def test_the_spanish_only_link_works_in_both_interface_languages(client, library, interface):
    html = client.get(f"/{interface}/resources/").content.decode()
    link = re.search(r'<p class="spanish-only"><a href="([^"]+)"', html).group(1)
    followed = client.get(f"/{interface}/resources/{link.replace('&amp;', '&')}")
    assert followed.status_code == 200
    assert listed(followed.content.decode()) == {"spanish-files", "both-files"}
