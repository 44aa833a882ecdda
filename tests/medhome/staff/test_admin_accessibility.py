"""Every admin page staff use is axe-clean (WCAG 2.0/2.1 A and AA) in English and Spanish.

One browser and one live server visit the sign-in page, the dashboard, and every
registered model's change list, add form and change form at 1280 px, in both
languages, and collect every violation; the test fails listing them all. A model
registered later without an object made here fails the test (so it gets scanned).
"""

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from medhome.staff.roles import sync_roles
from tests.conftest import axe_violations, current_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def make_one_of_everything(admin_user):
    """At least one object of every registered model, with its inlines filled in."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_tasks_db.models import DBTaskResult

    from medhome.models import PageFeedback
    from mentorship.models import AssistanceRequest, Nomination
    from newsletter.models import Alert, Delivery
    from resources.models import Submission
    from tests.events.factories import EventFactory
    from tests.factories import PageFactory
    from tests.faq.factories import QuestionFactory
    from tests.mentorship import factories as mf
    from tests.newsletter.factories import IssueSectionFactory, SubscriberFactory
    from tests.resources.factories import AudienceFactory, ResourceFactory, TopicFactory

    StaticDevice.objects.create(user=admin_user, name="backup")
    now = timezone.now()
    AccessAttempt.objects.create(
        username="someone", ip_address="192.0.2.1", user_agent="x", failures_since_start=2
    )
    AccessLog.objects.create(username="someone", ip_address="192.0.2.1", user_agent="x")
    AccessFailureLog.objects.create(username="someone", ip_address="192.0.2.1", user_agent="x")
    DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="resources.linkcheck.check_links_task",
        backend_name="default",
        run_after=now,
    )
    PageFactory()
    topic, audience = TopicFactory(), AudienceFactory()
    resource = ResourceFactory()
    resource.topics.add(topic)
    resource.audiences.add(audience)
    question = QuestionFactory()
    PageFeedback.objects.create(
        page=question.get_absolute_url(), title=str(question), helpful=False, comment="Unclear"
    )
    Submission.objects.create(
        kind="tool",
        title="Shared tool",
        description="A checklist.",
        name="Ana",
        email="ana@example.org",
    )
    state = mf.StateFactory(code="VT")
    mf.TeamMemberFactory(state=state)
    mf.QIPlanFactory(state=state)
    mf.PromiseFactory(state=state)
    mf.InitiativeFactory(state=state)
    mf.ContactFactory(state=state)
    mentor = mf.MentorFactory(state=state, expertise=[mf.ExpertiseFactory()], tools=[resource])
    mf.IntroductionRequestFactory(mentor=mentor)
    AssistanceRequest.objects.create(
        name="Ana", organization="Clinic", email="ana@example.org", message="Help"
    )
    subscriber = SubscriberFactory()
    subscriber.topics.add(topic)
    section = IssueSectionFactory(resource=resource, url="")
    Delivery.objects.create(issue=section.issue, subscriber=subscriber)
    EventFactory()
    nomination = Nomination.objects.create(
        name="Prairie Clinic",
        summary="Daily huddles.",
        description="We huddle every morning.",
        contact_name="Ana",
        email="ana@example.org",
        state="VT",
    )
    nomination.accept()
    Alert.objects.create(subscriber=subscriber, filters={"topic": [topic.slug], "q": "plan"})


def admin_pages():
    pages = [
        ("dashboard", reverse("admin:index")),
        ("page feedback report", reverse("admin:medhome_pagefeedback_report")),
    ]
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        prefix = f"admin:{opts.app_label}_{opts.model_name}"
        pages.append((f"{opts.label} list", reverse(f"{prefix}_changelist")))
        if model_admin.has_add_permission(_Superuser()):
            pages.append((f"{opts.label} add", reverse(f"{prefix}_add")))
        obj = model._default_manager.order_by("pk").first()
        assert obj is not None, f"make_one_of_everything() makes no {opts.label}"
        pages.append((f"{opts.label} change", reverse(f"{prefix}_change", args=[obj.pk])))
    return pages


class _Superuser:
    """Just enough of a request for has_add_permission() of a superuser."""

    class user:
        is_active = is_staff = is_superuser = True

        @staticmethod
        def has_perm(perm, obj=None):
            return True


def scan(page, label, found):
    for violation in axe_violations(page):
        targets = "; ".join(
            str(node["target"][0]) if node["target"] else "?" for node in violation["nodes"][:4]
        )
        found.append(f"{label}: {violation['id']} ({len(violation['nodes'])}) {targets}")


# One test per language, so the two halves of the longest test run side by side.
@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_admin_page_is_axe_clean(live_server, browser, lang):
    sync_roles()
    boss = User.objects.create_superuser("boss", "boss@example.org", "a-long-passphrase-1")
    current_code(boss)  # enrols the second factor (a TOTP device)
    make_one_of_everything(boss)
    pages = admin_pages()
    found: list[str] = []
    bad_status: list[str] = []
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, extra_http_headers={"Accept-Language": lang}
    )
    page = context.new_page()
    page.goto(f"{live_server.url}{reverse('admin:login')}")
    assert page.locator("html").get_attribute("lang") == lang
    scan(page, f"[{lang}] login", found)
    page.locator("#id_username").fill("boss")
    page.locator("#id_password").fill("a-long-passphrase-1")
    page.locator("#id_otp_token").fill(current_code(boss))
    page.locator("#login-form [type=submit]").click()
    page.wait_for_selector("#site-name")
    for label, url in pages:
        response = page.goto(f"{live_server.url}{url}")
        if response.status != 200:
            bad_status.append(f"[{lang}] {label}: {response.status}")
            continue
        scan(page, f"[{lang}] {label}", found)
    context.close()
    report = f"{bad_status}\n{len(found)} violations:\n" + "\n".join(found)
    assert not bad_status, report
    assert not found, report
