"""Factories for the staff workflow tests (curated content, users with a role)."""

import factory
from django.contrib.auth.models import Group, User

from resources.models import ResourceVersion, Submission
from tests.faq.factories import CategoryFactory, QuestionFactory  # noqa: F401
from tests.resources import factories as library
from tests.resources.factories import ResourceTypeFactory  # noqa: F401


class ResourceFactory(library.ResourceFactory):
    """The library's factory without its default English version: these tests add
    the versions (and links) they check."""

    @factory.post_generation
    def languages(self, create, extracted, **kwargs):
        if create and extracted:
            for code in extracted:
                ResourceVersion.objects.create(
                    resource=self, language=code, url=f"https://example.org/{self.slug}/{code}"
                )


class ResourceVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResourceVersion

    resource = factory.SubFactory(ResourceFactory)
    language = "en"
    format = "web"
    url = factory.Sequence(lambda n: f"https://example.org/r/{n}")


class SubmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Submission

    kind = "tool"
    title = factory.Sequence(lambda n: f"Shared tool {n}")
    description = "A checklist our clinic uses for care plans."
    name = "Ana Ruiz"
    organization = "Family Voices"
    email = "ana@example.org"


def staff_user(username, *roles):
    """A staff user in the given role groups (groups come from medhome.staff.roles.sync_roles)."""
    user = User.objects.create_user(username, f"{username}@example.org", "pw", is_staff=True)
    user.groups.set(Group.objects.filter(name__in=roles))
    return user
