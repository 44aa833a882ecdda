"""History covers every curated model, its many-to-many relations and its inline rows,
and restoring a version brings them back together (medhome.staff.history)."""

import pytest
from django.urls import reverse

from faq.models import Category
from medhome.models import Page, Status
from medhome.staff import history
from medhome.staff.roles import CONTENT_EDITOR, publishable_models
from mentorship.models import Contact, Initiative, Promise, QIPlan, TeamMember
from newsletter.models import IssueSection
from resources.models import Resource, ResourceVersion, Topic
from tests.events.factories import EventFactory
from tests.factories import PageFactory
from tests.faq.factories import CategoryFactory, QuestionFactory
from tests.medhome.staff.factories import staff_user
from tests.mentorship import factories as mf
from tests.newsletter.factories import IssueFactory, IssueSectionFactory
from tests.resources.factories import AudienceFactory, ResourceFactory, TopicFactory

pytestmark = pytest.mark.usefixtures("roles")


def latest(obj):
    return obj.history.order_by("-history_date", "-history_id").first()


def next_save(obj):
    """The next change made in the admin: it saves the item first, then its rows."""
    obj.save()


def revert(record):
    """What "Revert" does: the item's fields, then its relations and inline rows."""
    record.instance.save()
    return history.restore(record)


def test_every_curated_model_and_its_inlines_and_taxonomies_keep_history():
    labels = [
        *(m._meta.label for m in publishable_models()),
        *history.TAXONOMIES,
        *(child for children in history.CHILDREN.values() for child, _ in children),
    ]
    from django.apps import apps

    for label in labels:
        assert hasattr(apps.get_model(label), "history"), label
    for model in publishable_models():
        tracked = {f.name for f in latest_field_set(model)}
        assert tracked == {f.name for f in model._meta.many_to_many}, model


def latest_field_set(model):
    return model.history.model._history_m2m_fields


def test_a_topic_or_audience_change_is_recorded():
    care, transition = TopicFactory(), TopicFactory()
    resource = ResourceFactory(topics=[care])
    before = resource.history.count()
    resource.topics.add(transition)
    assert resource.history.count() > before
    assert set(history.m2m_at(latest(resource), Resource._meta.get_field("topics"))) == {
        care.pk,
        transition.pk,
    }


def test_restoring_a_resource_brings_back_its_topics_audiences_and_versions():
    care, transition = TopicFactory(), TopicFactory()
    families = AudienceFactory()
    resource = ResourceFactory(topics=[care], audiences=[families], languages=["en", "es"])
    spanish = resource.versions.get(language="es")
    version = latest(resource)
    next_save(resource)
    # Later: a topic swapped, the audience dropped, the Spanish version deleted and
    # the English link changed.
    resource.topics.set([transition])
    resource.audiences.clear()
    spanish.delete()
    ResourceVersion.objects.filter(resource=resource).update(url="https://example.org/wrong")
    ResourceVersion.objects.create(resource=resource, language="zh", url="https://example.org/zh")
    revert(version)
    assert list(resource.topics.all()) == [care]
    assert list(resource.audiences.all()) == [families]
    assert sorted(resource.versions.values_list("language", "url")) == [
        ("en", f"https://example.org/{resource.slug}/en"),
        ("es", f"https://example.org/{resource.slug}/es"),
    ]


def test_restoring_a_question_brings_back_its_audiences_and_related_items():
    families, clinicians = AudienceFactory(), AudienceFactory()
    other = QuestionFactory()
    tool = ResourceFactory()
    question = QuestionFactory()
    question.audiences.set([families])
    question.related_questions.set([other])
    question.related_resources.set([tool])
    version = latest(question)
    question.audiences.set([clinicians])
    question.related_questions.clear()
    question.related_resources.clear()
    revert(version)
    assert list(question.audiences.all()) == [families]
    assert list(question.related_questions.all()) == [other]
    assert list(question.related_resources.all()) == [tool]


