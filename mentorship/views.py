import csv
from typing import Any, cast

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView
from django_filters.views import FilterView

from medhome import jurisdictions
from medhome.breadcrumbs import section_page, trail
from medhome.csvcells import cell
from medhome.mixins import StaffPreviewMixin
from medhome.pagination import LenientPaginationMixin
from medhome.search_views import correction
from mentorship import matching, services
from mentorship.filters import MentorFilter, StateFilter
from mentorship.forms import (
    AssistanceRequestForm,
    IntroductionRequestForm,
    MatchForm,
    NominationForm,
)
from mentorship.models import Mentor, MentorQuerySet, Population, State
from resources.models import Resource


def state_map(request) -> HttpResponse:
    """The tile map (or, with ?view=table, the table) of every jurisdiction, today or as of
    a year (?year=2024)."""
    filterset = StateFilter.for_request(request)
    states = list(filterset.states)
    by_code = {state.code: state for state in states}
    tiles = [(j, by_code.get(j.code)) for j in jurisdictions.JURISDICTIONS]
    tiles.sort(key=lambda tile: (tile[0].tile_row, tile[0].tile_col))
    summary = State.objects.published().map_summary(filterset.as_of)
    return render(
        request,
        "mentorship/state_map.html",
        {
            "filter": filterset,
            "filtered": filterset.active_count > 0,
            "filter_errors": filterset.is_bound and not filterset.is_valid(),
            "as_of": filterset.as_of,
            "states": sorted(states, key=lambda s: jurisdictions.name_key(s.name)),
            "tiles": tiles,
            "regions": jurisdictions.by_region(tiles),
            "active_filter_count": filterset.active_count,
            "summary": summary,
            "milestones": State.objects.published().milestones(),
            "table_view": request.GET.get("view") == "table",
            "breadcrumbs": section_page("map"),
            "last_updated": summary["updated"],
        },
    )


class StateDetailView(StaffPreviewMixin, DetailView):
    model = State
    context_object_name = "state"

    def get(self, request, *args, **kwargs) -> HttpResponse:
        code = kwargs["code"]
        if code != code.lower() and jurisdictions.get(code):
            return redirect("mentorship:state", code=code.lower(), permanent=True)
        return super().get(request, *args, **kwargs)

    def get_object(self, queryset=None) -> State:
        code = self.kwargs["code"]
        if code != code.lower() or not jurisdictions.get(code):
            raise Http404
        return get_object_or_404(
            self.get_queryset().select_related("qi_plan", "promise"), code=code.upper()
        )

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        state = self.object
        return super().get_context_data(
            team=state.team_members.all(),
            initiatives=state.initiatives.all(),
            contacts=state.contacts.all(),
            mentors=Mentor.objects.published().filter(state=state),
            resources=Resource.objects.published().filter(state=state.code)[:10],
            breadcrumbs=trail("map", here=state.name),
            last_updated=state.updated_at,
            **kwargs,
        )


def _export_rows(request):
    """The map's rows, narrowed by the same filters as the map when they are given."""
    for state in StateFilter.for_request(request).states.order_by("code"):
        # As of a year, what came later is left out.
        plan = state.qi_plan if state.has_plan else None
        promise = state.promise if state.has_promise else None
        yield {
            "code": state.code,
            "name": state.name,
            "kind": state.jurisdiction.kind,
            "has_team": state.has_team,
            "team_formed": state.team_formed if state.has_team else None,
            "qi_plan": plan.kind if plan else None,
            "qi_plan_status": plan.status if plan else None,
            "qi_plan_adopted_in": plan.adopted_in if plan else None,
            "has_promise": promise is not None,
            "promise_made_in": promise.made_in if promise else None,
            "promise_target_year": promise.target_year if promise else None,
            "url": state.get_absolute_url(),
        }


def states_csv(request) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="medical-home-states.csv"'
    rows = list(_export_rows(request))
    fields = ["code", "name", "kind", "has_team", "team_formed", "qi_plan", "qi_plan_status",
              "qi_plan_adopted_in", "has_promise", "promise_made_in", "promise_target_year",
              "url"]  # fmt: skip
    writer = csv.DictWriter(response, fieldnames=fields)
    writer.writeheader()
    for row in rows:
        row = {**row, "url": request.build_absolute_uri(row["url"])}
        writer.writerow({field: cell(row[field]) for field in fields})
    return response


def states_json(request) -> JsonResponse:
    rows = [
        {**row, "url": request.build_absolute_uri(row["url"])} for row in _export_rows(request)
    ]
    return JsonResponse({"language": get_language(), "count": len(rows), "states": rows})


