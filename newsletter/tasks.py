from django.tasks import task

from newsletter import services


@task()
def send_issue(issue_id: int) -> dict[str, int]:
    """Mail an issue to every confirmed subscriber; running it again resumes a stopped send."""
    return services.issue_send(issue_id=issue_id)


@task()
def send_issue_test(issue_id: int, email: str) -> int:
    return services.issue_send_test(issue_id=issue_id, email=email)


@task()
def send_alerts() -> dict[str, int]:
    """Mail every resource alert whose week is up (the worker also runs this on its own)."""
    return services.alerts_send_due()
