import random

import pytest

from mentorship import models
from mentorship.matching import PracticeProfile, score
from mentorship.views import _traits
from tests.mentorship.factories import ExpertiseFactory, MentorFactory, StateFactory

pytestmark = pytest.mark.django_db


def test_narrowing_in_the_database_never_drops_a_mentor_who_scores():
    rng = random.Random(7)
    states = [StateFactory(code=code) for code in ("MN", "VT", "TX")]
    skills = [
        ExpertiseFactory(slug=slug) for slug in ("care-coordination", "funding", "transitions")
    ]
    populations = [choice for choice, _ in models.Population.choices][:3]
    for _ in range(40):
        MentorFactory(
            setting=rng.choice(models.Setting.values),
            community_type=rng.choice(models.CommunityType.values),
            practice_size=rng.choice(models.PracticeSize.values),
            state=rng.choice([*states, None]),
            populations=rng.sample(populations, rng.randint(0, 2)),
            expertise=rng.sample(skills, rng.randint(0, 2)),
        )
    everyone = list(models.Mentor.objects.published().with_relations())
    profiles = [
        PracticeProfile(setting="fqhc"),
        PracticeProfile(community="rural", size=models.PracticeSize.values[0]),
        PracticeProfile(state="MN", needs=frozenset({"funding"})),
        PracticeProfile(populations=frozenset(populations[:1])),
        PracticeProfile(),
    ]
    for profile in profiles:
        scoring = {m.pk for m in everyone if score(profile, _traits(m)).score > 0}
        candidates = set(
            models.Mentor.objects.published()
            .match_candidates(profile)
            .values_list("pk", flat=True)
        )
        assert scoring <= candidates, profile
    # The narrowing does narrow.
    assert models.Mentor.objects.published().match_candidates(profiles[0]).count() < len(everyone)
