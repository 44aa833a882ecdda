from typing import Any, cast

from django.core.paginator import Paginator
from django.db.models import Count
from django.views.generic import DetailView
from django_filters.views import FilterView

from medhome import jurisdictions
from medhome.breadcrumbs import section_page, trail
from medhome.mixins import StaffPreviewMixin
from medhome.pagination import CachedCountPaginator, LenientPaginationMixin
from medhome.search import MAX_QUERY_LENGTH
from medhome.search_views import correction

from .filters import SORTS, ResourceFilter
from .models import Resource, ResourceQuerySet

RELATED_LIMIT = 4


class ResourceListView(LenientPaginationMixin, FilterView):
    filterset_class = ResourceFilter
    template_name = "resources/resource_list.html"
    paginate_by = 20
    context_object_name = "resources"

    paginator_class = CachedCountPaginator

    def get_queryset(self) -> ResourceQuerySet:
        return Resource.objects.published().for_cards()

    def get_paginator(
        self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kwargs
    ) -> Paginator:
        # The count comes with the facet counts (one query, cached with them).
        counter = self.filterset.result_count if self.filterset.is_valid() else None
        return super().get_paginator(
            queryset,
            per_page,
            orphans=orphans,
            allow_empty_first_page=allow_empty_first_page,
            counter=counter,
            **kwargs,
        )

    def get_filterset_kwargs(self, filterset_class) -> dict[str, Any]:
        # Always bound, so the plain list gets the same facets and ordering.
        return {**super().get_filterset_kwargs(filterset_class), "data": self.request.GET}

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        filterset = self.filterset
        facets = filterset.facets()
        return super().get_context_data(
            facets=facets,
            active_filters=active_filters(self.request, facets),
            unknown_filters=filterset.unknown_values(),
            spanish_only="es" in filterset.selected("language"),
            query_shortened=len(self.request.GET.get("q", "")) > MAX_QUERY_LENGTH,
            query=filterset.search_query.text,
            correction=correction(self.request, filterset.search_query),
            has_facet_filters=filterset.has_facet_filters(),
            sort=filterset.current_sort,
            sorts=SORTS,
            is_filtered=filterset.is_filtered(),
            breadcrumbs=section_page("resources"),
            **kwargs,
        )


def active_filters(request, facets) -> list[tuple[str, str, str]]:
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

    def get_queryset(self) -> ResourceQuerySet:
        return cast(ResourceQuerySet, super().get_queryset()).with_relations()

    def get_context_data(self, **kwargs) -> dict[str, Any]:
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
            breadcrumbs=trail("resources", here=resource.title),
            last_updated=resource.updated_at,
            **kwargs,
        )
