"""Every public form, fuzzed with hypothesis: whatever is posted, the answer is never a 500.

The forms are found on the pages themselves (every <form method="post"> on
the public pages below), so a form added to one of them is fuzzed too. Half
of the examples carry the form's real CSRF and "form started" values, so the
fuzz reaches the form's own validation and the views behind it.
"""

import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsletter import tokens
from tests.faq.factories import QuestionFactory
from tests.mentorship.factories import MentorFactory
from tests.newsletter.factories import SubscriberFactory
from tests.resources.factories import ResourceFactory

pytestmark = pytest.mark.django_db


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self.forms.append({"action": attrs.get("action") or "", "fields": {}})
        elif self.forms and tag in ("input", "textarea", "select") and attrs.get("name"):
            self.forms[-1]["fields"].setdefault(attrs["name"], attrs.get("value") or "")


def _pages():
    question = QuestionFactory()
    MentorFactory(name="Prairie Clinic", slug="prairie-clinic")
    subscriber = SubscriberFactory()
    resource = ResourceFactory()
    return [
        resource.get_absolute_url(),
        "/en/",
        "/es/",
        "/en/assistance/",
        "/en/mentors/nominate/",
        "/en/mentors/prairie-clinic/introduction/",
        "/en/resources/share/",
        "/es/resources/share/",
        "/en/newsletter/",
        "/en/newsletter/alerts/new/?q=plan",
        f"/en/faq/questions/{question.slug}/",
        f"/en/newsletter/preferences/{tokens.make(subscriber, tokens.PREFERENCES)}/",
    ]


def discover_forms(client) -> list[tuple[str, dict]]:
    found: dict[str, dict] = {}
    for page in _pages():
        response = client.get(page.split("#")[0])
        assert response.status_code == 200, page
        parser = _Forms()
        parser.feed(response.content.decode())
        for form in parser.forms:
            action = form["action"] or page.split("#")[0]
            if action.startswith("/admin/"):
                continue
            found.setdefault(action, form["fields"])
    return list(found.items())


NASTY = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=50),
    st.sampled_from(
        [
            "",
            "\x00",
            "' OR 1=1 --",
            "<script>alert(1)</script>",
            "a@b",
            "x" * 6000,
            "ana@example.org",
            "yes",
            "no",
            "tool",
            "MN",
            "-1",
            "99999999999999999999",
            "🙂" * 40,
            "../../etc/passwd",
        ]
    ),
)


@pytest.fixture
def fuzz_settings(settings):
    settings.RATELIMIT_ENABLE = False
    settings.PUBLIC_FORM_RATE_LIMIT = 10**6


@pytest.fixture
def public_forms(fuzz_settings):
    return sorted(discover_forms(Client()))


def test_every_public_form_is_found(public_forms):
    actions = [action for action, _ in public_forms]
    for expected in (
        "/en/assistance/",
        "/en/mentors/prairie-clinic/introduction/",
        "/en/resources/share/",
        "/en/faq/questions/",
        "/en/feedback/",
        "/en/newsletter/alerts/new/",
        "/newsletter/preferences/",
    ):
        assert any(expected in action for action in actions), (expected, actions)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_no_public_form_answers_500(public_forms, data):
    client = Client(raise_request_exception=False)
    action, fields = data.draw(st.sampled_from(public_forms), label="form")
    names = sorted(fields)
    posted = data.draw(
        st.fixed_dictionaries({}, optional=dict.fromkeys(names, NASTY)), label="fields"
    )
    extra = data.draw(st.dictionaries(st.text(max_size=20), NASTY, max_size=3), label="extra")
    if data.draw(st.booleans(), label="with real tokens"):
        for name in ("csrfmiddlewaretoken", "started", "target"):
            if name in fields:
                posted[name] = fields[name]
    response = client.post(action, {**extra, **posted})
    assert response.status_code < 500, (action, posted, response.status_code)
    assert not re.search(r"Traceback|Server Error", response.content.decode(errors="replace"))
