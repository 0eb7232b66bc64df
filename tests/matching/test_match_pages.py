"""The match page (SPEC §11): the scores, each requirement with its status, its evidence
and what to do about a gap; linked from the application page; the score's badge on the
dashboard, the list and the board; a stranger gets the 404 page; fixed query counts."""

import html
import re

import pytest

from applications.models import Application
from documents.services import document_version_write
from tests.factories import JOB_DESCRIPTION, RESUME_MARKDOWN, ApplicationFactory
from tests.matching.conftest import NURSING_POSTING, application_save
from tests.pages import page_queries, text_of

pytestmark = pytest.mark.django_db

EVIDENCE = "Wrote REST APIs with Flask and automated deployments with Docker and GitHub Actions."
# The factory resume minus its Redis line and skill: a requirement it then shows in the
# source resume but a tailored resume that leaves Redis out does not.
TAILORED_WITHOUT_REDIS = RESUME_MARKDOWN.replace(
    "- Cut API latency by 40% with Redis caching and query tuning.\n", ""
).replace("PostgreSQL, Redis,", "PostgreSQL,")


def url(application) -> str:
    return f"/applications/{application.pk}/match/"


def test_it_shows_the_score_and_the_evidence_of_each_requirement(alice_web, application):
    response = alice_web.get(url(application))

    assert response.status_code == 200
    text = text_of(response)
    score = Application.objects.get(pk=application.pk).match_score
    assert f"Match {score} / 100" in text
    assert "Must-have requirements" in text
    assert f"Your resume: {EVIDENCE}" in text
    assert "Tailored resume Not written yet" in text


def _requirement_text(response, word: str) -> str:
    """The visible text of the one requirement on the page that names `word`."""
    items = response.content.decode().split('<li class="match-requirement ')[1:]
    (item,) = [item for item in items if word in item.split("</p>")[0]]
    item = item[: item.index("</p>", item.index("match-advice"))]  # up to its advice
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", item)))


def test_a_gap_the_resume_cannot_fill_is_never_to_be_claimed(alice_web, application):
    response = alice_web.get(url(application))

    kafka = _requirement_text(response, "Kafka")
    assert "Your resume Not shown" in kafka
    assert "address it in the cover letter or the interview. Never claim it." in kafka
    kubernetes = _requirement_text(response, "Kubernetes")
    assert "Your resume Partly shown" in kubernetes
    assert "automated deployments with Docker" in kubernetes
    assert "address the rest in the cover letter or the interview rather than claim it" in kubernetes


@pytest.fixture
def tailored_without_redis(application, committed):
    """The application with a tailored resume that leaves out the resume's Redis."""
    with committed():
        document_version_write(
            application=application,
            document_type="optimized_resume",
            content=TAILORED_WITHOUT_REDIS,
            source="ai",
        )
    return application


def test_a_gap_tailoring_can_fix_points_to_regenerating_or_editing(alice_web, tailored_without_redis):
    application = tailored_without_redis
    response = alice_web.get(url(application))

    text = text_of(response)
    assert "Your resume shows this, but the tailored resume does not say so" in text
    page = response.content.decode()
    assert f'href="/applications/{application.pk}/documents/optimized_resume/edit/"' in page
    assert "regenerate the tailored resume" in page


def test_without_a_resume_it_says_to_add_one(alice_web, alice):
    application = ApplicationFactory(user=alice)

    response = alice_web.get(url(application))

    assert response.status_code == 200
    assert "add one to your resume library" in text_of(response)


def test_a_stranger_gets_the_404_page(charlie_web, application):
    response = charlie_web.get(url(application))

    assert response.status_code == 404
    assert "PostgreSQL" not in response.content.decode()


def test_the_application_page_links_to_it_with_the_score(alice_web, application):
    response = alice_web.get(f"/applications/{application.pk}/")

    assert f'href="{url(application)}"' in response.content.decode()
    score = Application.objects.get(pk=application.pk).match_score
    assert f"{score}% match" in text_of(response)


def test_the_dashboard_list_and_board_show_the_badge_only_when_there_is_a_score(
    alice_web, alice, application
):
    unscored = ApplicationFactory(user=alice, company_name="Unscored")  # created outside a commit: no score
    assert Application.objects.get(pk=unscored.pk).match_score is None
    score = Application.objects.get(pk=application.pk).match_score

    for path in ("/", "/applications/", "/applications/board/"):
        page = alice_web.get(path).content.decode()
        assert page.count("% match</span>") == 1, path
        assert f"{score}% match" in page, path


def test_the_list_sorts_by_best_match(alice_web, alice, application, committed):
    with committed():
        application_save(alice, "Hospital", NURSING_POSTING)
    text = text_of(alice_web.get("/applications/", {"ordering": "-match_score"}))

    assert text.index("Acme Robotics") < text.index("Hospital")


def test_it_runs_the_same_queries_whatever_the_posting(alice_web, alice, resume, committed):
    with committed():
        short = application_save(alice, "Short")
        long = application_save(
            alice,
            "Long",
            JOB_DESCRIPTION + "\nAlso required:\n- Terraform\n- AWS\n- Rust\n- GraphQL\n- Snowflake\n",
        )
    one, other = page_queries(alice_web, url(short)), page_queries(alice_web, url(long))
    # session, user, application, resume, tailored version, report
    assert len(one) == len(other) == 6, "\n".join(other)


def test_it_lists_the_keywords_and_whether_each_resume_shows_them(alice_web, tailored_without_redis):
    application = tailored_without_redis
    text = text_of(alice_web.get(url(application)))

    keywords = text.split("Keyword Resume Tailored", 1)[1]
    assert "Redis Yes No" in keywords
    assert "Kafka (apache kafka, kafka streams) No No" in keywords
    assert keywords.index("PostgreSQL") < keywords.index("Kafka")  # must-haves weigh more
