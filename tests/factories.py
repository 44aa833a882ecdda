"""factory_boy factories, one per model, shared by every test module.

Each app's factories live in tests/<app>/factories.py; this module defines the site
layer's and re-exports the others, so `from tests.factories import X` finds any of them.
"""

import factory

from medhome.models import Page, Status


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"page-{n}")
    title_en = factory.Sequence(lambda n: f"Page {n}")
    title_es = factory.Sequence(lambda n: f"Página {n}")
    body_en = "Some **plain** words."
    body_es = "Unas palabras **sencillas**."
    status = Status.PUBLISHED


from tests.events.factories import EventFactory  # noqa: E402, F401
from tests.faq.factories import CategoryFactory, QuestionFactory  # noqa: E402, F401
from tests.medhome.staff.factories import (  # noqa: E402, F401
    ResourceVersionFactory,
    SubmissionFactory,
    staff_user,
)
from tests.mentorship.factories import (  # noqa: E402, F401
    MentorFactory,
    StateFactory,
    TeamMemberFactory,
)
from tests.newsletter.factories import (  # noqa: E402, F401
    IssueFactory,
    IssueSectionFactory,
    SubscriberFactory,
)
from tests.resources.factories import (  # noqa: E402, F401
    AudienceFactory,
    ResourceFactory,
    ResourceTypeFactory,
    TopicFactory,
)
