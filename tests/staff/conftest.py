import pytest

from medhome.staff.roles import sync_roles


@pytest.fixture
def roles(db):
    # Transactional tests flush the rows the data migration made: sync again.
    sync_roles()
