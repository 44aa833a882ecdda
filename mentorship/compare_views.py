"""Compare states side by side (page and CSV) and one state's printable fact sheet."""

import csv

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from medhome import jurisdictions
from medhome.breadcrumbs import trail
from mentorship.compare import CSV_FIELDS, CompareForm, csv_rows, state_choices, state_facts


def _form(request):
    return CompareForm(request.GET or None, choices=state_choices())


def compare_states(request) -> HttpResponse:
    form = _form(request)
    facts = state_facts(form.cleaned_data["states"]) if form.is_valid() else []
    return render(
        request,
        "mentorship/state_compare.html",
        {
            "form": form,
            "facts": facts,
            "breadcrumbs": trail("map", here=_("Compare states")),
        },
    )


def compare_states_csv(request) -> HttpResponse:
    form = _form(request)
    if not form.is_valid():
        return HttpResponse(
            " ".join(str(e) for e in form.errors.get("states", [_("Pick two to four.")])),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    facts = state_facts(form.cleaned_data["states"])
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    codes = "-".join(item.state.code.lower() for item in facts)
    response["Content-Disposition"] = f'attachment; filename="compare-{codes}.csv"'
    writer = csv.DictWriter(response, fieldnames=CSV_FIELDS)
    writer.writeheader()
    writer.writerows(csv_rows(facts, request.build_absolute_uri))
    return response


def state_fact_sheet(request, code) -> HttpResponse:
    if code != code.lower() or not jurisdictions.get(code):
        raise Http404
    facts = state_facts([code], published_only=not request.user.is_staff)
    if not facts:
        raise Http404
    item = facts[0]
    return render(
        request,
        "mentorship/state_fact_sheet.html",
        {
            "item": item,
            "state": item.state,
            "breadcrumbs": trail("map", item.state, here=_("Fact sheet")),
            "last_updated": item.state.updated_at,
        },
    )
