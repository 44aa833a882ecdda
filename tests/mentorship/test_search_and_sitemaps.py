import pytest
from django.utils import translation
from django.utils.html import strip_tags

from medhome.models import Status
from mentorship.models import Mentor, State
from mentorship.sitemaps import MentorSitemap, StateSitemap
from tests.mentorship.factories import MentorFactory, StateFactory

pytestmark = pytest.mark.django_db


def test_state_search_finds_names_in_both_languages_and_overview_text():
    StateFactory(code="NY", overview_en="Learning collaborative with twelve practices")
    StateFactory(code="TX")
    assert [s.code for s in State.objects.published().search("york")] == ["NY"]
    assert [s.code for s in State.objects.published().search("Nueva")] == ["NY"]
    assert [s.code for s in State.objects.published().search("twelve")] == ["NY"]
    assert list(State.objects.search("")) == []


def test_mentor_search_matches_name_organization_and_description():
    MentorFactory(
        name="Prairie Clinic", organization="Plains Health", description_en="Family advisors"
    )
    MentorFactory(name="Other", description_es="Consejo de familias")
    assert [m.name for m in Mentor.objects.published().search("plains")] == ["Prairie Clinic"]
    assert [m.name for m in Mentor.objects.published().search("advisors")] == ["Prairie Clinic"]
    with translation.override("es"):
        assert [m.name for m in Mentor.objects.published().search("consejo")] == ["Other"]


def test_sitemaps_list_published_states_and_mentors_only():
    StateFactory(code="MN")
    StateFactory(code="WI", status=Status.DRAFT)
    MentorFactory(slug="shown")
    MentorFactory(slug="hidden", status=Status.DRAFT)
    assert [s.code for s in StateSitemap().items()] == ["MN"]
    assert [m.slug for m in MentorSitemap().items()] == ["shown"]


def test_site_search_groups_list_published_states_and_mentors():
    pytest.importorskip("medhome.search")
    from mentorship.search import mentor_search, state_search

    StateFactory(code="MN", overview_en="Demo data: a rural learning collaborative.")
    StateFactory(code="WI", status=Status.DRAFT, overview_en="rural")
    MentorFactory(name="Rural Kids", slug="rural-kids")
    MentorFactory(name="Rural Draft", status=Status.DRAFT)
    states = state_search("rural", 5)
    assert (states.count, [h.url for h in states.hits]) == (1, ["/en/states/mn/"])
    mentors = mentor_search("rural", 5)
    assert (mentors.count, [strip_tags(h.title) for h in mentors.hits]) == (1, ["Rural Kids"])
    assert mentors.hits[0].title == "<mark>Rural</mark> Kids"
    assert mentors.more_url == "/en/mentors/?q=rural"
