from django.apps import apps
from django.tasks import task

from mentorship.emails import confirmation_send


@task()
def send_request_confirmation(model_label: str, pk: int) -> None:
    """The retry of a confirmation email that failed when the request arrived."""
    item = apps.get_model(model_label).objects.filter(pk=pk).first()
    if item is None or item.confirmation_sent_at is not None:
        return
    confirmation_send(item=item)
