"""The weekly "review due" reminder: publishers get by email the items not reviewed in
12 months, the dashboard shows the same list, a command sends it by hand."""

import datetime
import zoneinfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from medhome.models import Status
from medhome.staff import review
from medhome.staff.roles import CONTENT_EDITOR, PUBLISHER, publishable_models
from tests.medhome.staff.factories import QuestionFactory, ResourceFactory, staff_user

pytestmark = pytest.mark.usefixtures("roles")

TODAY = timezone.localdate()
LONG_AGO = TODAY - datetime.timedelta(days=400)


def review_the_rest(*keep):
    """Mark reviewed today what the migrations (pages) and the factories (categories)
    made besides `keep`: only what a test makes due is due."""
    for model in publishable_models():
        model._default_manager.filter(last_reviewed__isnull=True).exclude(
            pk__in=[obj.pk for obj in keep if isinstance(obj, model)]
        ).update(last_reviewed=TODAY)


@pytest.fixture
def due():
    stale = QuestionFactory(question_en="Is this still true?", last_reviewed=LONG_AGO)
    never = ResourceFactory(title_en="Care plan toolkit", last_reviewed=None)
    QuestionFactory(question_en="Fresh answer", last_reviewed=TODAY)
    QuestionFactory(question_en="Archived answer", last_reviewed=LONG_AGO, status=Status.ARCHIVED)
    review_the_rest(never)
    return stale, never


def test_the_list_holds_what_is_past_its_review_date_and_not_archived(due):
    stale, never = due
    groups = {group.model._meta.model_name: group for group in review.due_for_review()}
    assert groups["question"].count == 1
    assert [item.title for item in groups["question"].items] == [str(stale)]
    assert groups["question"].items[0].url == reverse("admin:faq_question_change", args=[stale.pk])
    assert [item.title for item in groups["resource"].items] == ["Care plan toolkit"]
    assert groups["question"].url.endswith("?review=needed")


def test_publishers_get_the_list_in_english_and_spanish(due):
    stale, never = due
    pat = staff_user("pat", PUBLISHER)
    staff_user("eddie", CONTENT_EDITOR)
    assert review.send_review_reminders() == 1
    [message] = mail.outbox
    assert message.to == [pat.email]
    assert "Review due: 2 items" in message.subject
    body = message.body
    assert "Is this still true?" in body
    assert "never reviewed" in body
    assert "nunca revisado" in body  # the Spanish half
    assert reverse("admin:faq_question_change", args=[stale.pk]) in body
    assert "Archived answer" not in body
    assert "Fresh answer" not in body


def test_nothing_due_sends_nothing():
    staff_user("pat", PUBLISHER)
    QuestionFactory(last_reviewed=TODAY)
    review_the_rest()
    assert review.send_review_reminders() == 0
    assert mail.outbox == []


def test_the_next_reminder_is_monday_at_eight(settings):
    chicago = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    wednesday = datetime.datetime(2026, 12, 2, 15, 0, tzinfo=chicago)
    assert review.next_reminder_at(wednesday) == datetime.datetime(
        2026, 12, 7, 8, 0, tzinfo=chicago
    )
    monday_early = datetime.datetime(2026, 12, 7, 7, 0, tzinfo=chicago)
    assert review.next_reminder_at(monday_early).day == 7
    monday_late = datetime.datetime(2026, 12, 7, 9, 0, tzinfo=chicago)
    assert review.next_reminder_at(monday_late).day == 14


def test_the_weekly_task_is_queued_once_and_queues_itself_again(due):
    staff_user("pat", PUBLISHER)
    call_command("review_reminders", "--schedule")
    call_command("review_reminders", "--schedule")
    [queued] = DBTaskResult.objects.all()
    assert queued.task_path == review.review_reminder.module_path
    assert queued.run_after > timezone.now()
    assert timezone.localtime(queued.run_after).weekday() == 0
    # The worker runs it when its time comes: it mails, then queues next week's.
    DBTaskResult.objects.all().delete()
    assert review.review_reminder.call() == 1
    assert len(mail.outbox) == 1
    assert DBTaskResult.objects.filter(status="READY").count() == 1


def test_the_command_sends_the_reminder_now(due, capsys):
    staff_user("pat", PUBLISHER)
    call_command("review_reminders")
    assert len(mail.outbox) == 1
    assert "1 publisher" in capsys.readouterr().out


def test_the_dashboard_shows_the_same_list(client, due):
    stale, never = due
    client.force_login(staff_user("pat", PUBLISHER))
    html = client.get(reverse("admin:index")).content.decode()
    panel = html[html.index('id="dashboard-review"') :]
    for group in review.due_for_review():
        for item in group.items:
            assert item.title in panel
            assert item.url in panel
    assert "Fresh answer" not in panel
