"""The public pages' queries have an index to use (issue 12: at national scale a
sequential scan per request is what made them slow).

The tables here are tiny, so the planner would rightly scan them anyway: each plan is
asked for with sequential scans priced out (`enable_seqscan = off`), which still
yields a sequential scan when no usable index exists. PostgreSQL only (SQLite's
planner has no such switch; the indexes exist there too)."""

import pytest
from django.db import connection

from resources.models import Resource
from tests.resources.factories import ResourceFactory

pytestmark = pytest.mark.django_db


def plan(queryset, *, priced_out=("seqscan",)) -> str:
    """The plan PostgreSQL would choose for `queryset` with the `priced_out` methods
    (enable_* settings) costed as a last resort."""
    if connection.vendor != "postgresql":
        pytest.skip("EXPLAIN output is PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE resources_resource")  # statistics of the rows made here
        for method in priced_out:
            cursor.execute(f"SET LOCAL enable_{method} = off")
    return queryset.explain()


def test_a_state_pages_resources_use_the_state_index():
    ResourceFactory.create_batch(3, state="MN")
    ResourceFactory.create_batch(30, state="WI")
    found = plan(Resource.objects.published().filter(state="MN")[:10])
    assert "resource_state_newest" in found
    assert "Seq Scan on resources_resource" not in found


def test_the_librarys_newest_first_order_reads_the_index_in_order():
    ResourceFactory.create_batch(3)
    newest = Resource.objects.published().order_by("-published_on", "pk")[:20]
    found = plan(newest, priced_out=("seqscan", "sort"))
    assert "resource_newest" in found
    assert "Sort" not in found  # the index gives the order: no sort of every row


def test_the_home_pages_featured_resources_use_the_partial_index():
    ResourceFactory.create_batch(2, featured=True)
    ResourceFactory.create_batch(30, featured=False)
    found = plan(Resource.objects.published().filter(featured=True)[:6])
    assert "resource_featured" in found
    assert "Seq Scan on resources_resource" not in found
