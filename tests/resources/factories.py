import datetime

import factory
from django.utils import timezone

from medhome.models import Status
from resources.models import Audience, Resource, ResourceType, ResourceVersion, Topic


class ResourceTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResourceType
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"type-{n}")
    name_en = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").capitalize())
    name_es = factory.LazyAttribute(lambda o: f"{o.name_en} (es)")


class TopicFactory(ResourceTypeFactory):
    class Meta:
        model = Topic
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"topic-{n}")


class AudienceFactory(ResourceTypeFactory):
    class Meta:
        model = Audience
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"audience-{n}")


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource
        skip_postgeneration_save = True

    title_en = factory.Sequence(lambda n: f"Resource number {n}")
    title_es = factory.Sequence(lambda n: f"Recurso número {n}")
    slug = factory.Sequence(lambda n: f"resource-{n}")
    summary_en = "A short summary in plain words."
    summary_es = "Un resumen corto en palabras sencillas."
    body_en = "More about it."
    body_es = "Más sobre esto."
    resource_type = factory.SubFactory(ResourceTypeFactory, slug="tool")
    published_on = datetime.date(2024, 5, 1)
    status = Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)

    @factory.post_generation
    def audiences(self, create, extracted, **kwargs):
        if create and extracted:
            self.audiences.set(extracted)

    @factory.post_generation
    def languages(self, create, extracted, **kwargs):
        """languages=["en", "es"] adds one web version per language (default: English)."""
        if create:
            for code in extracted if extracted is not None else ["en"]:
                ResourceVersion.objects.create(
                    resource=self, language=code, url=f"https://example.org/{self.slug}/{code}"
                )
