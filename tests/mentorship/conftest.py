import pytest

from medhome.models import Status
from mentorship.models import PlanKind
from tests.mentorship.factories import ExpertiseFactory, MentorFactory, StateFactory
from tests.mentorship.helpers import make_state


@pytest.fixture
def some_states():
    """Five published states with different parts (and one draft) for the map and exports."""
    return [
        make_state("MN", team=True, plan=PlanKind.EPIC, promise=True),
        make_state("WI", team=True, plan=PlanKind.LEARNING_COLLABORATIVE),
        make_state("IA", team=True),
        make_state("TX", promise=True),
        make_state("GU"),
        make_state("OR", team=True, plan=PlanKind.EPIC, status=Status.DRAFT),
    ]


@pytest.fixture
def mentors():
    """A rural peer, an urban promising practice, a state team and a draft."""
    care = ExpertiseFactory(slug="care-coordination", name_en="Care coordination")
    mn = StateFactory(code="MN")
    return {
        "rural": MentorFactory(
            name="Prairie Clinic",
            state=mn,
            setting="fqhc",
            community_type="rural",
            practice_size="small",
            expertise=[care],
        ),  # fmt: skip
        "urban": MentorFactory(
            name="City Kids", setting="hospital", community_type="urban", kind="promising"
        ),  # fmt: skip
        "state": MentorFactory(
            name="Title V Team",
            kind="state",
            setting="state_program",
            community_type="statewide",
            practice_size="",
        ),  # fmt: skip
        "draft": MentorFactory(name="Draft Practice", status=Status.DRAFT, setting="fqhc"),
    }