class MentorListView(LenientPaginationMixin, FilterView):
    filterset_class = MentorFilter
    template_name = "mentorship/mentor_list.html"
    context_object_name = "mentors"
    paginate_by = 12
    extra_context = {"breadcrumbs": section_page("mentors")}

    def get_queryset(self) -> MentorQuerySet:
        # Built per request: published() compares with the current time.
        return Mentor.objects.published().with_relations()

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        data = self.filterset.form.cleaned_data if self.filterset.is_valid() else {}
        count = sum(1 for value in data.values() if value)
        query = self.filterset.search_query
        return super().get_context_data(
            active_filter_count=count,
            query=query.text,
            correction=correction(self.request, query),
            **kwargs,
        )


class MentorDetailView(StaffPreviewMixin, DetailView):
    model = Mentor
    context_object_name = "mentor"

    def get_queryset(self) -> MentorQuerySet:
        queryset = cast(MentorQuerySet, super().get_queryset())
        return queryset.select_related("state").prefetch_related("expertise")

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        return super().get_context_data(
            tools=self.object.tools.published(),
            breadcrumbs=trail("mentors", here=self.object.name),
            last_updated=self.object.updated_at,
            **kwargs,
        )


POPULATION_LABELS = dict(Population.choices)


def _traits(mentor: Mentor) -> matching.MentorTraits:
    return matching.MentorTraits(
        key=mentor.pk,
        name=mentor.name,
        state=mentor.state.code if mentor.state else "",
        setting=mentor.setting,
        community=mentor.community_type,
        size=mentor.practice_size,
        populations=frozenset(mentor.populations or ()),
        expertise={e.slug: e.name for e in mentor.expertise.all()},
        community_label=mentor.get_community_type_display() if mentor.community_type else "",
        population_labels={value: str(label) for value, label in POPULATION_LABELS.items()},
    )


def mentor_match(request) -> HttpResponse:
    form = MatchForm(request.GET or None)
    results = None
    if form.is_bound and form.is_valid():
        profile = form.profile()
        candidates = Mentor.objects.published().match_candidates(profile).with_relations()
        mentors = {m.pk: m for m in candidates}
        ranked = matching.rank(profile, [_traits(m) for m in mentors.values()], limit=10)
        results = [(mentors[match.key], match) for match in ranked]
    # The footer's "last updated": the newest mentor listed (already loaded).
    last_updated = max((mentor.updated_at for mentor, _match in results or []), default=None)
    return render(
        request,
        "mentorship/mentor_match.html",
        {
            "form": form,
            "results": results,
            "last_updated": last_updated,
            "answered": sum(1 for v in form.cleaned_data.values() if v)
            if results is not None
            else 0,
            "breadcrumbs": trail("mentors", here=_("Find mentors like my practice")),
        },
    )


def introduction_request(request, slug) -> HttpResponse:
    mentor = get_object_or_404(Mentor.objects.published(), slug=slug)
    form = IntroductionRequestForm(request.POST or None, request=request)
    # Arriving from the match results, the practice's answers ride along in the query.
    match = MatchForm(request.GET or None)
    profile = match.describe() if match.is_bound and match.is_valid() else ""
    if request.method == "POST" and form.is_valid():
        form.instance.practice_profile = profile
        services.introduction_request_accept(form=form, mentor=mentor, language=get_language())
        return redirect("mentorship:introduction_sent", slug=mentor.slug)
    return render(
        request,
        "mentorship/introductionrequest_form.html",
        {
            "form": form,
            "mentor": mentor,
            "practice_profile": profile,
            "breadcrumbs": trail("mentors", mentor, here=_("Ask for an introduction")),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def introduction_sent(request, slug) -> HttpResponse:
    mentor = get_object_or_404(Mentor.objects.published(), slug=slug)
    return render(
        request, "mentorship/request_sent.html", {"mentor": mentor, "kind": "introduction"}
    )


def assistance_request(request) -> HttpResponse:
    form = AssistanceRequestForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        services.assistance_request_accept(form=form, language=get_language())
        return redirect("mentorship:assistance_sent")
    return render(
        request,
        "mentorship/assistancerequest_form.html",
        {"form": form, "breadcrumbs": trail(here=_("Ask for help"))},
        status=400 if form.is_bound and form.errors else 200,
    )


def assistance_sent(request) -> HttpResponse:
    return render(request, "mentorship/request_sent.html", {"kind": "assistance"})


def nominate(request) -> HttpResponse:
    """A practice or state team proposes itself as a mentor or a promising practice."""
    form = NominationForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        services.nomination_accept(form=form, language=get_language())
        return redirect("mentorship:nominate_sent")
    return render(
        request,
        "mentorship/nomination_form.html",
        {
            "form": form,
            "breadcrumbs": trail("mentors", here=_("Propose your practice or team")),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def nominate_sent(request) -> HttpResponse:
    return render(request, "mentorship/request_sent.html", {"kind": "nomination"})
