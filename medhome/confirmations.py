"""Confirmation emails, sent one way by every app: now, and on failure retried later.

The public's writes (a newsletter sign-up, a mentorship request) are saved first;
then `send_or_retry(item, build)` mails the confirmation that `build(item)` makes.
When sending fails the write is kept, the failure is logged and a task retries it
after the transaction commits, up to MAX_ATTEMPTS times with growing pauses. A
model with a `confirmation_sent_at` field gets it stamped when the email went
out, and a retry finds it stamped and sends nothing twice.

`build` must be a module-level function: the retry finds it again by its dotted
path. This module imports no app.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta

from django.apps import apps
from django.core.mail import EmailMessage
from django.db import models, transaction
from django.tasks import task
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

STAMP = "confirmation_sent_at"
# Pause before retry n (1-based); MAX_ATTEMPTS counts the first try too.
RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=10), timedelta(hours=1))
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1


def _path(build: Callable) -> str:
    path = f"{build.__module__}.{build.__qualname__}"
    if "<" in path:  # a lambda or a nested function cannot be found again by a worker
        raise ValueError(f"confirmation builders must be module-level functions, not {path}")
    return path


def _send[M: models.Model](item: M, build: Callable[[M], EmailMessage]) -> None:
    build(item).send()
    if any(field.name == STAMP for field in item._meta.concrete_fields):
        type(item)._default_manager.filter(pk=item.pk).update(**{STAMP: timezone.now()})


def _queue_retry(builder: str, item: models.Model, attempt: int) -> None:
    """Queue attempt number `attempt` once the surrounding transaction commits."""
    label, pk = item._meta.label, item.pk
    delay = RETRY_DELAYS[attempt - 2]

    def enqueue() -> None:
        retry = send_confirmation
        if retry.get_backend().supports_defer:
            retry = retry.using(run_after=timezone.now() + delay)
        retry.enqueue(builder, label, pk, attempt)

    transaction.on_commit(enqueue)


def send_or_retry[M: models.Model](item: M, build: Callable[[M], EmailMessage]) -> bool:
    """Mail `build(item)` now: True when it went out, False when a retry was queued."""
    builder = _path(build)
    try:
        _send(item, build)
    except Exception:
        logger.exception(
            "Confirmation email for %s %s failed; queued a retry", item._meta.label, item.pk
        )
        _queue_retry(builder, item, attempt=2)
        return False
    return True


@task()
def send_confirmation(builder: str, model_label: str, pk: int, attempt: int = 2) -> str:
    """A retry of a confirmation that could not be sent. Returns "sent"; "done" when it
    was sent before or the item is gone; "retrying" when it failed again and the next
    attempt is queued; "failed" when the last attempt failed (logged as an error)."""
    item = apps.get_model(model_label)._default_manager.filter(pk=pk).first()
    if item is None or getattr(item, STAMP, None) is not None:
        return "done"
    try:
        _send(item, import_string(builder))
    except Exception:
        if attempt >= MAX_ATTEMPTS:
            logger.exception(
                "Confirmation email for %s %s failed %s times; giving up",
                model_label,
                pk,
                attempt,
            )
            return "failed"
        logger.warning(
            "Confirmation email for %s %s failed (attempt %s); retrying", model_label, pk, attempt
        )
        _queue_retry(builder, item, attempt + 1)
        return "retrying"
    return "sent"
