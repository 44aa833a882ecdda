import datetime

import pytest

from tests.resources.factories import (
    AudienceFactory,
    ResourceFactory,
    ResourceTypeFactory,
    TopicFactory,
)


@pytest.fixture
def library():
    """Three published resources of two types, two topics, two audiences and three
    languages: a tool in both languages, a Utah checklist in English, a guide in Spanish."""
    guide = ResourceTypeFactory(slug="guide", name_en="Guide", name_es="Guía")
    tool = ResourceTypeFactory(slug="tool", name_en="Tool", name_es="Herramienta")
    coordination = TopicFactory(slug="care-coordination", name_en="Care coordination")
    transitions = TopicFactory(slug="transitions", name_en="Transitions")
    families = AudienceFactory(slug="families", name_en="Families")
    clinicians = AudienceFactory(slug="clinicians", name_en="Clinicians")
    return {
        "plan": ResourceFactory(
            title_en="Care plan template",
            resource_type=tool,
            topics=[coordination],
            audiences=[families],
            languages=["en", "es"],
            published_on=datetime.date(2023, 3, 1),
        ),
        "checklist": ResourceFactory(
            title_en="Transition checklist",
            resource_type=tool,
            topics=[transitions],
            audiences=[clinicians],
            languages=["en"],
            published_on=datetime.date(2025, 1, 1),
            state="UT",
        ),
        "guide": ResourceFactory(
            title_en="A guide to coordination",
            resource_type=guide,
            topics=[coordination, transitions],
            audiences=[families, clinicians],
            languages=["es"],
            published_on=datetime.date(2024, 6, 1),
        ),
    }
