"""Fill the database with a large synthetic data set for the load benchmark.

    DATABASE_URL=... .venv/bin/python bench/seed.py [--scale 1]

Scale 1 is a national center's size, the one the targets in docs/BENCHMARK.md
are set for: 10,000 resources (about 20,000 language versions), 2,000 FAQ
questions in 6 categories, 1,000 mentors, 200 newsletter issues and 100,000
confirmed subscribers, on top of the demo content. --scale 0.1 gives a tenth.
Everything is published so the pages do real work.
"""

import argparse
import os
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "medhome.settings")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402
from django.db.models import Model  # noqa: E402
from django.utils import timezone  # noqa: E402

from faq.models import Category, Question  # noqa: E402
from medhome import cache  # noqa: E402
from medhome.jurisdictions import JURISDICTIONS  # noqa: E402
from medhome.models import Status  # noqa: E402
from resources.models import Audience, Resource, ResourceType, ResourceVersion, Topic  # noqa: E402

WORDS = [
    "care",
    "coordination",
    "family",
    "centered",
    "medical",
    "home",
    "plan",
    "transition",
    "screening",
    "quality",
    "improvement",
    "payment",
    "community",
    "services",
    "youth",
    "clinician",
    "practice",
    "state",
    "team",
    "learning",
    "collaborative",
    "cultural",
    "language",
    "access",
    "continuity",
    "compassion",
    "comprehensive",
    "referral",
    "specialist",
    "school",
    "caregiver",
    "toolkit",
    "guide",
    "webinar",
    "policy",
    "evidence",
    "recognition",
]


def words(rng, n) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def taxonomy(model, prefix, count) -> list:
    rows = [
        model(slug=f"{prefix}-{i}", name_en=f"{prefix} {i}", name_es=f"{prefix} es {i}", order=i)
        for i in range(count)
    ]
    model.objects.bulk_create(rows, ignore_conflicts=True)
    return list(model.objects.all())


def seed_library(rng, scale) -> int:
    types = taxonomy(ResourceType, "type", 11)
    topics = taxonomy(Topic, "topic", 12)
    audiences = taxonomy(Audience, "audience", 8)
    now = timezone.now()
    start = Resource.objects.count()
    resources = []
    for i in range(start, start + round(10_000 * scale)):
        title = f"{words(rng, 4).title()} {i}"
        resources.append(
            Resource(
                slug=f"bench-resource-{i}",
                title=title, title_en=title, title_es=f"{title} (es)",
                summary=words(rng, 20), summary_en=words(rng, 20), summary_es=words(rng, 20),
                body=words(rng, 120), body_en=words(rng, 120), body_es=words(rng, 80),
                resource_type=rng.choice(types),
                organization=rng.choice(["National Center", "Family Voices", "Title V"]),
                published_on=date(2008, 1, 1) + timedelta(days=rng.randrange(6900)),
                state=rng.choice([""] * 5 + [j.code for j in JURISDICTIONS]),
                featured=rng.random() < 0.02,
                status=Status.PUBLISHED, publish_at=now,
            )
        )  # fmt: skip
    created = Resource.objects.bulk_create(resources, batch_size=1000)
    versions, topic_links, audience_links = [], [], []
    TopicLink = Resource.topics.through
    AudienceLink: type[Model] = Resource.audiences.through  # the stubs make it type[Never]
    for resource in created:
        for lang in rng.sample(["en", "es", "vi"], rng.choice([1, 2, 3])):
            versions.append(
                ResourceVersion(
                    resource=resource,
                    language=lang,
                    url=f"https://example.org/{resource.slug}/{lang}",
                )
            )
        for topic in rng.sample(topics, 2):
            topic_links.append(TopicLink(resource=resource, topic=topic))
        for audience in rng.sample(audiences, 2):
            audience_links.append(AudienceLink(resource=resource, audience=audience))
    ResourceVersion.objects.bulk_create(versions, batch_size=2000)
    TopicLink.objects.bulk_create(topic_links, batch_size=2000)
    AudienceLink._default_manager.bulk_create(audience_links, batch_size=2000)
    return len(created)


