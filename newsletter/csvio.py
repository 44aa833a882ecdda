"""The CSV columns of subscribers, for the admin's export (django-import-export;
see medhome.staff.importexport). Export only: people sign up themselves."""

from typing import Any

from import_export.fields import Field

from medhome.staff.importexport import SlugManyToMany, StaffResource
from newsletter.models import Subscriber
from resources.models import Topic

COLUMNS = [
    "email",
    "status",
    "language",
    "topics",
    "source",
    "consent_at",
    "confirmed_at",
    "unsubscribed_at",
]


class SubscriberResource(StaffResource):
    topics = Field("topics", "topics", SlugManyToMany(Topic))

    class Meta(StaffResource.Meta):
        model = Subscriber
        import_id_fields = ["email"]
        fields = COLUMNS
        export_order = COLUMNS

    def filter_export(self, queryset: Any, **kwargs: Any) -> Any:
        return queryset.prefetch_related("topics").order_by("email")
