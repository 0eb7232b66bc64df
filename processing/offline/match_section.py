"""The research report's "How your resume matches", written from the match analysis.

The analysis is the one the match report, its page and its API show (SPEC §11): the
caller hands it in as the plain dict of `MatchAnalysis.as_dict()`, so this package
still imports nothing outside itself. Gaps are named as gaps, never turned into claims.
"""

from .posting_analysis import INJECTION
from .text_cleanup import clip, markdown_inline

_MAX_STRENGTHS = 10
_MAX_GAPS = 12
_KIND_LABELS = {"must": "must-have", "nice": "nice-to-have"}
NO_RESUME = (
    "No resume was provided, so strengths and gaps cannot be assessed. Add a resume to your "
    "library and run the research again to see how it matches."
)
GAP_ADVICE = (
    "If you do have real experience with any of these, add it to your resume in your own words; "
    "if not, address it in the cover letter or the interview. The tailored resume never claims them for you."
)


MATCH_HEADING = "## How your resume matches"


def match_section(analysis: dict | None) -> str:
    """The section, from the analysis; without one (no resume) it says what is missing."""
    out = [MATCH_HEADING, ""]
    if not analysis:
        return "\n".join([*out, NO_RESUME, ""])
    # Text addressed to automated tools is never echoed, whatever the analysis kept of it.
    requirements = [
        r for r in analysis.get("requirements") or [] if not INJECTION.search(r.get("text") or "")
    ]
    out += [match_summary(analysis), "", "### Strengths", "", *strength_lines(requirements)]
    shown = {k["term"]: k["in_source"] for k in analysis.get("keywords") or [] if "term" in k}
    out += ["", "### Gaps", "", *gap_lines(requirements, shown), ""]
    return "\n".join(out)


def match_summary(analysis: dict) -> str:
    """The score and how many must-have requirements the resume shows, in one line."""
    must = [r for r in analysis.get("requirements") or [] if r.get("kind") == "must"]
    score = f"Match score: **{analysis.get('score_source', analysis.get('score', 0))}/100**"
    if analysis.get("score_tailored") is not None:
        score += f" for your resume, **{analysis['score_tailored']}/100** for the tailored resume"
    if not must:
        return f"{score}. The posting marks no requirement as a must-have."
    shown = sum(1 for r in must if r.get("source") == "matched")
    partly = sum(1 for r in must if r.get("source") == "partial")
    line = f"{score}. Your resume shows **{shown} of {len(must)}** must-have requirements"
    return line + (f", and {partly} in part." if partly else ".")


def _evidence(requirement: dict) -> str:
    for line in requirement.get("evidence") or []:
        if line.get("document") == "source_resume" and line.get("text"):
            return line["text"]
    return ""


def _label(requirement: dict) -> str:
    return _KIND_LABELS.get(requirement.get("kind"), "requirement")


def _text(requirement: dict) -> str:
    return markdown_inline(clip(requirement.get("text") or ", ".join(requirement.get("keywords") or []), 120))


def strength_lines(requirements: list[dict]) -> list[str]:
    """The requirements the resume shows, must-haves first, quoting the resume's own line."""
    shown = sorted(
        (r for r in requirements if r.get("source") == "matched"), key=lambda r: r.get("kind") != "must"
    )
    if not shown:
        return ["Your resume does not show any of the posting's requirements yet."]
    lines = []
    for requirement in shown[:_MAX_STRENGTHS]:
        line = f"- **{_text(requirement)}** ({_label(requirement)})"
        if evidence := _evidence(requirement):
            line += f" — “{markdown_inline(clip(evidence, 180))}”"
        lines.append(line)
    return lines


def gap_lines(requirements: list[dict], shown: dict[str, bool] | None = None) -> list[str]:
    """The requirements the resume does not show, or shows in part (naming the keywords it
    does not show, per `shown`: keyword term → in the resume), and what to do about them."""
    shown = shown or {}
    gaps = sorted(
        (r for r in requirements if r.get("source") in ("missing", "partial")),
        key=lambda r: (r.get("kind") != "must", r.get("source") != "missing"),
    )
    if not gaps:
        return ["Your resume shows every requirement the posting states."]
    lines = []
    for requirement in gaps[:_MAX_GAPS]:
        line = f"- **{_text(requirement)}** ({_label(requirement)})"
        if requirement.get("source") == "missing":
            line += " — not shown in your resume"
        else:
            evidence = _evidence(requirement)
            line += " — shown in part" + (f": “{markdown_inline(clip(evidence, 140))}”" if evidence else "")
            absent = [k for k in requirement.get("keywords") or [] if shown.get(k) is False]
            if absent:
                line += f"; not shown: {', '.join(markdown_inline(k) for k in absent)}"
        lines.append(line)
    return [*lines, "", GAP_ADVICE]


def first_missing_must(analysis: dict | None) -> str:
    """A keyword of the first must-have requirement the resume does not show, or ""."""
    for requirement in (analysis or {}).get("requirements") or []:
        if requirement.get("kind") == "must" and requirement.get("source") == "missing":
            keywords = requirement.get("keywords") or []
            if keywords:
                return keywords[0]
    return ""