def seed_faq(rng, scale) -> int:
    categories = []
    for i in range(6):
        category, _ = Category.objects.get_or_create(
            slug=f"bench-category-{i}",
            defaults={
                "name_en": f"Category {i}",
                "name_es": f"Categoría {i}",
                "order": i,
                "status": "published",
            },
        )
        categories.append(category)
    now = timezone.now()
    start = Question.objects.count()
    questions = [
        Question(
            category=rng.choice(categories), slug=f"bench-question-{i}",
            question_en=f"{words(rng, 8)}?", question_es=f"¿{words(rng, 8)}?",
            answer_en=words(rng, 90), answer_es=words(rng, 90), order=i,
            status=Status.PUBLISHED, publish_at=now,
        )
        for i in range(start, start + round(2_000 * scale))
    ]  # fmt: skip
    Question.objects.bulk_create(questions, batch_size=1000)
    return len(questions)


def seed_mentors(rng, scale) -> int:
    from mentorship.models import (
        CommunityType,
        Expertise,
        Mentor,
        MentorKind,
        PracticeSize,
        Setting,
        State,
    )

    expertise = taxonomy(Expertise, "expertise", 10)
    states: list[State | None] = [*State.objects.all()] or [None]
    now = timezone.now()
    start = Mentor.objects.count()
    mentors = Mentor.objects.bulk_create(
        [
            Mentor(
                kind=rng.choice(MentorKind.values), name=f"{words(rng, 3).title()} {i}",
                slug=f"bench-mentor-{i}", organization=words(rng, 3).title(),
                state=rng.choice(states), setting=rng.choice(Setting.values),
                community_type=rng.choice(CommunityType.values),
                practice_size=rng.choice(PracticeSize.values), populations=[],
                summary_en=words(rng, 15), summary_es=words(rng, 15),
                description_en=words(rng, 60), description_es=words(rng, 60),
                status=Status.PUBLISHED, publish_at=now,
            )
            for i in range(start, start + round(1_000 * scale))
        ],
        batch_size=1000,
    )  # fmt: skip
    Link = Mentor.expertise.through
    Link.objects.bulk_create(
        [Link(mentor=m, expertise=e) for m in mentors for e in rng.sample(expertise, 3)],
        batch_size=2000,
    )
    return len(mentors)


def seed_newsletter(rng, scale) -> int:
    from newsletter.models import Issue, Subscriber, SubscriberStatus

    now = timezone.now()
    start = Issue.objects.count()
    issues = Issue.objects.bulk_create(
        [
            Issue(
                slug=f"bench-issue-{i}", title_en=f"Issue {i}: {words(rng, 5)}",
                title_es=f"Número {i}: {words(rng, 5)}", intro_en=words(rng, 40),
                intro_es=words(rng, 40), issue_date=date(2008, 1, 1) + timedelta(days=14 * i),
                language="en", sent_at=now, status=Status.PUBLISHED, publish_at=now,
            )
            for i in range(start, start + round(200 * scale))
        ]
    )  # fmt: skip
    Subscriber.objects.bulk_create(
        [
            Subscriber(email=f"reader{i}@example.org", status=SubscriberStatus.CONFIRMED)
            for i in range(round(100_000 * scale))
        ],
        batch_size=5000,
        ignore_conflicts=True,
    )
    return len(issues)


GENERATORS = [seed_library, seed_faq, seed_mentors, seed_newsletter]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    rng = random.Random(20261122)
    for generator in GENERATORS:
        started = time.monotonic()
        with transaction.atomic():
            rows = generator(rng, args.scale)
        print(
            f"{generator.__name__}: {rows} rows in {time.monotonic() - started:.1f} s", flush=True
        )
    cache.bump()  # bulk_create sends no signals: cached counts must not outlive the seed


if __name__ == "__main__":
    main()
