"""Factories for the staff workflow tests (curated content, users with a role)."""

import datetime

import factory
from django.contrib.auth.models import Group, User

from faq.models import Category, Question
from medhome.models import Status
from resources.models import Resource, ResourceType, ResourceVersion, Submission


class ResourceTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResourceType
        django_get_or_create = ["slug"]

    slug = "tool"
    name_en = "Tool"
    name_es = "Herramienta"


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource

    slug = factory.Sequence(lambda n: f"resource-{n}")
    title_en = factory.Sequence(lambda n: f"Resource {n}")
    title_es = factory.Sequence(lambda n: f"Recurso {n}")
    summary_en = "A short summary."
    summary_es = "Un resumen breve."
    resource_type = factory.SubFactory(ResourceTypeFactory)
    published_on = datetime.date(2025, 3, 1)
    status = Status.PUBLISHED


class ResourceVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResourceVersion

    resource = factory.SubFactory(ResourceFactory)
    language = "en"
    format = "web"
    url = factory.Sequence(lambda n: f"https://example.org/r/{n}")


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ["slug"]

    slug = "the-center"
    name_en = "The center"
    name_es = "El centro"


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    category = factory.SubFactory(CategoryFactory)
    slug = factory.Sequence(lambda n: f"question-{n}")
    question_en = factory.Sequence(lambda n: f"Question {n}?")
    question_es = factory.Sequence(lambda n: f"¿Pregunta {n}?")
    answer_en = "An answer."
    answer_es = "Una respuesta."
    status = Status.PUBLISHED


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
    """A staff user in the given role groups (groups come from medhome.roles.sync_roles)."""
    user = User.objects.create_user(username, f"{username}@example.org", "pw", is_staff=True)
    user.groups.set(Group.objects.filter(name__in=roles))
    return user
