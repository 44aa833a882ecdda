"""factory_boy factories, one per model, shared by every test module."""

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
