from collections.abc import Callable
from datetime import datetime
from types import SimpleNamespace
from typing import Any, cast

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from django.views.generic import DetailView, ListView

from medhome.breadcrumbs import section_page, trail
from medhome.cache import cached
from medhome.mixins import StaffPreviewMixin
from medhome.pagination import CachedCountPaginator, LenientPaginationMixin
from newsletter import alerts, services, tokens
from newsletter.forms import AlertForm, PreferencesForm, SubscribeForm
from newsletter.models import Issue, IssueQuerySet, Source, SubscriberStatus


def _archive():
    return Issue.objects.archive().order_by("-issue_date", "-pk")


class IssueArchiveView(LenientPaginationMixin, ListView):
    """The sign-up form and the archive of sent issues, newest first."""

    template_name = "newsletter/issue_list.html"
    context_object_name = "issues"
    paginate_by = 20

    def get_queryset(self) -> IssueQuerySet:
        return _archive()

    def get_paginator(
        self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kwargs
    ) -> Paginator:
        # Counted once per content version: every publication or sending moves it.
        return CachedCountPaginator(
            queryset,
            per_page,
            orphans=orphans,
            allow_empty_first_page=allow_empty_first_page,
            count_key="newsletter-archive",
            **kwargs,
        )

    def post(self, request, *args, **kwargs) -> HttpResponse:
        form = SubscribeForm(request.POST, request=request)
        if form.is_valid():
            source = (
                Source.HOME_PAGE if request.POST.get("from") == "home" else Source.NEWSLETTER_PAGE
            )
            services.subscriber_subscribe(
                email=form.cleaned_data["email"],
                language=form.cleaned_data["language"],
                topics=form.cleaned_data.get("topics", []),
                source=source,
            )
            return redirect("newsletter:thanks")
        self.object_list = self.get_queryset()
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        kwargs.setdefault("form", SubscribeForm(request=self.request))
        # The footer's date, the newest issue shown: kept with the list (cachedpart), so
        # the page's rows are read only when that part is rendered again.
        context = super().get_context_data(
            breadcrumbs=section_page("newsletter"), last_updated=None, **kwargs
        )
        rows = context["object_list"]
        context["last_updated"] = cached(
            ("newsletter-archive-updated", self.request.GET.get(self.page_kwarg, "")),
            lambda: max((issue.updated_at for issue in rows), default=None),
        )
        return context


class IssueDetailView(StaffPreviewMixin, DetailView):
    template_name = "newsletter/issue_detail.html"
    context_object_name = "issue"
    queryset = Issue.objects.prefetch_related("sections__resource")

    def get_queryset(self) -> IssueQuerySet:
        queryset = cast(IssueQuerySet, super().get_queryset())  # published only, unless staff
        return queryset if self.request.user.is_staff else queryset.filter(sent_at__isnull=False)

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        return super().get_context_data(
            breadcrumbs=trail("newsletter", here=self.object.title),
            last_updated=self.object.updated_at,
            **kwargs,
        )


def thanks(request) -> HttpResponse:
    return render(
        request,
        "newsletter/thanks.html",
        {"breadcrumbs": trail("newsletter", here=_("Check your email"))},
    )


type View = Callable[..., HttpResponse]


def token_page(view: View) -> View:
    """Pages reached through a personal link: never cached, never indexed."""

    @never_cache
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _token_problem(request, error):
    expired = isinstance(error, tokens.TokenExpired)
    return render(request, "newsletter/token_problem.html", {"expired": expired}, status=400)


def _read_confirm(token):
    """(subscriber, purpose) of a confirmation link: the newsletter's or the alerts'."""
    try:
        return tokens.read(token, tokens.CONFIRM), tokens.CONFIRM
    except tokens.TokenInvalid:
        return tokens.read(token, tokens.CONFIRM_ALERTS), tokens.CONFIRM_ALERTS


@token_page
@require_http_methods(["GET", "POST"])
def confirm(request, token) -> HttpResponse:
    """A GET only shows a button: mail scanners follow links, people press buttons.
    The same path confirms the newsletter and the resource alerts asked for an address."""
    try:
        subscriber, purpose = _read_confirm(token)
    except (tokens.TokenExpired, tokens.TokenInvalid) as error:
        return _token_problem(request, error)
    for_alerts = purpose == tokens.CONFIRM_ALERTS
    if request.method == "POST":
        if for_alerts:
            services.alerts_confirm(subscriber=subscriber)
        else:
            services.subscriber_confirm(subscriber=subscriber)
        preferences = reverse(
            "newsletter:preferences", args=[tokens.make(subscriber, tokens.PREFERENCES)]
        )
        return render(
            request,
            "newsletter/confirmed.html",
            {"preferences_url": preferences, "for_alerts": for_alerts},
        )
    waiting = (
        for_alerts
        and subscriber.alerts.filter(confirmed_at__isnull=True, stopped_at__isnull=True).exists()
    )
    done = (
        not waiting
        if for_alerts
        else subscriber.status == SubscriberStatus.CONFIRMED and subscriber.wants_issues
    )
    return render(
        request,
        "newsletter/confirm.html",
        {"subscriber": subscriber, "for_alerts": for_alerts, "done": done},
    )


