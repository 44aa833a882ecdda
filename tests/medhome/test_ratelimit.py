"""Every public POST is limited per client in the shared cache; the FAQ vote flood included."""

import pytest

from medhome.models import PageFeedback as Feedback
from tests.faq.factories import QuestionFactory

pytestmark = pytest.mark.django_db


def test_a_feedback_flood_from_one_client_is_limited(client, settings):
    settings.RATE_LIMITS = {"default": "30/h", "faq:feedback": "10/h"}
    questions = QuestionFactory.create_batch(12)
    codes = []
    for question in questions:
        # No cookies kept between votes: the session cannot be what stops the flood.
        client.cookies.clear()
        codes.append(
            client.post(
                f"/en/faq/questions/{question.slug}/feedback/", {"helpful": "no"}
            ).status_code
        )
    assert codes == [302] * 10 + [429] * 2
    assert Feedback.objects.count() == 10


def test_one_client_votes_once_per_question_even_without_cookies(client):
    question = QuestionFactory()
    for _ in range(20):
        client.cookies.clear()
        client.post(f"/en/faq/questions/{question.slug}/feedback/", {"helpful": "yes"})
    assert Feedback.objects.count() == 1


def test_the_limit_page_is_friendly_and_translated(client, settings):
    settings.RATE_LIMITS = {"default": "30/h", "faq:feedback": "1/h"}
    question = QuestionFactory()
    url = f"/es/faq/questions/{question.slug}/feedback/"
    client.post(url, {"helpful": "yes"})
    response = client.post(url, {"helpful": "yes"})
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert "<h1>" in response.content.decode()
    assert 'lang="es"' in response.content.decode()


def test_every_other_public_post_has_the_default_limit(client, settings):
    settings.RATE_LIMITS = {"default": "2/h"}
    codes = [client.post("/en/newsletter/", {}).status_code for _ in range(3)]
    assert codes[-1] == 429
    assert 429 not in codes[:2]


def test_the_admin_is_not_counted(admin_client, settings):
    settings.RATE_LIMITS = {"default": "1/h"}
    for _ in range(3):
        assert admin_client.post("/admin/logout/").status_code != 429
