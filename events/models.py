from typing import ClassVar, Self
from zoneinfo import ZoneInfo

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from medhome.models import Publishable, PublishableQuerySet
from medhome.text import render_markdown


class TimeZone(models.TextChoices):
    # The zones of the states and territories the center serves.
    EASTERN = "America/New_York", _("Eastern time")
    CENTRAL = "America/Chicago", _("Central time")
    MOUNTAIN = "America/Denver", _("Mountain time")
    ARIZONA = "America/Phoenix", _("Mountain time (Arizona)")
    PACIFIC = "America/Los_Angeles", _("Pacific time")
    ALASKA = "America/Anchorage", _("Alaska time")
    HAWAII = "Pacific/Honolulu", _("Hawaii time")
    ATLANTIC = "America/Puerto_Rico", _("Atlantic time (Puerto Rico, Virgin Islands)")
    CHAMORRO = "Pacific/Guam", _("Chamorro time (Guam, Northern Mariana Islands)")
    SAMOA = "Pacific/Pago_Pago", _("Samoa time (American Samoa)")


class Format(models.TextChoices):
    ONLINE = "online", _("Online")
    IN_PERSON = "in_person", _("In person")
    HYBRID = "hybrid", _("In person and online")


class EventLanguage(models.TextChoices):
    ENGLISH = "en", _("English")
    SPANISH = "es", _("Spanish")
    BOTH = "both", _("English and Spanish")


class EventQuerySet(PublishableQuerySet):
    def _still_on(self, now):
        # Until it ends; an event without an end time counts as over once it starts.
        return Q(ends_at__gte=now) | Q(ends_at__isnull=True, starts_at__gte=now)

    def upcoming(self, now=None) -> Self:
        now = now or timezone.now()
        return self.filter(self._still_on(now)).order_by("starts_at", "pk")

    def past(self, now=None) -> Self:
        now = now or timezone.now()
        return self.exclude(self._still_on(now)).order_by("-starts_at", "-pk")

    def for_lists(self) -> Self:
        return self.select_related("recording").prefetch_related("audiences")


class Event(Publishable):
    # Lists show an event as upcoming until it ends: the content version (medhome.cache)
    # moves when one starts or ends, so nothing kept under it shows a past event.
    CHANGES_PUBLICLY_AT = ("starts_at", "ends_at")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("address"),
        max_length=200,
        unique=True,
        help_text=_("The last part of the event's web address; filled in from the title."),
    )
    summary = models.CharField(
        _("summary"),
        max_length=300,
        help_text=_("One or two sentences shown in the list of events and in search engines."),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_(
            "What the event covers and who speaks. Markdown: blank lines between paragraphs, "
            "- for a list, [text](https://...) for a link."
        ),
    )
    starts_at = models.DateTimeField(
        _("starts"),
        help_text=_("Date and time in the event's time zone, chosen below."),
    )
    ends_at = models.DateTimeField(
        _("ends"),
        null=True,
        blank=True,
        help_text=_("Optional. Date and time in the event's time zone."),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=40,
        choices=TimeZone.choices,
        default=TimeZone.EASTERN,
        help_text=_("The time zone the start and end are written in, and shown in."),
    )
    format = models.CharField(
        _("format"), max_length=10, choices=Format.choices, default=Format.ONLINE
    )
    place = models.CharField(
        _("place"),
        max_length=300,
        blank=True,
        help_text=_("For events in person: the venue, street address and city."),
    )
    registration_url = models.URLField(
        _("registration link"),
        blank=True,
        help_text=_("Where people sign up. Leave empty when no registration is needed."),
    )
    audiences = models.ManyToManyField(
        "resources.Audience",
        blank=True,
        related_name="events",
        verbose_name=_("audiences"),
    )
    language = models.CharField(
        _("language"),
        max_length=4,
        choices=EventLanguage.choices,
        default=EventLanguage.ENGLISH,
        help_text=_("The language the event is held in."),
    )
    recording = models.ForeignKey(
        "resources.Resource",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("recording in the library"),
        help_text=_("Once the recording is a resource in the library, pick it here."),
    )
    recording_url = models.URLField(
        _("recording link"),
        blank=True,
        help_text=_("A link to the recording while it is not yet in the library."),
    )

    objects: ClassVar = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=models.F("starts_at")),
                name="event_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", kwargs={"slug": self.slug})

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    @property
    def is_over(self) -> bool:
        now = timezone.now()
        return (self.ends_at or self.starts_at) < now

    @property
    def is_online(self) -> bool:
        return self.format in (Format.ONLINE, Format.HYBRID)

    @property
    def has_place(self) -> bool:
        return self.format in (Format.IN_PERSON, Format.HYBRID) and bool(self.place)

    @property
    def recording_href(self) -> str:
        if self.recording_id and self.recording and self.recording.is_public:
            return self.recording.get_absolute_url()
        return self.recording_url

    @property
    def description_html(self) -> SafeString:
        return render_markdown(self.description)
