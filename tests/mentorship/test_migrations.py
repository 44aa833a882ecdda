"""The data migrations run on a database that already has content, not only on an
empty one (a fresh test database never exercises them with rows in place)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from mentorship.models import Mentor
from tests.mentorship.factories import MentorFactory, StateFactory

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("mentorship", "0002_stored_search_vectors")]


def _migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def test_translated_names_migrate_a_database_with_mentors():
    MentorFactory(
        name="Prairie Clinic", organization="Plains Health", state=StateFactory(code="MN")
    )
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    _migrate(BEFORE)
    try:
        # Before the fix: "cannot CREATE INDEX ... because it has pending trigger events".
        _migrate(leaves)
    finally:
        _migrate(leaves)
    mentor = Mentor.objects.get()
    assert (mentor.name_en, mentor.organization_en) == ("Prairie Clinic", "Plains Health")
    assert [m.name for m in Mentor.objects.search("prairie")] == ["Prairie Clinic"]
