import datetime

import factory

from medhome import jurisdictions
from medhome.models import Status
from mentorship import models
from tests.resources.factories import ResourceFactory, ResourceTypeFactory  # noqa: F401

CODES = [j.code for j in jurisdictions.JURISDICTIONS]


class StateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.State
        django_get_or_create = ["code"]

    code = factory.Iterator(CODES)
    status = Status.PUBLISHED
    overview_en = "Families and practices work together here."
    overview_es = "Aquí trabajan juntas las familias y las consultas."


class TeamMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.TeamMember

    state = factory.SubFactory(StateFactory)
    name = factory.Sequence(lambda n: f"Member {n}")
    role = models.TeamRole.PEDIATRICIAN


class QIPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.QIPlan

    state = factory.SubFactory(StateFactory)
    kind = models.PlanKind.LEARNING_COLLABORATIVE
    status = models.PlanStatus.UNDER_WAY
    description_en = "Twelve practices meet monthly."
    description_es = "Doce consultas se reúnen cada mes."


class PromiseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Promise

    state = factory.SubFactory(StateFactory)
    steps_en = "- Train care coordinators\n- Start a family advisory council"
    steps_es = "- Formar coordinadores de atención\n- Crear un consejo asesor de familias"
    target_year = 2028


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Initiative

    state = factory.SubFactory(StateFactory)
    title_en = factory.Sequence(lambda n: f"Pilot {n}")
    title_es = factory.Sequence(lambda n: f"Piloto {n}")
    kind = models.InitiativeKind.PILOT
    sponsor = "State Medicaid agency"
    pediatric_practices = True
    start_date = datetime.date(2024, 1, 1)


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Contact

    state = factory.SubFactory(StateFactory)
    name = factory.Sequence(lambda n: f"Contact {n}")
    email = factory.Sequence(lambda n: f"contact{n}@example.org")


class ExpertiseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Expertise
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"area-{n}")
    name_en = factory.Sequence(lambda n: f"Area {n}")
    name_es = factory.Sequence(lambda n: f"Área {n}")


class MentorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Mentor
        skip_postgeneration_save = True

    kind = models.MentorKind.PRACTICE
    name = factory.Sequence(lambda n: f"Mentor Practice {n}")
    slug = factory.Sequence(lambda n: f"mentor-{n}")
    organization = "Sample Health"
    status = Status.PUBLISHED
    setting = models.Setting.PRIVATE
    community_type = models.CommunityType.URBAN
    practice_size = models.PracticeSize.MEDIUM
    summary_en = "A practice that coordinates care well."
    summary_es = "Una consulta que coordina bien la atención."

    @factory.post_generation
    def expertise(self, create, extracted, **kwargs):
        if create and extracted:
            self.expertise.set(extracted)

    @factory.post_generation
    def tools(self, create, extracted, **kwargs):
        if create and extracted:
            self.tools.set(extracted)


class IntroductionRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.IntroductionRequest

    mentor = factory.SubFactory(MentorFactory)
    name = "Ana"
    organization = "Clinic"
    email = "ana@example.org"
    message = "Hello"
