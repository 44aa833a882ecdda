"""The FAQ's own "was this helpful?" answers move to the site's PageFeedback (faq 0003)."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("faq", "0002_stored_search_vectors"), ("medhome", "0004_page_feedback")]
AFTER = [("faq", "0003_feedback_joins_page_feedback")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_old_answers_are_kept_with_their_question_and_date():
    apps = _migrate(BEFORE)
    try:
        Category = apps.get_model("faq", "Category")
        Question = apps.get_model("faq", "Question")
        Feedback = apps.get_model("faq", "Feedback")
        category = Category.objects.create(slug="care", name="Care")
        question = Question.objects.create(
            category=category,
            slug="who-benefits",
            question="Who benefits?",
            question_en="Who benefits?",
            answer="Everyone.",
        )
        long_ago = timezone.now() - datetime.timedelta(days=400)
        vote = Feedback.objects.create(question=question, helpful=False)
        Feedback.objects.filter(pk=vote.pk).update(created_at=long_ago)
        Feedback.objects.create(question=question, helpful=True)

        apps = _migrate(AFTER)
        PageFeedback = apps.get_model("medhome", "PageFeedback")
        rows = list(PageFeedback.objects.order_by("created_at").values_list(
            "page", "title", "helpful", "created_at"
        ))  # fmt: skip
        assert [row[:3] for row in rows] == [
            ("/faq/#who-benefits", "Who benefits?", False),
            ("/faq/#who-benefits", "Who benefits?", True),
        ]
        assert rows[0][3] == long_ago
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
