"""Match report fixtures: writes whose after-commit refreshes run, and a posting whose
requirements the factory resume shows in part."""

import pytest

from applications.services import application_create
from tests.factories import JOB_DESCRIPTION, ResumeFactory

NURSING_POSTING = """St. Mary's Hospital is hiring a Registered Nurse for its intensive care unit.

Requirements:
- Active Registered Nurse (RN) license
- 2+ years of ICU experience
- BLS and ACLS certification
- Experience with Epic electronic health records
"""


def application_save(user, company_name: str, job_description: str = JOB_DESCRIPTION):
    """An application for this posting, saved through the service (call it under `committed`)."""
    return application_create(
        user=user, company_name=company_name, role_title="Backend", job_description=job_description
    )


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a block's after-commit work (the report refreshes) as a real commit would."""

    def block():
        return django_capture_on_commit_callbacks(execute=True)

    return block


@pytest.fixture
def resume(alice):
    return ResumeFactory(user=alice, is_primary=True, name="Main resume")


@pytest.fixture
def application(alice, resume, committed):
    """Alice's application for the factory posting, with its report refreshed as on commit."""
    with committed():
        return application_create(
            user=alice,
            company_name="Acme Robotics",
            role_title="Senior Backend Engineer",
            job_description=JOB_DESCRIPTION,
        )
