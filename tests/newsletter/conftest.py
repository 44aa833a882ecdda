import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english_urls():
    # Requests switch the active language; reverse() in tests should not depend on the last one.
    with translation.override("en"):
        yield
