"""Lenient page numbers: a shared link keeps working as results change.

A page past the end shows the last page, a malformed or too small number the
first; either way with a note, never a 404.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.core.paginator import Page, Paginator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from medhome.cache import cached

if TYPE_CHECKING:
    from django.views.generic import ListView

    _ListBase = ListView
else:
    _ListBase = object


class CachedCountPaginator(Paginator):
    """A paginator whose COUNT is cached under the content version (medhome.cache),
    keyed by `count_key`, what the counted rows depend on; without a key it counts.
    Or `counter`, a callable that knows the count already (say, cached together with
    other figures of the same rows, as the library's facet counts are)."""

    def __init__(self, *args, count_key=None, counter: Callable[[], int] | None = None, **kwargs):
        self.count_key = count_key
        self.counter = counter
        super().__init__(*args, **kwargs)

    @cached_property
    def count(self) -> int:
        def counted() -> int:
            return Paginator(self.object_list, self.per_page).count

        if self.counter is not None:
            return self.counter()
        if self.count_key is None:
            return counted()
        return cached(("count", self.count_key), counted, per_language=False)


def lenient_page(paginator: Paginator, raw: str | None) -> tuple[Page, str]:
    """(page, note): the page to show for the raw ?page= value, and why it differs."""
    if raw in (None, ""):
        return paginator.page(1), ""
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return paginator.page(1), _("That page number was not valid, so this is the first page.")
    if number < 1:
        return paginator.page(1), _("That page number was not valid, so this is the first page.")
    if number > paginator.num_pages:
        note = _("There are fewer pages now, so this is the last one.")
        return paginator.page(paginator.num_pages), note
    return paginator.page(number), ""


class LenientPaginationMixin(_ListBase):
    """For ListView/FilterView: replaces Django's 404 for a bad ?page= with a note."""

    page_note = ""

    def paginate_queryset(self, queryset, page_size) -> tuple[Paginator, Page, Any, bool]:
        paginator = self.get_paginator(
            queryset,
            page_size,
            orphans=self.get_paginate_orphans(),
            allow_empty_first_page=self.get_allow_empty(),
        )
        raw = self.kwargs.get(self.page_kwarg) or self.request.GET.get(self.page_kwarg)
        page, self.page_note = lenient_page(paginator, raw)
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)  # paginates, and so sets page_note
        context["page_note"] = self.page_note
        # The footer's "last updated": the newest item shown (already loaded, no query).
        page = context.get("page_obj")
        if "last_updated" in context or not page:
            return context  # the view knows it (without reading the rows)
        dates = [getattr(item, "updated_at", None) for item in page.object_list]
        if any(dates):
            context["last_updated"] = max(date for date in dates if date)
        return context
