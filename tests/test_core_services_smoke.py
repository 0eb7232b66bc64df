import pytest

from tests.factories import ApplicationFactory, ResumeFactory, UserFactory, document_write


@pytest.mark.django_db
def test_factories_build_through_the_services():
    user = UserFactory()
    first = ApplicationFactory(user=user)
    second = ApplicationFactory(user=user)
    assert first.name.startswith("acme_robotics_senior_backend_engineer_")
    assert second.name == f"{first.name}_2"
    assert first.stage_events.count() == 1
    document = document_write(first)
    assert document.version == 1
    assert ResumeFactory(user=user).user == user
