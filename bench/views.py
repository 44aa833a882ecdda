"""Ceiling B: everything a real page pays for except its own work.

The full middleware stack and every context processor, base.html with header,
footer and language links, and about 20 KB of body from 20 included items, but
no database query. A page's requests per second divided by this is how close it
comes to the framework's own ceiling.
"""

from django.http import HttpResponse
from django.shortcuts import render

from medhome.breadcrumbs import section_page
from medhome.httpcache import render_every_time

ITEMS = [
    {
        "title": f"Item {n}: a care coordination toolkit for practices",
        "url": f"/en/resources/ceiling-item-{n}/",
        "summary": (
            "A plain-language summary of a resource, about as long as the summaries "
            "the library shows on its cards, so that the page weighs what a real list "
            "weighs. Practices, families and state teams read these every day. "
        )
        * 3,
    }
    for n in range(20)
]


def ceiling_b(request) -> HttpResponse:
    # Rendered on every request: a ceiling the page store answered would measure a
    # dictionary lookup, not what a page costs to make.
    render_every_time()
    return render(
        request,
        "bench/ceiling_b.html",
        {"items": ITEMS, "breadcrumbs": section_page("resources"), "demo_notice": False},
    )
