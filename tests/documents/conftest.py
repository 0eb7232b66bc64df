import pytest

from tests.factories import ApplicationFactory


@pytest.fixture
def app(alice):
    """Alice's application (a module may define its own)."""
    return ApplicationFactory(user=alice)
