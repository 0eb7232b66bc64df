"""POST /api/v1/applications/bulk (SPEC §12): one action on many applications, all or nothing."""

import uuid

import pytest

from applications.models import Application, StageEvent
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

BULK = "/api/v1/applications/bulk"


@pytest.fixture
def three(alice):
    return [ApplicationFactory(user=alice, company_name=f"Company {n}") for n in range(3)]


def _ids(applications) -> list[str]:
    return [str(application.pk) for application in applications]


def _stages(applications) -> list[str]:
    return [Application.objects.get(pk=application.pk).stage for application in applications]


class TestSetStage:
    def test_it_moves_every_application_and_records_each_move(self, alice_client, three):
        assert _stages(three) == ["saved"] * 3
        response = alice_client.post(
            BULK, {"ids": _ids(three), "action": "set_stage", "stage": "applied"}, format="json"
        )
        assert response.status_code == 200, response.content
        assert response.json() == {"updated": 3}
        assert _stages(three) == ["applied"] * 3
        for application in three:
            events = list(
                StageEvent.objects.filter(application=application).values_list("from_stage", "to_stage")
            )
            assert events == [("", "saved"), ("saved", "applied")]
            application.refresh_from_db()
            assert application.applied_at is not None  # `applied` stamps it, as a single move does

    def test_it_leaves_applied_at_as_it_was_and_skips_the_timeline_of_those_already_there(
        self, alice_client, alice, three
    ):
        alice_client.post(
            BULK, {"ids": _ids(three[:1]), "action": "set_stage", "stage": "applied"}, format="json"
        )
        first_applied = Application.objects.get(pk=three[0].pk).applied_at
        response = alice_client.post(
            BULK, {"ids": _ids(three), "action": "set_stage", "stage": "applied"}, format="json"
        )
        assert response.json() == {"updated": 3}
        assert Application.objects.get(pk=three[0].pk).applied_at == first_applied
        assert StageEvent.objects.filter(application=three[0], to_stage="applied").count() == 1

    def test_a_missing_or_unknown_stage_is_a_400_that_changes_nothing(self, alice_client, three):
        for body in (
            {"ids": _ids(three), "action": "set_stage"},
            {"ids": _ids(three), "action": "set_stage", "stage": "hired"},
        ):
            response = alice_client.post(BULK, body, format="json")
            assert response.status_code == 400
            assert response.json()["error"]["code"] == "VALIDATION_ERROR"
            assert "stage" in response.json()["error"]["details"]
        assert _stages(three) == ["saved"] * 3


class TestArchiveAndDelete:
    def test_archive_then_unarchive(self, alice_client, three):
        response = alice_client.post(BULK, {"ids": _ids(three[:2]), "action": "archive"}, format="json")
        assert response.json() == {"updated": 2}
        assert [Application.objects.get(pk=a.pk).archived for a in three] == [True, True, False]
        alice_client.post(BULK, {"ids": _ids(three), "action": "unarchive"}, format="json")
        assert [Application.objects.get(pk=a.pk).archived for a in three] == [False, False, False]

    def test_delete_removes_them_with_their_timelines(self, alice_client, three):
        response = alice_client.post(BULK, {"ids": _ids(three[1:]), "action": "delete"}, format="json")
        assert response.json() == {"updated": 2}
        assert list(Application.objects.values_list("pk", flat=True)) == [three[0].pk]
        assert not StageEvent.objects.filter(application_id__in=[a.pk for a in three[1:]]).exists()


class TestAllOrNothing:
    @pytest.mark.parametrize(
        "body",
        [
            {"action": "set_stage", "stage": "offer"},
            {"action": "archive"},
            {"action": "delete"},
        ],
    )
    def test_one_id_of_another_user_is_a_404_and_nothing_changes(self, alice_client, charlie, three, body):
        theirs = ApplicationFactory(user=charlie, company_name="Charlie Corp")
        response = alice_client.post(BULK, {**body, "ids": [*_ids(three), str(theirs.pk)]}, format="json")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "NOT_FOUND"
        assert "Charlie" not in response.content.decode()
        assert Application.objects.count() == 4
        assert not Application.objects.filter(archived=True).exists()
        assert set(Application.objects.values_list("stage", flat=True)) == {"saved"}
        assert StageEvent.objects.count() == 4

    def test_an_id_that_does_not_exist_is_a_404(self, alice_client, three):
        response = alice_client.post(
            BULK, {"ids": [*_ids(three), str(uuid.uuid4())], "action": "delete"}, format="json"
        )
        assert response.status_code == 404
        assert Application.objects.count() == 3

    def test_a_stranger_cannot_touch_them(self, charlie_client, three):
        response = charlie_client.post(BULK, {"ids": _ids(three), "action": "delete"}, format="json")
        assert response.status_code == 404
        assert Application.objects.count() == 3


class TestBadInput:
    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"ids": ..., "action": "archive"}, "ids"),
            ({"ids": [], "action": "archive"}, "ids"),
            ({"ids": ["not-a-uuid"], "action": "archive"}, "ids"),
            ({"ids": "abc", "action": "archive"}, "ids"),
            ({"ids": None, "action": "archive"}, "ids"),
            ({"action": "explode"}, "action"),
            ({}, "action"),
        ],
    )
    def test_it_is_a_400_in_the_envelope(self, alice_client, three, body, field):
        # Your own ids unless the case says otherwise (`...`: no ids at all).
        body = {key: value for key, value in {"ids": _ids(three), **body}.items() if value is not ...}
        response = alice_client.post(BULK, body, format="json")
        assert response.status_code == 400
        error = response.json()["error"]
        assert error["code"] == "VALIDATION_ERROR"
        assert field in error["details"]
        assert Application.objects.count() == 3

    def test_too_many_ids_is_a_400(self, alice_client, three):
        ids = [str(uuid.uuid4()) for _ in range(1001)]
        response = alice_client.post(BULK, {"ids": ids, "action": "archive"}, format="json")
        assert response.status_code == 400
        assert "ids" in response.json()["error"]["details"]

    def test_malformed_json_is_a_400(self, alice_client):
        response = alice_client.post(BULK, "{", content_type="application/json")
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "VALIDATION_ERROR"

    def test_it_needs_authentication(self, api_client, three):
        response = api_client.post(BULK, {"ids": _ids(three), "action": "delete"}, format="json")
        assert response.status_code == 401
        assert Application.objects.count() == 3


def test_its_query_count_does_not_grow_with_the_ids(alice_client, alice, django_assert_num_queries):
    few = [ApplicationFactory(user=alice, company_name=f"Few {n}") for n in range(2)]
    many = [ApplicationFactory(user=alice, company_name=f"Many {n}") for n in range(12)]
    # 1 the user (token), 2 savepoint, 3 lock and read the applications, 4 move them,
    # 5 their timeline entries, 6 release the savepoint.
    with django_assert_num_queries(6):
        alice_client.post(BULK, {"ids": _ids(few), "action": "set_stage", "stage": "offer"}, format="json")
    with django_assert_num_queries(6):
        alice_client.post(BULK, {"ids": _ids(many), "action": "set_stage", "stage": "offer"}, format="json")
    assert set(Application.objects.values_list("stage", flat=True)) == {"offer"}
