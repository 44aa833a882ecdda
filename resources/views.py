from django.db.models import Count
from django.http import Http404
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView

from faq.models import Question
from medhome import jurisdictions
from medhome.pagination import LenientPaginationMixin
from medhome.search import MAX_QUERY_LENGTH
from medhome.views import StaffPreviewMixin

from .filters import SORTS, ResourceFilter
from .models import Resource

RELATED_LIMIT = 4
LANDING_LIMIT = 12

# The three audience pages: which audiences and FAQ categories each gathers.
LANDINGS = {
    "families": {
        "title": _("For families"),
        "intro": _(
            "Plain-language tools for parents and young people: what to expect from "
            "a medical home, care plans, questions to ask, and growing up into adult care."
        ),
        "audiences": ["families", "youth"],
        "faq_categories": ["for-families"],
    },
    "clinicians": {
        "title": _("For clinicians and practices"),
        "intro": _(
            "Tools for pediatric practices: care coordination, screening, family "
            "partnership, transitions, recognition and payment."
        ),
        "audiences": ["clinicians", "practice-staff"],
        "faq_categories": ["recognition", "tools-resources"],
    },
    "states": {
        "title": _("For states and public health"),
        "intro": _(
            "Evidence, policy briefs and state examples for Title V programs, "
            "public health agencies and policy makers."
        ),
        "audiences": ["title-v", "public-health", "policy"],
        "faq_categories": ["for-states"],
    },
}


class ResourceListView(LenientPaginationMixin, FilterView):
    filterset_class = ResourceFilter
    template_name = "resources/resource_list.html"
    paginate_by = 20
    context_object_name = "resources"

    def get_queryset(self):
        return Resource.objects.published().for_cards()

    def get_filterset_kwargs(self, filterset_class):
        # Always bound, so the plain list gets the same facets and ordering.
        return {**super().get_filterset_kwargs(filterset_class), "data": self.request.GET}

    def get_context_data(self, **kwargs):
        filterset = self.filterset
        facets = filterset.facets()
        return super().get_context_data(
            facets=facets,
            active_filters=active_filters(self.request, facets),
            unknown_filters=filterset.unknown_values(),
            spanish_only="es" in filterset.selected("language"),
            query_shortened=len(self.request.GET.get("q", "")) > MAX_QUERY_LENGTH,
            query=filterset.query,
            sort=filterset.current_sort,
            sorts=SORTS,
            is_filtered=filterset.is_filtered(),
            breadcrumbs=[(_("Resources"), None)],
            **kwargs,
        )


def active_filters(request, facets):
    """(label, url that removes just this value) for every chosen facet value."""
    chips = []
    for facet in facets:
        for option in facet.options:
            if option.selected:
                params = request.GET.copy()
                params.pop("page", None)
                params.setlist(
                    facet.name, [v for v in params.getlist(facet.name) if v != option.value]
                )
                chips.append((facet.label, option.label, f"?{params.urlencode()}#results"))
    return chips


class ResourceDetailView(StaffPreviewMixin, DetailView):
    model = Resource
    context_object_name = "resource"

    def get_queryset(self):
        return super().get_queryset().with_relations()

    def get_context_data(self, **kwargs):
        resource = self.object
        related = (
            Resource.objects.published()
            .filter(topics__in=[topic.pk for topic in resource.topics.all()])
            .exclude(pk=resource.pk)
            .annotate(shared=Count("topics"))
            .order_by("-shared", "-published_on", "pk")
            .for_cards()[:RELATED_LIMIT]
        )
        state = jurisdictions.get(resource.state) if resource.state else None
        return super().get_context_data(
            related=related,
            state_name=state.name if state else "",
            breadcrumbs=[(_("Resources"), reverse("resources:list")), (resource.title, None)],
            last_updated=resource.updated_at,
            **kwargs,
        )


class AudienceView(TemplateView):
    template_name = "resources/audience.html"

    def get_context_data(self, **kwargs):
        landing = LANDINGS.get(self.kwargs["slug"])
        if landing is None:
            raise Http404
        audiences = landing["audiences"]
        through = Resource.audiences.through.objects.filter(audience__slug__in=audiences)
        resources = Resource.objects.published().filter(pk__in=through.values("resource_id"))
        questions = (
            Question.objects.published().filter(
                pk__in=Question.objects.filter(audiences__slug__in=audiences).values("pk")
            )
            | Question.objects.published().filter(category__slug__in=landing["faq_categories"])
        ).select_related("category")[:LANDING_LIMIT]
        query = urlencode([("audience", slug) for slug in audiences])
        shown = list(resources.for_cards()[:LANDING_LIMIT])
        return super().get_context_data(
            landing=landing,
            landing_slug=self.kwargs["slug"],
            resources=shown,
            last_updated=max((r.updated_at for r in shown), default=None),
            resource_count=resources.count(),
            questions=questions,
            all_url=f"{reverse('resources:list')}?{query}",
            breadcrumbs=[(_("Resources"), reverse("resources:list")), (landing["title"], None)],
            **kwargs,
        )
