"""The task worker: runs queued tasks and, between them, heals stopped newsletter sends
and sends the resource alerts whose week is up (checked every ALERTS_CHECK_SECONDS).

`db_worker` alone leaves a send whose worker was killed waiting for a person; this
worker takes up any deliveries whose claim expired (or that nobody claimed), so a
send resumes by itself, on whichever worker is free first.
"""

import logging
import random
import time
from typing import Any

from django.conf import settings
from django.db import close_old_connections
from django.db.utils import OperationalError
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from newsletter import services

logger = logging.getLogger("django_tasks_db")


class HealingWorker(db_worker.Worker):
    def _next_task(self):
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        with exclusive_transaction(tasks.db):
            try:
                task_result = tasks.get_locked()
            except OperationalError as error:
                if is_locked_database_exception(error):
                    return None
                raise
            if task_result is not None:
                task_result.claim(self.worker_id)
        return task_result

    _alerts_checked_at = float("-inf")

    def _heal(self) -> bool:
        self.running_task = True  # a signal now waits for the batch in hand
        try:
            healed = bool(services.sends_heal(should_stop=lambda: not self.running))
            return self._alerts() or healed
        finally:
            self.running_task = False

    def _alerts(self) -> bool:
        """The weekly resource alerts: each alert is due a week after its last message;
        looking for due ones costs one query, so it is done every few minutes only."""
        if time.monotonic() - self._alerts_checked_at < settings.ALERTS_CHECK_SECONDS:
            return False
        self._alerts_checked_at = time.monotonic()
        result = services.alerts_send_due(should_stop=lambda: not self.running)
        return bool(result["checked"])

    def run(self) -> None:
        logger.info("Starting worker worker_id=%s queues=%s", self.worker_id, self.queue_names)
        if self.startup_delay and self.interval:
            time.sleep(random.random())  # noqa: S311 - spreads workers started together
        while self.running:
            close_old_connections()
            task_result = self._next_task()
            busy = True
            if task_result is not None:
                self.run_task(task_result)
            else:
                busy = self._heal()
            close_old_connections()
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                return
            if not busy:
                if self.batch:
                    return
                if self.running:
                    time.sleep(self.interval)


class Command(db_worker.Command):
    help = "Run background tasks and resume newsletter sends whose worker stopped"

    def handle(self, *args: Any, **options: Any) -> None:
        original = db_worker.Worker
        # The parent command builds db_worker.Worker: swapped for this run, put back after.
        db_worker.Worker = HealingWorker  # type: ignore[misc]
        try:
            super().handle(*args, **options)
        finally:
            db_worker.Worker = original  # type: ignore[misc]
