import unicodedata
from typing import Any, ClassVar, NamedTuple, Self, cast

from django.contrib.postgres.search import SearchVectorField
from django.db import connection, models, transaction
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    FloatField,
    Max,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.text import format_lazy, slugify
from django.utils.translation import gettext_lazy as _

from medhome import jurisdictions, search
from medhome.models import Publishable, PublishableQuerySet, QueueItem, QueueStatus
from medhome.text import render_markdown

MARKDOWN_HELP = _("Markdown: blank lines between paragraphs, - for a list, [text](https://...).")


def _fold(text: str) -> str:
    """Lower case without accents: "Oregón" and "oregon" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _names_matching(q: str) -> list[str]:
    """Codes of the jurisdictions whose name (English or Spanish) or code contains q."""
    needle = _fold(q)
    return [
        j.code
        for j in jurisdictions.JURISDICTIONS
        if needle in _fold(j.name_en) or needle in _fold(j.name_es) or needle == j.code.casefold()
    ]


class Milestone(NamedTuple):
    year: int
    what: str  # "team", "plan" or "promise"
    state: "State"


class StateQuerySet(PublishableQuerySet):
    def with_map_data(self, as_of: int | None = None) -> Self:
        """Everything a tile or a table row shows, in one query.

        has_team, has_plan and has_promise say what the state had at the end of the year
        `as_of` (None: today). As of a year, a team, plan or promise counts only when its
        year is known and not later: the map never guesses."""
        team: Exists | Q = Exists(TeamMember.objects.filter(state=OuterRef("pk")))
        plan = Q(qi_plan__isnull=False)
        promise = Q(promise__isnull=False)
        if as_of is not None:
            team = team & Q(team_formed__lte=as_of)
            plan &= Q(qi_plan__adopted_in__lte=as_of)
            promise &= Q(promise__made_in__lte=as_of)
        # CASE, not the bare condition: a missing year must read false, never SQL's NULL.
        return self.select_related("qi_plan", "promise").annotate(
            has_team=Case(When(team, then=True), default=False, output_field=BooleanField()),
            has_plan=Case(When(plan, then=True), default=False, output_field=BooleanField()),
            has_promise=Case(When(promise, then=True), default=False, output_field=BooleanField()),
        )

    def search(self, q) -> Self:
        """States whose name (English or Spanish) or code matches, or whose overview
        matches by full-text search (medhome.search)."""
        query = search.prepare(q)
        if not query:
            return self.none()
        names = _names_matching(query.original) or _names_matching(query.text)
        matches = search.search(State.objects.all(), query).values("pk")
        return self.filter(Q(code__in=names) | Q(pk__in=matches))

    def map_summary(self, as_of: int | None = None) -> dict:
        """Counts over these states (the map's and the home page's summary), in one query."""
        return self.with_map_data(as_of).aggregate(
            total=Count("pk"),
            team=Count("pk", filter=Q(has_team=True)),
            plan=Count("pk", filter=Q(has_plan=True)),
            promise=Count("pk", filter=Q(has_promise=True)),
            updated=Max("updated_at"),
        )

    def milestones(self) -> list["Milestone"]:
        """Every dated step (a team formed, a plan adopted, a promise made), oldest first:
        the map's "What changed over time" list, in one query."""
        found: list[Milestone] = []
        rows: Any = self.with_map_data().order_by("code")  # annotated States
        for state in rows:
            plan = getattr(state, "qi_plan", None)
            promise = getattr(state, "promise", None)
            for year, what in (
                (state.team_formed if state.has_team else None, "team"),
                (plan.adopted_in if plan else None, "plan"),
                (promise.made_in if promise else None, "promise"),
            ):
                if year:
                    found.append(Milestone(year, what, state))
        order = {"team": 0, "plan": 1, "promise": 2}
        return sorted(found, key=lambda m: (m.year, order[m.what], m.state.name))


