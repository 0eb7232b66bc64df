"""The board in a real browser: the stage menu moves a card only on its button (arrow keys
in the select move nothing), and the multi-select moves, archives and deletes several
cards through a confirmation page, on a desktop and a phone, with and without JavaScript."""

import pytest
from playwright.sync_api import expect

from applications.models import Application, StageEvent
from tests.e2e.conftest import DESKTOP, PHONE, laid_out
from tests.e2e.test_layout import NO_SIDEWAYS_SCROLL
from tests.factories import ApplicationFactory, UserFactory

BOARD = "/applications/board/"


def _column(page, stage: str):
    return page.locator(f'.board-column[data-stage="{stage}"]')


def test_the_arrow_keys_in_the_stage_menu_move_nothing_until_move_is_pressed(browsing):
    user = UserFactory()
    application = ApplicationFactory(user=user, company_name="Acme", role_title="Engineer")
    ApplicationFactory(user=user, company_name="Acme", role_title="Designer")
    page = browsing.page(user=user)
    posts = []
    page.on("request", lambda request: posts.append(request.url) if request.method == "POST" else None)
    page.goto(BOARD)
    page.wait_for_load_state()
    card = page.locator(f"#card-{application.pk}")
    card.locator("summary").click()
    select = page.locator(f"#stage-{application.pk}")
    select.focus()
    select.press("ArrowDown")
    select.press("ArrowDown")
    page.wait_for_timeout(300)  # give a wrongly wired change handler the time to post
    assert posts == []
    assert Application.objects.get(pk=application.pk).stage == "saved"
    assert StageEvent.objects.filter(application=application).count() == 1

    select.select_option("offer")
    card.get_by_role("button", name="Move Engineer at Acme").click()
    expect(_column(page, "offer").locator(f"#card-{application.pk}")).to_be_visible()
    # The confirmation names the application fully: two cards share the company.
    expect(page.locator("#messages")).to_contain_text("Acme — Engineer moved to “Offer”.")
    assert Application.objects.get(pk=application.pk).stage == "offer"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_it_moves_several_cards_at_once_after_a_confirmation(browsing, viewport):
    user = UserFactory()
    first = ApplicationFactory(user=user, company_name="First Co")
    second = ApplicationFactory(user=user, company_name="Second Co")
    left = ApplicationFactory(user=user, company_name="Left Co")
    page = browsing.page(user=user, viewport=viewport)
    page.goto(BOARD)
    page.wait_for_load_state()
    laid_out(page)
    assert page.evaluate(NO_SIDEWAYS_SCROLL), f"the board scrolls sideways at {viewport['width']} px"
    bar = page.locator("#bulk-form")
    expect(bar.get_by_role("button", name="Set stage")).to_be_disabled()

    page.get_by_label("Select Senior Backend Engineer at First Co").check()
    page.get_by_label("Select Senior Backend Engineer at Second Co").check()
    expect(bar).to_contain_text("2 applications selected")
    bar.get_by_label("Stage to move the selected applications to").select_option("interviewing")
    bar.get_by_role("button", name="Set stage").click()

    expect(page.get_by_role("heading", name="Move 2 applications to “Interviewing”?")).to_be_visible()
    expect(page.locator(".bulk-selection")).to_contain_text("First Co")
    expect(page.locator(".bulk-selection")).to_contain_text("Second Co")
    laid_out(page)
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    page.get_by_role("button", name="Move them").click()

    expect(page).to_have_url(f"{browsing.live_server.url}{BOARD}")
    expect(page.locator("#messages")).to_contain_text("Moved 2 applications to “Interviewing”.")
    for application in (first, second):
        expect(_column(page, "interviewing").locator(f"#card-{application.pk}")).to_be_visible()
    expect(_column(page, "saved").locator(f"#card-{left.pk}")).to_be_visible()


def test_archive_and_delete_from_the_board_without_javascript(browsing):
    user = UserFactory()
    archived = ApplicationFactory(user=user, company_name="Archive Co")
    deleted = ApplicationFactory(user=user, company_name="Delete Co")
    page = browsing.page(user=user, javascript=False)

    page.goto(BOARD)
    page.get_by_label("Select Senior Backend Engineer at Archive Co").check()
    page.locator("#bulk-form").get_by_role("button", name="Archive", exact=True).click()
    page.get_by_role("button", name="Archive them").click()
    expect(page.locator("#messages")).to_contain_text("Archived 1 application.")
    expect(page.locator(f"#card-{archived.pk}")).to_have_count(0)  # archived ones leave the board

    page.get_by_label("Select Senior Backend Engineer at Delete Co").check()
    page.locator("#bulk-form").get_by_role("button", name="Delete", exact=True).click()
    expect(page.get_by_role("heading", name="Delete 1 application?")).to_be_visible()
    page.get_by_role("button", name="Delete them").click()
    expect(page.locator("#messages")).to_contain_text("Deleted 1 application.")
    assert not Application.objects.filter(pk=deleted.pk).exists()
    assert Application.objects.get(pk=archived.pk).archived


def test_the_list_selects_too(browsing):
    user = UserFactory()
    ApplicationFactory(user=user, company_name="One Co")
    ApplicationFactory(user=user, company_name="Two Co")
    page = browsing.page(user=user, viewport=PHONE)
    page.goto("/applications/")
    page.wait_for_load_state()
    laid_out(page)
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    page.get_by_label("Select Senior Backend Engineer at One Co").check()
    page.get_by_label("Select Senior Backend Engineer at Two Co").check()
    page.locator("#bulk-form").get_by_role("button", name="Set stage").click()
    page.get_by_role("link", name="Cancel").click()
    expect(page).to_have_url(f"{browsing.live_server.url}/applications/")
    assert set(Application.objects.values_list("stage", flat=True)) == {"saved"}
