from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from medhome.staff.admin import PublishableAdmin

from .models import Event, TimeZone

LOCAL_FIELDS = ("starts_at", "ends_at")


class EventAdminForm(forms.ModelForm):
    """Staff type the start and end in the event's own time zone (not the server's)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            zone = self.instance.zone
            for name in LOCAL_FIELDS:
                value = getattr(self.instance, name)
                if value is not None:
                    # Shown as typed: the naive wall-clock time in the event's zone.
                    self.initial[name] = timezone.make_naive(value, zone)

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        zone_name = cleaned.get("time_zone")
        if zone_name in TimeZone.values:
            zone = ZoneInfo(zone_name)
            for name in LOCAL_FIELDS:
                value = cleaned.get(name)
                if value is not None:
                    # The form read the wall-clock time in the server's zone; re-read it
                    # in the event's zone.
                    cleaned[name] = timezone.make_aware(timezone.make_naive(value), zone)
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("The event cannot end before it starts."))
        return cleaned


@admin.register(Event)
class EventAdmin(PublishableAdmin):
    form = EventAdminForm
    list_display = ["title", "starts_at", "time_zone", "format", "language", "status", "site_link"]
    list_filter = [*PublishableAdmin.list_filter, "format", "language", "audiences"]
    search_fields = ["title_en", "title_es", "summary_en", "summary_es"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["recording"]
    filter_horizontal = ["audiences"]
    date_hierarchy = "starts_at"
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "description"]}),
        (
            _("When"),
            {"fields": ["time_zone", "starts_at", "ends_at"]},
        ),
        (
            _("Where and for whom"),
            {"fields": ["format", "place", "registration_url", "language", "audiences"]},
        ),
        (
            _("Recording"),
            {
                "fields": ["recording", "recording_url"],
                "description": _("After the event: link its recording, if there is one."),
            },
        ),
        (_("Publishing"), {"fields": PublishableAdmin.workflow_fields}),
    ]
