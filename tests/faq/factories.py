import datetime

import factory
from django.utils import timezone

from faq.models import Category, Question
from medhome.models import Status


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"category-{n}")
    name_en = factory.Sequence(lambda n: f"Category {n}")
    name_es = factory.Sequence(lambda n: f"Categoría {n}")
    status = Status.PUBLISHED


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question
        skip_postgeneration_save = True

    category = factory.SubFactory(CategoryFactory, slug="model-of-care")
    question_en = factory.Sequence(lambda n: f"Question number {n}?")
    question_es = factory.Sequence(lambda n: f"¿Pregunta número {n}?")
    slug = factory.Sequence(lambda n: f"question-{n}")
    answer_en = "An answer with a [link](https://example.org)."
    answer_es = "Una respuesta con un [enlace](https://example.org)."
    status = Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))

    @factory.post_generation
    def related_questions(self, create, extracted, **kwargs):
        if create and extracted:
            self.related_questions.set(extracted)

    @factory.post_generation
    def related_resources(self, create, extracted, **kwargs):
        if create and extracted:
            self.related_resources.set(extracted)

    @factory.post_generation
    def audiences(self, create, extracted, **kwargs):
        if create and extracted:
            self.audiences.set(extracted)