def test_restoring_a_state_brings_back_its_team_plan_promise_projects_and_contacts():
    state = mf.StateFactory(code="VT")
    member = mf.TeamMemberFactory(state=state, name="Dr. Ana Ruiz")
    mf.QIPlanFactory(state=state, description_en="Twelve practices meet monthly.")
    mf.PromiseFactory(state=state)
    mf.InitiativeFactory(state=state, title_en="Pilot")
    mf.ContactFactory(state=state, name="Lee")
    state.overview_en = "Saved after its rows."
    state.save()
    version = latest(state)
    next_save(state)
    # Later: the team member renamed, the plan and promise deleted, a contact added.
    TeamMember.objects.filter(pk=member.pk).update(name="Someone else")
    member.refresh_from_db()
    member.save()
    QIPlan.objects.get(state=state).delete()
    Promise.objects.get(state=state).delete()
    Initiative.objects.get(state=state).delete()
    mf.ContactFactory(state=state, name="Newcomer")
    counts = revert(version)
    assert list(state.team_members.values_list("name", flat=True)) == ["Dr. Ana Ruiz"]
    assert QIPlan.objects.get(state=state).description_en == "Twelve practices meet monthly."
    assert Promise.objects.filter(state=state).exists()
    assert Initiative.objects.get(state=state).title_en == "Pilot"
    assert list(Contact.objects.filter(state=state).values_list("name", flat=True)) == ["Lee"]
    assert counts["removed"] == 1


def test_restoring_an_issue_brings_back_its_sections():
    issue = IssueFactory(sent_at=None)
    first = IssueSectionFactory(issue=issue, heading_en="Policy news")
    IssueSectionFactory(issue=issue, heading_en="Care plans")
    issue.intro_en = "Saved after its sections."
    issue.save()
    version = latest(issue)
    next_save(issue)
    first.delete()
    IssueSection.objects.filter(issue=issue).update(heading_en="Changed")
    IssueSection.objects.get(issue=issue).save()
    revert(version)
    assert sorted(issue.sections.values_list("heading_en", flat=True)) == [
        "Care plans",
        "Policy news",
    ]


def test_restoring_a_mentor_brings_back_its_expertise_and_tools():
    area = mf.ExpertiseFactory()
    tool = ResourceFactory()
    mentor = mf.MentorFactory(expertise=[area], tools=[tool])
    version = latest(mentor)
    mentor.expertise.clear()
    mentor.tools.set([ResourceFactory()])
    revert(version)
    assert list(mentor.expertise.all()) == [area]
    assert list(mentor.tools.all()) == [tool]


def test_restoring_an_event_brings_back_its_audiences():
    families = AudienceFactory()
    event = EventFactory(audiences=[families])
    version = latest(event)
    event.audiences.clear()
    revert(version)
    assert list(event.audiences.all()) == [families]


@pytest.mark.parametrize(
    ("make", "field", "model"),
    [
        (lambda: PageFactory(title_en="About the center"), "title_en", Page),
        (lambda: CategoryFactory(name_en="The center"), "name_en", Category),
        (lambda: TopicFactory(name_en="Care plans"), "name_en", Topic),
    ],
)
def test_pages_categories_and_taxonomies_are_restored(make, field, model):
    obj = make()
    version = latest(obj)
    old = getattr(obj, field)
    setattr(obj, field, "Wrong")
    obj.save()
    assert obj.history.count() == 2
    revert(version)
    assert getattr(model.objects.get(pk=obj.pk), field) == old


def test_reverting_in_the_admin_restores_the_relations_together(client):
    care, transition = TopicFactory(name_en="Care plans"), TopicFactory(name_en="Transition")
    families = AudienceFactory(name_en="Families")
    resource = ResourceFactory(
        status=Status.DRAFT, topics=[care], audiences=[families], languages=["en", "es"]
    )
    version = latest(resource)
    next_save(resource)
    resource.topics.set([transition])
    resource.versions.get(language="es").delete()
    client.force_login(staff_user("eddie", CONTENT_EDITOR))
    url = reverse(
        "admin:resources_resource_simple_history", args=[resource.pk, version.history_id]
    )
    form = client.get(url).context["adminform"].form
    # The revert form shows the topics as they were in that version.
    assert [t.pk for t in form.initial["topics"]] == [care.pk]
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in {"topics", "audiences", "publish_at"}
    }
    data |= {
        "resource_type": resource.resource_type_id,
        "publish_at_0": "2026-01-01",
        "publish_at_1": "09:00:00",
        "published_on": "2024-05-01",
        "topics": [care.pk],
        "audiences": [families.pk],
        "versions-TOTAL_FORMS": 0,
        "versions-INITIAL_FORMS": 0,
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert list(resource.topics.all()) == [care]
    assert sorted(resource.versions.values_list("language", flat=True)) == ["en", "es"]
