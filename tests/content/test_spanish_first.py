"""On /es/ the Spanish comes first: a resource's Spanish download before its English
one, and an audience page's Spanish cards before English-only ones. English data with
no Spanish version carries lang="en"."""

import datetime
import re

import pytest

from tests.mentorship.factories import ContactFactory, StateFactory, TeamMemberFactory
from tests.resources.factories import AudienceFactory, ResourceFactory

pytestmark = pytest.mark.django_db


def hreflangs(html: str) -> list[str]:
    return re.findall(r'class="version print-url" href="[^"]*" hreflang="(\w+)"', html)


def test_resource_page_lists_the_page_language_first(client):
    resource = ResourceFactory(
        slug="plan", languages=["en", "es"], organization_en="Family Voices"
    )
    assert hreflangs(client.get(f"/en/resources/{resource.slug}/").content.decode()) == [
        "en",
        "es",
    ]
    html = client.get(f"/es/resources/{resource.slug}/").content.decode()
    assert hreflangs(html) == ["es", "en"]
    # A card's language badges follow the same order.
    badges = re.findall(
        r'<li class="badge badge--lang">(\w+)</li>', client.get("/es/resources/").content.decode()
    )
    assert badges == ["Español", "Inglés"]
    # A publisher with no Spanish name is marked as English.
    assert '<dd lang="en">Family Voices</dd>' in html


def test_families_page_opens_with_a_spanish_card_on_es(client):
    families = AudienceFactory(slug="families")
    # The newest has no Spanish title, the next a Spanish title but an English download
    # only; the one a Spanish reader can use is the oldest.
    ResourceFactory(
        title_en="Only in English", title_es="", summary_es="", audiences=[families],
        published_on=datetime.date(2025, 1, 1),
    )  # fmt: skip
    ResourceFactory(
        title_en="English file", title_es="Archivo en inglés", audiences=[families],
        published_on=datetime.date(2024, 12, 1),
    )  # fmt: skip
    ResourceFactory(
        title_en="Both", title_es="En los dos", audiences=[families], languages=["en", "es"],
        published_on=datetime.date(2024, 1, 1),
    )  # fmt: skip
    english = client.get("/en/resources/for/families/").content.decode()
    assert english.index("Only in English") < english.index("English file") < english.index("Both")
    spanish = client.get("/es/resources/for/families/").content.decode()
    assert spanish.index("En los dos") < spanish.index("Only in English")
    assert spanish.index("En los dos") < spanish.index("Archivo en inglés")


def test_state_team_data_without_spanish_is_marked_english(client):
    state = StateFactory(code="UT")
    TeamMemberFactory(state=state, organization_en="Demo chapter", organization_es="")
    TeamMemberFactory(
        state=state, organization_en="Demo network", organization_es="Red de ejemplo"
    )
    ContactFactory(state=state, role_en="Coordinator", role_es="", organization_en="Title V")
    html = client.get("/es/states/ut/").content.decode()
    assert '<span class="meta" lang="en">Demo chapter</span>' in html
    assert '<span class="meta">Red de ejemplo</span>' in html
    assert '<span lang="en">Coordinator</span>' in html


def test_state_names_sort_as_a_spanish_reader_expects():
    from django.utils import translation

    from medhome import jurisdictions

    with translation.override("es"):
        groups = dict(jurisdictions.by_region((j, None) for j in jurisdictions.JURISDICTIONS))
        midwest = [j.name for j, _ in groups[jurisdictions.Region.MIDWEST]]
        names = [name for _code, name in jurisdictions.choices()]
    assert midwest.index("Míchigan") < midwest.index("Minnesota") < midwest.index("Misuri")
    assert names.index("Míchigan") < names.index("Minnesota")
