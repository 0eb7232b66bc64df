"""The dashboard's reads: applications per stage, the active ones, the newest few."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from applications import selectors, services
from applications.models import Application
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def _at(user, stage):
    application = ApplicationFactory(user=user)
    services.application_stage_change(user=user, application=application, stage=stage)
    return application


class TestPipelineCounts:
    def test_it_counts_every_stage_in_order_with_zeros(self, alice):
        _at(alice, "applied")
        _at(alice, "applied")
        _at(alice, "rejected")
        ApplicationFactory(user=alice)
        pipeline = selectors.application_pipeline_counts(user=alice)
        assert [(s["value"], s["count"]) for s in pipeline.stages] == [
            ("saved", 1),
            ("applied", 2),
            ("interviewing", 0),
            ("offer", 0),
            ("rejected", 1),
            ("withdrawn", 0),
            ("declined", 0),
        ]
        assert pipeline.total == 4

    def test_active_counts_the_stages_still_in_play(self, alice):
        assert set(Application.ACTIVE_STAGES) == {"applied", "interviewing", "offer"}
        for stage in ("saved", "applied", "interviewing", "offer", "rejected", "withdrawn"):
            _at(alice, stage) if stage != "saved" else ApplicationFactory(user=alice)
        assert selectors.application_pipeline_counts(user=alice).active == 3

    def test_it_counts_only_the_users_own(self, alice, charlie):
        _at(charlie, "offer")
        pipeline = selectors.application_pipeline_counts(user=alice)
        assert (pipeline.total, pipeline.active) == (0, 0)

    def test_it_is_one_query(self, alice, django_assert_num_queries):
        for stage in ("applied", "offer", "withdrawn"):
            _at(alice, stage)
        with django_assert_num_queries(1):
            selectors.application_pipeline_counts(user=alice)

    def test_archived_applications_are_left_out(self, alice):
        _at(alice, "applied")
        Application.objects.filter(pk=_at(alice, "applied").pk).update(archived=True)
        pipeline = selectors.application_pipeline_counts(user=alice)
        assert (pipeline.total, pipeline.active) == (1, 1)

    def test_on_postgresql_it_reads_the_tally_rather_than_counting(self, require_postgres, alice):
        _at(alice, "offer")
        with CaptureQueriesContext(connection) as queries:
            assert selectors.application_pipeline_counts(user=alice).active == 1
        assert "applications_applicationtally" in queries.captured_queries[0]["sql"]
        assert "COUNT(" not in queries.captured_queries[0]["sql"]


class TestRecent:
    def test_it_gives_the_newest_up_to_the_limit_and_only_the_users(self, alice, charlie):
        names = [ApplicationFactory(user=alice, company_name=f"Co {n}").company_name for n in range(4)]
        ApplicationFactory(user=charlie, company_name="Not Yours")
        recent = selectors.application_recent(user=alice, limit=3)
        assert [a.company_name for a in recent] == names[::-1][:3]

    def test_it_leaves_the_long_text_in_the_database(self, alice, django_assert_num_queries):
        ApplicationFactory(user=alice)
        with django_assert_num_queries(1) as captured:
            selectors.application_recent(user=alice, limit=6)
        assert '"job_description"' not in captured.captured_queries[0]["sql"]