@csrf_exempt  # RFC 8058: mail providers POST here without cookies; the signed token is the proof.
@token_page
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token) -> HttpResponse:
    try:
        subscriber = tokens.read(token, tokens.UNSUBSCRIBE)
    except (tokens.TokenExpired, tokens.TokenInvalid) as error:
        return _token_problem(request, error)
    if request.method == "POST":
        subscriber.unsubscribe()
        return render(request, "newsletter/unsubscribed.html", {"subscriber": subscriber})
    return render(request, "newsletter/unsubscribe.html", {"subscriber": subscriber})


@token_page
@require_http_methods(["GET", "POST"])
def preferences(request, token) -> HttpResponse:
    try:
        subscriber = tokens.read(token, tokens.PREFERENCES)
    except (tokens.TokenExpired, tokens.TokenInvalid) as error:
        return _token_problem(request, error)
    initial = {
        "language": subscriber.language,
        "topics": list(subscriber.topics.values_list("pk", flat=True)),
        "wants_issues": subscriber.wants_issues,
    }
    form = PreferencesForm(request.POST or None, initial=initial)
    saved = False
    if request.method == "POST" and form.is_valid():
        services.subscriber_update_preferences(
            subscriber=subscriber,
            language=form.cleaned_data["language"],
            topics=form.cleaned_data.get("topics", []),
            wants_issues=form.cleaned_data["wants_issues"],
        )
        saved = True
    subscriber_alerts = list(subscriber.alerts.active().order_by("pk"))
    alerts.describe(subscriber_alerts)
    for alert in subscriber_alerts:
        # For the template only: each alert's own "stop" link.
        alert.stop_url = reverse(  # type: ignore[attr-defined]
            "newsletter:alert_stop", args=[tokens.make_stop(alert)]
        )
    context = {
        "alerts": subscriber_alerts,
        "subscriber": subscriber,
        "form": form,
        "saved": saved,
        "unsubscribe_url": reverse(
            "newsletter:unsubscribe", args=[tokens.make(subscriber, tokens.UNSUBSCRIBE)]
        ),
    }
    return render(
        request,
        "newsletter/preferences.html",
        context,
        status=200 if form.is_valid() or not form.is_bound else 400,
    )


class IssueFeed(Feed):
    feed_type = Atom1Feed
    link = reverse_lazy("newsletter:index")

    def title(self) -> str:
        return gettext("Medical Homes @ Work")

    def subtitle(self) -> str:
        return gettext("The newsletter of the National Center for Medical Home Implementation.")

    def items(self) -> IssueQuerySet:
        return _archive()[:20]

    def item_title(self, item) -> str:
        return item.title

    def item_description(self, item) -> str:
        return item.intro_html

    def item_pubdate(self, item) -> datetime:
        return item.sent_at

    def item_updateddate(self, item) -> datetime:
        return item.updated_at


def home_context(request) -> dict:
    """What templates/newsletter/_home.html needs: the latest sent issue and a sign-up form."""
    return {
        # Lazy (at most one row): the template keeps the part that shows it.
        "newsletter_latest_issue": _archive()[:1],
        "newsletter_form": SubscribeForm(
            request=request, with_topics=False, auto_id="newsletter_%s"
        ),
    }


@require_http_methods(["GET", "POST"])
def alert_new(request) -> HttpResponse:
    """ "Email me new resources like these": the library's current filter, an address."""
    if request.method == "POST":
        form = AlertForm(request.POST, request=request)
        if form.is_valid():
            alert = services.alert_subscribe(
                email=form.cleaned_data["email"],
                language=form.cleaned_data["language"],
                filters=form.cleaned_data["filters"],
            )
            return render(
                request,
                "newsletter/alert_thanks.html",
                {
                    "too_many": alert is None,
                    "breadcrumbs": trail("newsletter", here=_("Check your email")),
                },
            )
        filters = alerts.normalize(request.POST.get("filters", "")[:2000])
    else:
        filters = alerts.normalize(request.GET)
        form = AlertForm(request=request, initial={"filters": alerts.querystring(filters)})
    preview = SimpleNamespace(filters=filters)
    alerts.describe([preview])
    return render(
        request,
        "newsletter/alert_form.html",
        {
            "form": form,
            "alert": preview,
            "breadcrumbs": trail("resources", here=_("Email me new resources like these")),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@csrf_exempt  # RFC 8058: mail providers POST here without cookies; the signed token is the proof.
@token_page
@require_http_methods(["GET", "POST"])
def alert_stop(request, token) -> HttpResponse:
    """One alert's one-click stop (its messages' List-Unsubscribe)."""
    try:
        alert = tokens.read_stop(token)
    except tokens.TokenInvalid as error:
        return _token_problem(request, error)
    alerts.describe([alert])
    if request.method == "POST":
        alert.stop()
        preferences = reverse(
            "newsletter:preferences", args=[tokens.make(alert.subscriber, tokens.PREFERENCES)]
        )
        return render(
            request,
            "newsletter/alert_stopped.html",
            {"alert": alert, "preferences_url": preferences},
        )
    return render(request, "newsletter/alert_stop.html", {"alert": alert})
