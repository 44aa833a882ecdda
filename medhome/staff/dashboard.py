"""The staff dashboard on the admin index: what needs review, open queue items,
and whatever panels apps add (the resource library adds broken links).

A panel is a function `(request) -> Panel | None`; register it with
`register_panel`. Panels return None when the user may not see them.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib import admin
from django.db.models import Count
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from medhome.models import QueueItem, QueueStatus
from medhome.staff.review import SHOWN_PER_MODEL, due_for_review  # noqa: F401 (panels use it)
from medhome.types import StrOrPromise


@dataclass
class Row:
    label: str
    count: int | None = None
    url: str = ""
    detail: str = ""


@dataclass
class Panel:
    title: StrOrPromise
    rows: list[Row] = field(default_factory=list)
    empty: StrOrPromise = ""
    key: str = ""


type PanelFunction = Callable[[HttpRequest], Panel | None]
PANELS: list[PanelFunction] = []


def register_panel(func: PanelFunction) -> PanelFunction:
    PANELS.append(func)
    return func


def _changelist(model, query=""):
    opts = model._meta
    try:
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    except NoReverseMatch:
        return ""
    return f"{url}?{query}" if query else url


def _visible(request, model):
    opts = model._meta
    return admin.site.is_registered(model) and request.user.has_perm(
        f"{opts.app_label}.view_{opts.model_name}"
    )


@register_panel
def needs_review(request) -> Panel:
    """The same list the weekly reminder mails the publishers (medhome.staff.review)."""
    panel = Panel(
        _("Needs review (not reviewed in 12 months)"),
        empty=_("Everything has been reviewed in the last 12 months."),
        key="review",
    )
    for group in due_for_review(request.user):
        panel.rows.append(Row(group.label, group.count, group.url))
        for item in group.items:
            panel.rows.append(Row(item.title, url=item.url, detail=item.status))
    return panel


def queue_models() -> list[type[QueueItem]]:
    return [m for m in apps.get_models() if issubclass(m, QueueItem) and not m._meta.abstract]


@register_panel
def open_queue_items(request) -> Panel:
    panel = Panel(_("Open queue items"), empty=_("No open items in any queue."), key="queues")
    labels = dict(QueueStatus.choices)
    for model in queue_models():
        if not _visible(request, model):
            continue
        counts = (
            model._default_manager.exclude(queue_status=QueueStatus.CLOSED)
            .values_list("queue_status")
            .annotate(n=Count("pk"))
            .order_by("queue_status")
        )
        for status, count in counts:
            panel.rows.append(
                Row(
                    str(model._meta.verbose_name_plural).capitalize(),
                    count,
                    _changelist(model, f"queue_status__exact={status}"),
                    str(labels.get(status, status)),
                )
            )
    return panel


def panels_for(request) -> list[Panel]:
    return [panel for func in PANELS if (panel := func(request)) is not None]
