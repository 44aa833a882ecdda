import datetime

import factory
from django.utils import timezone

from medhome.models import Status
from newsletter.models import Issue, IssueSection, Subscriber, SubscriberStatus
from tests.resources.factories import ResourceFactory, ResourceTypeFactory, TopicFactory  # noqa: F401


class SubscriberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subscriber

    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    language = "en"
    status = SubscriberStatus.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)


class IssueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Issue

    title_en = factory.Sequence(lambda n: f"Care coordination in practice, part {n}")
    title_es = factory.Sequence(lambda n: f"La coordinación del cuidado en la práctica, parte {n}")
    slug = factory.Sequence(lambda n: f"issue-{n}")
    intro_en = "Welcome to this issue."
    intro_es = "Bienvenidos a este número."
    issue_date = factory.Sequence(lambda n: datetime.date(2026, 1, 1) + datetime.timedelta(days=n))
    status = Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    sent_at = factory.LazyFunction(timezone.now)


class IssueSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IssueSection

    issue = factory.SubFactory(IssueFactory)
    heading_en = factory.Sequence(lambda n: f"News item {n}")
    heading_es = factory.Sequence(lambda n: f"Noticia {n}")
    text_en = "A few words about **this**."
    text_es = "Unas palabras sobre **esto**."
    url = "https://example.org/news"
    order = factory.Sequence(int)
