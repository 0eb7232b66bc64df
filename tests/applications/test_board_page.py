"""The board's compact cards, its explicit stage moves, archived applications kept off it,
and the multi-select of the board and the list (confirmation page, works without JS)."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from applications.models import Application, StageEvent
from tests.factories import ApplicationFactory
from tests.pages import messages_of, page_queries, text_of

pytestmark = pytest.mark.django_db

BOARD = "/applications/board/"
BULK = "/applications/bulk/"


def _card(html: str, application) -> str:
    match = re.search(rf'<li class="board-card" id="card-{application.pk}".*?</li>', html, flags=re.S)
    assert match, "no card for the application"
    return match.group(0)


class TestCards:
    def test_a_card_shows_company_role_days_in_stage_pay_deadline_and_match(self, web, alice):
        application = ApplicationFactory(
            user=alice,
            company_name="Acme Robotics",
            role_title="Platform Engineer",
            salary_min=120000,
            salary_max=150000,
            salary_currency="USD",
            salary_period="year",
            deadline="2026-07-15",
        )
        StageEvent.objects.filter(application=application).update(
            created_at=timezone.now() - dt.timedelta(days=3)
        )
        Application.objects.filter(pk=application.pk).update(match_score=82)
        card = _card(web.get(BOARD).content.decode(), application)
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", card))
        assert "Acme Robotics Platform Engineer" in text
        assert "3 days in stage · USD 120,000–150,000 per year · apply by Jul 15 · 82% match" in text
        # No AI status badge or priority on the card: that belongs to the application page.
        assert "Draft" not in text

    def test_a_card_without_pay_deadline_or_score_says_only_its_days(self, web, alice):
        application = ApplicationFactory(user=alice)
        card = _card(web.get(BOARD).content.decode(), application)
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", card))
        assert "In stage since today" in text
        assert "match" not in text and "apply by" not in text

    def test_days_in_stage_count_from_the_last_move(self, web, alice):
        application = ApplicationFactory(user=alice)
        StageEvent.objects.filter(application=application).update(
            created_at=timezone.now() - dt.timedelta(days=9)
        )
        web.post(f"/applications/{application.pk}/stage/", {"stage": "applied"})
        card = _card(web.get(BOARD).content.decode(), application)
        assert "In stage since today" in card

    def test_the_stage_menu_moves_only_on_its_button(self, web, alice):
        application = ApplicationFactory(user=alice)
        card = _card(web.get(BOARD).content.decode(), application)
        # Changing the select (arrow keys) sends nothing: htmx posts on submit only.
        assert 'hx-trigger="submit"' in card
        assert "change" not in re.search(r'hx-trigger="[^"]*"', card).group(0)
        assert "<details" in card and "<summary>Move" in card
        assert 'aria-label="Select Senior Backend Engineer at Acme Robotics"' in card

    def test_archived_applications_are_not_on_the_board(self, web, alice):
        kept = ApplicationFactory(user=alice, company_name="Kept Co")
        archived = ApplicationFactory(user=alice, company_name="Archived Co")
        Application.objects.filter(pk=archived.pk).update(archived=True)
        response = web.get(BOARD)
        cards = [card for column in response.context["columns"] for card in column["cards"]]
        assert cards == [kept]
        assert "Archived Co" not in text_of(response)

    def test_it_runs_the_same_queries_for_1_and_30_applications(self, web, alice):
        ApplicationFactory(user=alice)
        one = len(page_queries(web, BOARD))
        for n in range(29):
            ApplicationFactory(user=alice, company_name=f"Co {n}")
        # session, user, the applications with the time of their last move (a subquery)
        assert len(page_queries(web, BOARD)) == one == 3


class TestBulkPage:
    def test_the_board_and_the_list_have_the_bar_and_a_checkbox_per_application(self, web, alice):
        application = ApplicationFactory(user=alice)
        for page in (BOARD, "/applications/"):
            html = web.get(page).content.decode()
            assert f'action="{BULK}"' in html
            assert f'name="ids" value="{application.pk}" form="bulk-form"' in html
            for action in ("set_stage", "archive", "delete"):
                assert f'name="action" value="{action}"' in html

    def test_it_asks_for_confirmation_naming_every_application(self, web, alice):
        one = ApplicationFactory(user=alice, company_name="Acme", role_title="Engineer")
        two = ApplicationFactory(user=alice, company_name="Acme", role_title="Designer")
        response = web.post(BULK, {"ids": [one.pk, two.pk], "action": "delete", "next": BOARD})
        assert response.status_code == 200
        text = text_of(response)
        assert "Delete 2 applications?" in text
        assert "Engineer at Acme" in text and "Designer at Acme" in text
        assert Application.objects.count() == 2  # nothing yet

    def test_confirming_does_it_and_goes_back(self, web, alice):
        one = ApplicationFactory(user=alice, company_name="One")
        two = ApplicationFactory(user=alice, company_name="Two")
        response = web.post(
            BULK,
            {
                "ids": [one.pk, two.pk],
                "action": "set_stage",
                "stage": "interviewing",
                "next": BOARD,
                "confirm": "yes",
            },
            follow=True,
        )
        assert response.redirect_chain[-1][0] == BOARD
        assert messages_of(response) == ["Moved 2 applications to “Interviewing”."]
        assert set(Application.objects.values_list("stage", flat=True)) == {"interviewing"}
        assert StageEvent.objects.filter(to_stage="interviewing").count() == 2

    def test_archive_from_the_list(self, web, alice):
        application = ApplicationFactory(user=alice)
        response = web.post(
            BULK,
            {"ids": [application.pk], "action": "archive", "next": "/applications/", "confirm": "yes"},
            follow=True,
        )
        assert messages_of(response) == ["Archived 1 application."]
        application.refresh_from_db()
        assert application.archived

    def test_nothing_ticked_says_so(self, web, alice):
        ApplicationFactory(user=alice)
        response = web.post(BULK, {"action": "archive", "next": BOARD}, follow=True)
        assert messages_of(response) == ["Select at least one application first."]
        assert not Application.objects.filter(archived=True).exists()

    def test_an_unknown_stage_says_so(self, web, alice):
        application = ApplicationFactory(user=alice)
        response = web.post(
            BULK,
            {"ids": [application.pk], "action": "set_stage", "stage": "hired", "confirm": "yes"},
            follow=True,
        )
        assert messages_of(response)[0].startswith("Must be one of:")
        assert Application.objects.get().stage == "saved"

    @pytest.mark.parametrize("confirm", ["", "yes"])
    def test_a_strangers_application_among_them_is_a_404_and_nothing_changes(
        self, web, alice, charlie, confirm
    ):
        mine = ApplicationFactory(user=alice)
        theirs = ApplicationFactory(user=charlie, company_name="Charlie Corp")
        response = web.post(BULK, {"ids": [mine.pk, theirs.pk], "action": "delete", "confirm": confirm})
        assert response.status_code == 404
        assert "Charlie Corp" not in response.content.decode()
        assert Application.objects.count() == 2

    def test_an_outside_next_is_not_followed(self, web, alice):
        application = ApplicationFactory(user=alice)
        response = web.post(
            BULK,
            {"ids": [application.pk], "action": "archive", "confirm": "yes", "next": "https://evil.example/"},
        )
        assert response["Location"] == "/applications/"
