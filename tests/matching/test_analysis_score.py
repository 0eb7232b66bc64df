"""The score (README, "Match report"), and gaps: claimable vs unclaimable."""

from matching.analysis import MUST_WEIGHT, NICE_WEIGHT, PARTIAL_CREDIT, analyse_match

POSTING = """Requirements
- Experience with Django
- Experience with Rust and Terraform
- Experience with Kubernetes

Nice to have
- Experience with Redis
"""
RESUME = (
    "Backend developer\n- Built APIs in Django\n- Deployed services with Terraform\n- Cached pages in Redis\n"
)


def test_the_score_weighs_must_haves_and_gives_partial_credit():
    report = analyse_match(posting_text=POSTING, resume_structure=None, resume_text=RESUME)

    assert [(r.kind, r.source) for r in report.requirements] == [
        ("must", "matched"),
        ("must", "partial"),
        ("must", "missing"),
        ("nice", "matched"),
    ]
    earned = MUST_WEIGHT + MUST_WEIGHT * PARTIAL_CREDIT + 0 + NICE_WEIGHT
    possible = 3 * MUST_WEIGHT + NICE_WEIGHT
    assert report.score_source == round(100 * earned / possible) == 55
    assert report.score == report.score_source and report.score_tailored is None


def test_the_score_is_the_tailored_one_when_there_is_a_tailored_resume():
    tailored = "## Skills\n- Django, Rust, Terraform, Redis\n"

    report = analyse_match(
        posting_text=POSTING, resume_structure=None, resume_text=RESUME, tailored_text=tailored
    )

    # Tailored: Django and "Rust and Terraform" matched, Kubernetes still missing, Redis matched.
    assert [r.tailored for r in report.requirements] == ["matched", "matched", "missing", "matched"]
    assert (
        report.score_tailored
        == round(100 * (2 * MUST_WEIGHT + NICE_WEIGHT) / (3 * MUST_WEIGHT + NICE_WEIGHT))
        == 70
    )
    assert report.score == report.score_tailored != report.score_source


def test_a_posting_without_requirements_scores_zero():
    report = analyse_match(posting_text="We are hiring.", resume_structure=None, resume_text=RESUME)

    assert (report.score, report.requirements) == (0, ())


def test_claimable_gaps_are_in_the_source_and_unclaimable_ones_are_not():
    tailored = "## Skills\n- Django\n"

    report = analyse_match(
        posting_text=POSTING, resume_structure=None, resume_text=RESUME, tailored_text=tailored
    )

    assert report.missing_claimable == ("Terraform", "Redis")
    assert report.missing_unclaimable == ("Rust", "Kubernetes")
    keywords = {k.term: (k.in_source, k.in_tailored, k.weight) for k in report.keywords}
    assert keywords["Django"] == (True, True, 1.0)
    assert keywords["Redis"] == (True, False, 0.5)


def test_without_a_tailored_resume_nothing_is_claimable():
    report = analyse_match(posting_text=POSTING, resume_structure=None, resume_text=RESUME)

    assert report.missing_claimable == ()
    assert report.missing_unclaimable == ("Rust", "Kubernetes")
    assert all(keyword.in_tailored is None for keyword in report.keywords)
