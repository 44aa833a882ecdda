"""Review due: curated items whose review date has passed (not reviewed in 12 months).

One list, `due_for_review()`, feeds the dashboard's panel and the weekly reminder
that publishers get by email. The reminder is a task (`review_reminder`) that,
once it has run, queues itself again for next Monday morning; `manage.py
review_reminders --schedule` starts that chain (make run and the cluster call it
after migrating; run it once on deploy) and `manage.py review_reminders` sends
the reminder now.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.mail import EmailMessage
from django.db import models
from django.db.models import QuerySet
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

from medhome.models import Status
from medhome.staff.roles import PUBLISHER, publishable_models

SHOWN_PER_MODEL = 5
REMINDER_WEEKDAY = 0  # Monday
REMINDER_HOUR = 8  # local time (settings.TIME_ZONE)


@dataclass
class DueItem:
    title: str
    url: str
    status: str
    last_reviewed: datetime.date | None


@dataclass
class DueGroup:
    model: type[models.Model]
    count: int
    url: str
    items: list[DueItem] = field(default_factory=list)

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name_plural).capitalize()


def _admin_url(name, *args) -> str:
    try:
        return reverse(f"admin:{name}", args=args)
    except NoReverseMatch:
        return ""


def due_for_review(user=None, *, shown: int = SHOWN_PER_MODEL) -> list[DueGroup]:
    """Per curated model (those `user` may view, if given): how many items are due for
    review, not archived, and the `shown` longest unreviewed ones."""
    groups = []
    for model in publishable_models():
        opts = model._meta
        if not admin.site.is_registered(model):
            continue
        if user is not None and not user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            continue
        due = model._default_manager.needs_review().exclude(status=Status.ARCHIVED)
        count = due.count()
        if not count:
            continue
        prefix = f"{opts.app_label}_{opts.model_name}"
        group = DueGroup(model, count, _admin_url(f"{prefix}_changelist") + "?review=needed")
        for obj in due.order_by(models.F("last_reviewed").asc(nulls_first=True), "pk")[:shown]:
            group.items.append(
                DueItem(
                    str(obj),
                    _admin_url(f"{prefix}_change", obj.pk),
                    obj.get_status_display(),
                    obj.last_reviewed,
                )
            )
        groups.append(group)
    return groups


def publishers() -> QuerySet[User]:
    """Active staff with the publisher role who have an email address."""
    users = get_user_model().objects.filter(is_active=True, is_staff=True).exclude(email="")
    return users.filter(groups__name=PUBLISHER).distinct()


def reminder_message(recipients) -> EmailMessage | None:
    """One email to every publisher, in English then Spanish; None when nothing is due."""
    parts, subjects = [], []
    for language in ("en", "es"):
        with translation.override(language):
            groups = due_for_review(shown=20)
            if not groups:
                return None
            context = {
                "groups": groups,
                "total": sum(group.count for group in groups),
                "site_url": settings.SITE_URL.rstrip("/"),
            }
            subjects.append(
                " ".join(render_to_string("medhome/email/review_due_subject.txt", context).split())
            )
            parts.append(render_to_string("medhome/email/review_due.txt", context))
    return EmailMessage(
        subject=subjects[0],
        body="\n\n— — —\n\n".join(parts),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email for user in recipients],
    )


def send_review_reminders() -> int:
    """Mail the publishers what is due for review; returns how many were mailed."""
    recipients = list(publishers())
    if not recipients:
        return 0
    message = reminder_message(recipients)
    if message is None:
        return 0
    message.send()
    return len(recipients)


def next_reminder_at(now: datetime.datetime | None = None) -> datetime.datetime:
    """The next Monday at 08:00 local time strictly after `now`."""
    now = timezone.localtime(now or timezone.now())
    days = (REMINDER_WEEKDAY - now.weekday()) % 7
    at = (now + datetime.timedelta(days=days)).replace(
        hour=REMINDER_HOUR, minute=0, second=0, microsecond=0
    )
    if at <= now:
        at += datetime.timedelta(days=7)
    return at


def _queued_reminder_exists() -> bool:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path=review_reminder.module_path, status="READY"
    ).exists()


def schedule_review_reminder(now=None) -> datetime.datetime | None:
    """Queue the next weekly reminder unless one is queued; None when the task
    backend cannot run tasks later (then the command sends by hand)."""
    backend = review_reminder.get_backend()
    if not backend.supports_defer:
        return None
    uses_database = type(backend).__module__.startswith("django_tasks_db")
    if uses_database and _queued_reminder_exists():
        return None
    at = next_reminder_at(now)
    review_reminder.using(run_after=at).enqueue()
    return at


@task()
def review_reminder() -> int:
    """The weekly reminder: mail the publishers, then queue next week's."""
    sent = send_review_reminders()
    schedule_review_reminder()
    return sent
