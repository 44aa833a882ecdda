import datetime

import factory
from django.utils import timezone

from events.models import Event
from medhome.models import Status


def in_days(days: int, hour: int = 18) -> datetime.datetime:
    base = timezone.now().replace(hour=hour, minute=0, second=0, microsecond=0)
    return base + datetime.timedelta(days=days)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    title_en = factory.Sequence(lambda n: f"Webinar number {n}")
    title_es = factory.Sequence(lambda n: f"Seminario web número {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    summary_en = "An hour on care coordination."
    summary_es = "Una hora sobre la coordinación de la atención."
    starts_at = factory.LazyFunction(lambda: in_days(10))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=1))
    time_zone = "America/New_York"
    status = Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))

    @factory.post_generation
    def audiences(self, create, extracted, **kwargs):
        if create and extracted:
            self.audiences.set(extracted)
