"""Topic preferences change what each subscriber's copy features: sections on
their topics come first, and a "New in your topics" block lists resources
published on those topics since the last issue."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from medhome.models import Status
from newsletter import emails, services
from tests.newsletter.factories import (
    IssueFactory,
    IssueSectionFactory,
    ResourceFactory,
    SubscriberFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def days_ago(n):
    return NOW - datetime.timedelta(days=n)


@pytest.fixture
def topics():
    return TopicFactory(slug="transition"), TopicFactory(slug="care-plans")


@pytest.fixture
def issue(topics):
    transition, care_plans = topics
    IssueFactory(issue_date=datetime.date(2026, 1, 1), sent_at=days_ago(14))
    issue = IssueFactory(issue_date=datetime.date(2026, 1, 15), sent_at=None)
    IssueSectionFactory(issue=issue, order=1, heading_en="Policy news")
    IssueSectionFactory(
        issue=issue,
        order=2,
        heading_en="Care plans in practice",
        url="",
        resource=ResourceFactory(topics=[care_plans], publish_at=days_ago(3)),
    )
    IssueSectionFactory(
        issue=issue,
        order=3,
        heading_en="Growing up with a plan",
        url="",
        resource=ResourceFactory(topics=[transition], publish_at=days_ago(200)),
    )
    return services.issue_for_sending(issue.pk)


def headings(sections):
    return [section.heading for section in sections]


def test_sections_on_the_chosen_topics_come_first_in_the_staffs_order(issue, topics):
    transition, care_plans = topics
    assert headings(issue.sections_for({transition.pk})) == [
        "Growing up with a plan",
        "Policy news",
        "Care plans in practice",
    ]
    assert headings(issue.sections_for({transition.pk, care_plans.pk})) == [
        "Care plans in practice",
        "Growing up with a plan",
        "Policy news",
    ]
    assert headings(issue.sections_for(set())) == [
        "Policy news",
        "Care plans in practice",
        "Growing up with a plan",
    ]


def test_new_in_topics_lists_resources_published_since_the_last_issue(issue, topics):
    transition, care_plans = topics
    fresh = ResourceFactory(topics=[transition], publish_at=days_ago(2))
    ResourceFactory(topics=[transition], publish_at=days_ago(20))  # before the last issue
    ResourceFactory(topics=[transition], status=Status.DRAFT, publish_at=days_ago(2))
    ResourceFactory(topics=[care_plans], publish_at=days_ago(1))  # another topic
    ResourceFactory(topics=[transition], publish_at=NOW + datetime.timedelta(days=2))
    assert issue.new_in_topics({transition.pk}) == [fresh]
    assert issue.new_in_topics(set()) == []


def test_new_in_topics_leaves_out_resources_a_section_already_features(issue, topics):
    transition, care_plans = topics
    # The care-plans section's resource went live 3 days ago, after the last issue.
    assert issue.new_in_topics({care_plans.pk}) == []


def test_the_first_issue_counts_two_weeks_back_from_its_date(topics):
    transition, _ = topics
    issue = IssueFactory(issue_date=timezone.localdate(), sent_at=None)
    recent = ResourceFactory(topics=[transition], publish_at=days_ago(10))
    ResourceFactory(topics=[transition], publish_at=days_ago(30))
    assert issue.new_in_topics({transition.pk}) == [recent]


def test_each_subscribers_email_follows_their_topics(issue, topics, django_assert_max_num_queries):
    transition, care_plans = topics
    fresh = ResourceFactory(
        topics=[transition], publish_at=days_ago(2), title_en="Transition checklist"
    )
    follows = SubscriberFactory()
    follows.topics.set([transition])
    nothing_chosen = SubscriberFactory()

    chosen = emails.issue_message(issue, follows)
    plain = emails.issue_message(issue, nothing_chosen)

    text = chosen.body
    assert text.index("Growing up with a plan") < text.index("Policy news")
    assert "New in your topics" in text
    assert fresh.get_absolute_url() in text
    html = chosen.alternatives[0].content
    assert "New in your topics" in html
    assert "Transition checklist" in html
    assert plain.body.index("Policy news") < plain.body.index("Growing up with a plan")
    assert "New in your topics" not in plain.body


def test_the_spanish_copy_names_the_block_in_spanish(issue, topics):
    transition, _ = topics
    ResourceFactory(topics=[transition], publish_at=days_ago(2))
    reader = SubscriberFactory(language="es")
    reader.topics.set([transition])
    message = emails.issue_message(issue, reader)
    assert "Nuevo en sus temas" in message.body
    assert "/es/resources/" in message.body


def test_the_send_gives_each_subscriber_their_own_order(issue, topics):
    transition, care_plans = topics
    first = SubscriberFactory(email="a@example.org")
    first.topics.set([transition])
    second = SubscriberFactory(email="b@example.org")
    second.topics.set([care_plans])
    issue.status = Status.PUBLISHED
    issue.save()
    services.issue_send(issue_id=issue.pk)
    bodies = {message.to[0]: message.body for message in mail.outbox}
    a, b = bodies["a@example.org"], bodies["b@example.org"]
    assert a.index("Growing up with a plan") < a.index("Care plans in practice")
    assert b.index("Care plans in practice") < b.index("Growing up with a plan")