class State(Publishable):
    """One jurisdiction a Title V program serves: its team, plan, promise and projects."""

    code = models.CharField(
        _("state or territory"),
        max_length=2,
        choices=jurisdictions.choices,
        help_text=_("Each state or territory has one page."),
    )
    overview = models.TextField(
        _("overview"),
        blank=True,
        help_text=format_lazy(
            "{} {}", _("A short introduction to medical home work in this state."), MARKDOWN_HELP
        ),
    )
    team_formed = models.PositiveSmallIntegerField(
        _("team formed in"),
        null=True,
        blank=True,
        help_text=_("The year the state team first met."),
    )

    objects: ClassVar = StateQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("state or territory")
        verbose_name_plural = _("states and territories")
        constraints = [
            models.UniqueConstraint(fields=["code"], name="mentorship_state_code_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def jurisdiction(self) -> jurisdictions.Jurisdiction:
        return jurisdictions.BY_CODE[self.code]

    @property
    def name(self) -> str:
        j = jurisdictions.get(self.code)
        return j.name if j else self.code

    def get_absolute_url(self) -> str:
        return reverse("mentorship:state", kwargs={"code": self.code.lower()})

    @property
    def overview_html(self) -> SafeString:
        return render_markdown(self.overview)


class TeamRole(models.TextChoices):
    PEDIATRICIAN = "pediatrician", _("Pediatrician")
    FAMILY_PHYSICIAN = "family_physician", _("Family physician")
    FAMILY = "family", _("Family representative")
    TITLE_V = "title_v", _("Title V CSHCN program")
    MEDICAID = "medicaid", _("Medicaid")
    COMMUNITY = "community", _("Community stakeholder")
    OTHER_AGENCY = "other_agency", _("Other agency")


class TeamMember(models.Model):
    state = models.ForeignKey(
        State, on_delete=models.CASCADE, related_name="team_members", verbose_name=_("state")
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role on the team"), max_length=20, choices=TeamRole.choices)
    organization = models.CharField(_("organization"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Lower numbers are listed first.")
    )

    class Meta:
        ordering = ["state", "order", "name"]
        verbose_name = _("state team member")
        verbose_name_plural = _("state team members")

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class PlanKind(models.TextChoices):
    LEARNING_COLLABORATIVE = "learning_collaborative", _("Learning collaborative")
    EPIC = "epic", _("EPIC model")
    OTHER = "other", _("Other")


class PlanStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    UNDER_WAY = "under_way", _("Under way")
    COMPLETED = "completed", _("Completed")


class QIPlan(models.Model):
    """A state's quality-improvement plan for spreading the medical home."""

    state = models.OneToOneField(
        State, on_delete=models.CASCADE, related_name="qi_plan", verbose_name=_("state")
    )
    kind = models.CharField(_("kind of plan"), max_length=24, choices=PlanKind.choices)
    status = models.CharField(
        _("plan status"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.PLANNED
    )
    adopted_in = models.PositiveSmallIntegerField(
        _("adopted in"),
        null=True,
        blank=True,
        help_text=_("The year the state adopted the plan (the map's year filter uses it)."),
    )
    description = models.TextField(_("description"), blank=True, help_text=MARKDOWN_HELP)
    document = models.FileField(
        _("plan document"),
        upload_to="states/plans/",
        blank=True,
        help_text=_("Optional. Without a document the page says that none is available yet."),
    )

    class Meta:
        ordering = ["state"]
        verbose_name = _("quality-improvement plan")
        verbose_name_plural = _("quality-improvement plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(adopted_in__isnull=True)
                | Q(adopted_in__gte=1990, adopted_in__lte=2100),
                name="mentorship_qiplan_adopted_in_range",
                violation_error_message=_("Give a year between 1990 and 2100."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.state}: {self.get_kind_display()}"

    @property
    def description_html(self) -> SafeString:
        return render_markdown(self.description)


class Promise(models.Model):
    """The state's "Promise to the State": the steps it commits to and by when."""

    state = models.OneToOneField(
        State, on_delete=models.CASCADE, related_name="promise", verbose_name=_("state")
    )
    steps = models.TextField(
        _("steps promised"),
        help_text=format_lazy("{} {}", _("One step per line."), MARKDOWN_HELP),
    )
    made_in = models.PositiveSmallIntegerField(
        _("made in"),
        null=True,
        blank=True,
        help_text=_("The year the state made its promise (the map's year filter uses it)."),
    )
    target_year = models.PositiveSmallIntegerField(
        _("target year"), null=True, blank=True, help_text=_("The year the steps should be done.")
    )
    document = models.FileField(
        _("promise document"),
        upload_to="states/promises/",
        blank=True,
        help_text=_("Optional. Without a document the page says that none is available yet."),
    )

    class Meta:
        ordering = ["state"]
        verbose_name = _("promise to the state")
        verbose_name_plural = _("promises to the state")
        constraints = [
            models.CheckConstraint(
                condition=Q(target_year__isnull=True)
                | Q(target_year__gte=2000, target_year__lte=2100),
                name="mentorship_promise_target_year_range",
                violation_error_message=_("Give a year between 2000 and 2100."),
            ),
            models.CheckConstraint(
                condition=Q(made_in__isnull=True) | Q(made_in__gte=1990, made_in__lte=2100),
                name="mentorship_promise_made_in_range",
                violation_error_message=_("Give a year between 1990 and 2100."),
            ),
        ]

    def __str__(self) -> str:
        return str(_("Promise to the State: %(state)s") % {"state": self.state})

    @property
    def steps_html(self) -> SafeString:
        return render_markdown(self.steps)


class InitiativeKind(models.TextChoices):
    INITIATIVE = "initiative", _("State initiative")
    DEMONSTRATION = "demonstration", _("Demonstration project")
    PILOT = "pilot", _("Pilot project")


class Initiative(models.Model):
    state = models.ForeignKey(
        State, on_delete=models.CASCADE, related_name="initiatives", verbose_name=_("state")
    )
    kind = models.CharField(
        _("kind"), max_length=14, choices=InitiativeKind.choices, default=InitiativeKind.INITIATIVE
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, help_text=MARKDOWN_HELP)
    sponsor = models.CharField(
        _("sponsor or payer"),
        max_length=200,
        blank=True,
        help_text=_("Who funds or pays for it, e.g. the state Medicaid agency."),
    )
    pediatric_practices = models.BooleanField(
        _("pediatric practices take part"),
        null=True,
        blank=True,
        help_text=_("Leave empty if unknown."),
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    url = models.URLField(_("link"), blank=True)

    class Meta:
        ordering = ["state", "-start_date", "title"]
        verbose_name = _("initiative or project")
        verbose_name_plural = _("initiatives and projects")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="mentorship_initiative_dates_in_order",
                violation_error_message=_("The end date cannot be before the start date."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def description_html(self) -> SafeString:
        return render_markdown(self.description)


class Contact(models.Model):
    state = models.ForeignKey(
        State, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("state")
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    organization = models.CharField(_("organization"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta:
        ordering = ["state", "name"]
        verbose_name = _("state contact")
        verbose_name_plural = _("state contacts")

    def __str__(self) -> str:
        return self.name


class Expertise(models.Model):
    """An area a mentor can help with, e.g. care coordination. Staff manage the list."""

    slug = models.SlugField(_("short name"), unique=True, help_text=_("Used in web addresses."))
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Lower numbers are listed first.")
    )

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("area of expertise")
        verbose_name_plural = _("areas of expertise")

    def __str__(self) -> str:
        return self.name


class MentorKind(models.TextChoices):
    STATE = "state", _("State Mentor")
    PRACTICE = "practice", _("Practice-Based Quality Improvement Mentor")
    PROMISING = "promising", _("Promising Practice")


class Setting(models.TextChoices):
    HOSPITAL = "hospital", _("Hospital-based clinic")
    UNIVERSITY = "university", _("University-based")
    COMMUNITY = "community", _("Community-based")
    PRIVATE = "private", _("Private practice")
    FQHC = "fqhc", _("Federally qualified health center")
    STATE_PROGRAM = "state_program", _("State program")


class CommunityType(models.TextChoices):
    URBAN = "urban", _("Urban")
    INNER_CITY = "inner_city", _("Inner-city")
    SUBURBAN = "suburban", _("Suburban")
    RURAL = "rural", _("Rural")
    FRONTIER = "frontier", _("Frontier")
    STATEWIDE = "statewide", _("Statewide")


class PracticeSize(models.TextChoices):
    SMALL = "small", _("Small (1 to 3 clinicians)")
    MEDIUM = "medium", _("Medium (4 to 10 clinicians)")
    LARGE = "large", _("Large (more than 10 clinicians)")


class Population(models.TextChoices):
    CSHCN = "cshcn", _("Children with special health care needs")
    MEDICAID = "medicaid", _("Families on Medicaid or CHIP")
    SPANISH = "spanish", _("Spanish-speaking families")
    IMMIGRANT = "immigrant", _("Immigrant and refugee families")
    TRIBAL = "tribal", _("American Indian and Alaska Native families")
    YOUTH = "youth", _("Youth moving to adult care")
    MILITARY = "military", _("Military families")
    FOSTER = "foster", _("Children in foster care")


class MentorQuerySet(PublishableQuerySet):
    def with_relations(self) -> Self:
        return self.select_related("state").prefetch_related("expertise")

    def match_candidates(self, profile) -> Self:
        """Mentors sharing at least one trait with a practice (matching.PracticeProfile).

        A mentor sharing none scores 0 and is no match, so narrowing in the database
        changes no result; it only spares scoring every mentor in Python."""
        if profile.is_empty:
            return self.none()
        shared = Q()
        for field, value in (
            ("setting", profile.setting),
            ("community_type", profile.community),
            ("practice_size", profile.size),
            ("state__code", profile.state),
        ):
            if value:
                shared |= Q(**{field: value})
        if profile.needs:
            shared |= Q(expertise__slug__in=profile.needs)
        if profile.populations:
            if connection.vendor != "postgresql":
                return self  # SQLite cannot look inside the JSON list: score them all
            for population in profile.populations:
                shared |= Q(populations__contains=[population])
        return self.filter(pk__in=self.filter(shared).values("pk"))

    def search(self, q) -> Self:
        """Mentors matching by full-text search (name, organization, summary,
        description) or by the name of their state, annotated with `search_rank`:
        the text's rank, plus a title match's worth when their state is named."""
        query = search.prepare(q)
        if not query:
            return self.none()
        names = _names_matching(query.original) or _names_matching(query.text)
        if not names:
            # Text only: the stored vector's GIN index narrows, and only the matching
            # rows are ranked, once (no per-row subquery).
            return cast(Self, search.search(self, query))
        matches = search.search(Mentor.objects.all(), query)
        text_rank = Subquery(matches.filter(pk=OuterRef("pk")).values("search_rank")[:1])
        state_rank = Case(
            When(state__code__in=names, then=Value(search.title_match_rank())),
            default=Value(0.0),
            output_field=FloatField(),
        )
        return self.filter(Q(pk__in=matches.values("pk")) | Q(state__code__in=names)).annotate(
            search_rank=Coalesce(text_rank, Value(0.0), output_field=FloatField()) + state_rank
        )


class Mentor(Publishable):
    """A State Mentor, a practice-based QI mentor or a promising practice."""

    kind = models.CharField(_("kind of mentor"), max_length=10, choices=MentorKind.choices)
    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("The person, team or practice, as it should appear."),
    )
    slug = models.SlugField(
        _("address"), max_length=200, unique=True, help_text=_("The last part of the web address.")
    )
    organization = models.CharField(_("organization"), max_length=200, blank=True)
    state = models.ForeignKey(
        State,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentors",
        verbose_name=_("state or territory"),
    )
    setting = models.CharField(_("setting"), max_length=14, choices=Setting.choices, blank=True)
    community_type = models.CharField(
        _("community"), max_length=12, choices=CommunityType.choices, blank=True
    )
    practice_size = models.CharField(
        _("practice size"), max_length=8, choices=PracticeSize.choices, blank=True
    )
    populations = models.JSONField(
        _("populations served"),
        default=list,
        blank=True,
        help_text=_("Tick every group the mentor has experience serving."),
    )
    expertise = models.ManyToManyField(
        Expertise, blank=True, related_name="mentors", verbose_name=_("areas of expertise")
    )
    tools = models.ManyToManyField(
        "resources.Resource",
        blank=True,
        related_name="mentors",
        verbose_name=_("tools they made"),
        help_text=_(
            "Resources in the library this mentor created. Only published ones are shown."
        ),
    )
    summary = models.CharField(
        _("summary"), max_length=300, blank=True, help_text=_("One sentence shown in lists.")
    )
    description = models.TextField(_("description"), blank=True, help_text=MARKDOWN_HELP)
    contact_name = models.CharField(_("contact name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)

    # The weighted search vector per language (name A, organization and summary B,
    # description C), written by a PostgreSQL trigger (migration 0002); unused on SQLite.
    search_en = SearchVectorField(null=True, editable=False)
    search_es = SearchVectorField(null=True, editable=False)

    objects: ClassVar = MentorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("mentor")
        verbose_name_plural = _("mentors")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("mentorship:mentor_detail", kwargs={"slug": self.slug})

    @property
    def description_html(self) -> SafeString:
        return render_markdown(self.description)

    def get_populations_display(self) -> list[str]:
        labels = dict(Population.choices)
        return [str(labels[p]) for p in self.populations if p in labels]


class IntroductionRequest(QueueItem):
    """A practice asks to be introduced to a mentor."""

    mentor = models.ForeignKey(
        Mentor,
        on_delete=models.SET_NULL,
        null=True,
        related_name="introduction_requests",
        verbose_name=_("mentor"),
    )
    name = models.CharField(_("your name"), max_length=200)
    organization = models.CharField(_("practice or organization"), max_length=200)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    message = models.TextField(
        _("message"),
        max_length=4000,
        help_text=_(
            "Tell us about your practice and what you would like to learn from this mentor."
        ),
    )
    practice_profile = models.TextField(
        _("practice profile"),
        blank=True,
        help_text=_("What the practice told the matching form, when it came from there."),
    )
    language = models.CharField(_("language"), max_length=5, default="en", editable=False)
    confirmation_sent_at = models.DateTimeField(_("confirmation sent"), null=True, blank=True)

    class Meta(QueueItem.Meta):
        verbose_name = _("introduction request")
        verbose_name_plural = _("introduction requests")

    def __str__(self) -> str:
        return f"{self.name} → {self.mentor or '?'}"


class AssistanceKind(models.TextChoices):
    BACKGROUND = "background", _("Background on the medical home model")
    START = "start", _("Starting to make our practice a medical home")
    COMPONENT = "component", _("Tools for one part, such as care coordination")
    RECOGNITION = "recognition", _("Recognition and accreditation")
    MEETING = "meeting", _("Planning a meeting or training")
    CONNECT = "connect", _("Connecting with a practice that has transformed")
    STATE = "state", _("State programs and policy")
    OTHER = "other", _("Something else")


class AssistanceRequest(QueueItem):
    """A request for technical assistance from the center."""

    kind = models.CharField(
        _("what do you need help with?"), max_length=12, choices=AssistanceKind.choices
    )
    name = models.CharField(_("your name"), max_length=200)
    organization = models.CharField(_("organization"), max_length=200, blank=True)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    state = models.CharField(
        _("state or territory"),
        max_length=2,
        blank=True,
        choices=jurisdictions.choices,
    )
    message = models.TextField(
        _("your question"), max_length=4000, help_text=_("A few sentences are enough.")
    )
    language = models.CharField(_("language"), max_length=5, default="en", editable=False)
    confirmation_sent_at = models.DateTimeField(_("confirmation sent"), null=True, blank=True)

    class Meta(QueueItem.Meta):
        verbose_name = _("technical-assistance request")
        verbose_name_plural = _("technical-assistance requests")

    def __str__(self) -> str:
        return f"{self.name}: {self.get_kind_display()}"


class Nomination(QueueItem):
    """A practice or state team proposes itself as a mentor or a promising practice.

    The mentorship coordinator reads it in the admin; accepting it (`accept`) makes a
    draft mentor profile from it for the coordinator to finish and publish."""

    kind = models.CharField(
        _("propose as"), max_length=10, choices=MentorKind.choices, default=MentorKind.PRACTICE
    )
    name = models.CharField(
        _("practice, team or program"),
        max_length=200,
        help_text=_("As it should appear on the mentor's page."),
    )
    organization = models.CharField(_("organization"), max_length=200, blank=True)
    state = models.CharField(
        _("state or territory"),
        max_length=2,
        blank=True,
        choices=jurisdictions.choices,
    )
    setting = models.CharField(_("setting"), max_length=14, choices=Setting.choices, blank=True)
    community_type = models.CharField(
        _("community"), max_length=12, choices=CommunityType.choices, blank=True
    )
    practice_size = models.CharField(
        _("practice size"), max_length=8, choices=PracticeSize.choices, blank=True
    )
    expertise = models.ManyToManyField(
        Expertise, blank=True, related_name="+", verbose_name=_("areas of expertise")
    )
    summary = models.CharField(
        _("in one sentence, what could others learn from you?"), max_length=300
    )
    description = models.TextField(
        _("your work"),
        max_length=4000,
        help_text=_(
            "What you changed, what came of it, and what you could share with other "
            "practices or states."
        ),
    )
    # Not "website": that name is the public forms' honeypot (medhome.forms).
    homepage = models.URLField(_("website"), blank=True)
    contact_name = models.CharField(_("your name"), max_length=200)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(_("language"), max_length=5, default="en", editable=False)
    confirmation_sent_at = models.DateTimeField(_("confirmation sent"), null=True, blank=True)
    mentor = models.ForeignKey(
        Mentor,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("draft mentor profile"),
        help_text=_("Made when the nomination was accepted."),
    )

    class Meta(QueueItem.Meta):
        verbose_name = _("mentor nomination")
        verbose_name_plural = _("mentor nominations")

    def __str__(self) -> str:
        return f"{self.name}: {self.get_kind_display()}"

    @transaction.atomic
    def accept(self) -> Mentor:
        """The draft mentor profile made from this nomination (made once; kept after)."""
        if self.mentor is not None:
            return self.mentor
        base = slugify(self.name)[:190] or "mentor"
        slug, n = base, 1
        while Mentor.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        language = self.language if self.language in ("en", "es") else "en"
        mentor = Mentor.objects.create(
            kind=self.kind,
            # Proper names stay as written (the Spanish page falls back to them).
            name_en=self.name,
            slug=slug,
            organization_en=self.organization,
            state=State.objects.filter(code=self.state).first() if self.state else None,
            setting=self.setting,
            community_type=self.community_type,
            practice_size=self.practice_size,
            # Written in the nominee's language; staff add the other in the admin.
            **{f"summary_{language}": self.summary, f"description_{language}": self.description},
            contact_name=self.contact_name,
            contact_email=self.email,
            contact_phone=self.phone,
            website=self.homepage,
        )
        mentor.expertise.set(self.expertise.all())
        self.mentor = mentor
        self.queue_status = QueueStatus.CLOSED
        self.save(update_fields=["mentor", "queue_status", "updated_at"])
        return mentor


search.register_index(State, [("overview", "C")], translated=("overview",), headline=("overview",))
search.register_index(
    Mentor,
    [("name", "A"), ("organization", "B"), ("summary", "B"), ("description", "C")],
    translated=("name", "organization", "summary", "description"),
    headline=("summary", "description"),
    stored=True,
)
