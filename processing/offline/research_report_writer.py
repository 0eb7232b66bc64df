"""The research report: what the posting asks for and how the resume measures up (SPEC §5)."""

from .match_section import first_missing_must, match_section
from .posting_analysis import MENTIONED, PREFERRED, REQUIRED, PostingAnalysis, SkillDemand
from .resume_analysis import ParsedResume
from .text_cleanup import clip, first_letter_lower, markdown_inline

_MAX_SKILLS_LISTED = 14


def _names(demands: list[SkillDemand]) -> str:
    return ", ".join(markdown_inline(d.skill.name) for d in demands)


def _role_and_company(posting: PostingAnalysis, job_url: str) -> str:
    role = markdown_inline(posting.role or "the role")
    company = markdown_inline(posting.company or "the company")
    out = ["## Role and company", ""]
    out.append(f"- **Role:** {role}" + (f" ({posting.seniority.lower()})" if posting.seniority else ""))
    out.append(f"- **Company:** {company}")
    if posting.location:
        out.append(f"- **Location:** {markdown_inline(posting.location)}")
    if posting.arrangement:
        out.append(f"- **Work arrangement:** {posting.arrangement} (as the posting states)")
    if posting.employment_type:
        out.append(f"- **Employment type:** {posting.employment_type}")
    if posting.pay:
        out.append(f"- **Pay as posted:** {markdown_inline(posting.pay)}")
    if job_url.startswith(("http://", "https://")):
        out.append(f"- **Posting:** <{markdown_inline(job_url)}>")
    out.append("")
    if posting.summary:
        out.append("What the posting says about the role:")
        out.append("")
        out += [f"> {markdown_inline(s)}" for s in posting.summary[:2]]
        out.append("")
    blurb = [b for b in posting.company_blurb if b not in posting.summary]
    if blurb:
        out.append(f"About {company}, in the posting's words:")
        out.append("")
        out += [f"> {markdown_inline(s)}" for s in blurb[:2]]
        out.append("")
    if not posting.summary and not blurb:
        out += ["The posting says little about the role or the company beyond its requirements.", ""]
    if posting.injection_detected:
        out += [
            "_Note: the posting contains text addressed to automated tools (for example “ignore previous "
            "instructions”). It was treated as part of the posting and not acted on._",
            "",
        ]
    return "\n".join(out)


def _requirements(title: str, requirements, empty: str) -> str:
    out = [f"## {title}", ""]
    if not requirements:
        out += [empty, ""]
        return "\n".join(out)
    for requirement in requirements:
        line = f"- {markdown_inline(requirement.text)}"
        if requirement.skills:
            line += f" — _{', '.join(markdown_inline(s) for s in requirement.skills)}_"
        out.append(line)
    out.append("")
    return "\n".join(out)


def _skills(posting: PostingAnalysis, resume: ParsedResume | None) -> str:
    out = ["## Key skills and ATS keywords", ""]
    if not posting.skills and not posting.keywords:
        out += ["No recognisable skills or recurring terms were found in the posting.", ""]
        return "\n".join(out)
    has = resume.skill_names() if resume and not resume.is_empty else set()
    for label, importance in (
        ("Required", REQUIRED),
        ("Preferred", PREFERRED),
        ("Also mentioned", MENTIONED),
    ):
        demands = [d for d in posting.skills_with(importance) if not d.skill.is_soft][:_MAX_SKILLS_LISTED]
        if demands:
            shown = []
            for demand in demands:
                name = markdown_inline(demand.skill.name)
                if demand.surface.lower() != demand.skill.name.lower():
                    name += f" (“{markdown_inline(demand.surface)}”)"
                if has:
                    name += " ✓" if demand.skill.name in has else ""
                shown.append(name)
            out.append(f"- **{label}:** {', '.join(shown)}")
    soft = [d for d in posting.skills if d.skill.is_soft]
    if soft:
        out.append(f"- **Soft skills:** {_names(soft)}")
    if posting.keywords:
        out.append(
            f"- **Recurring phrases worth mirroring:** {', '.join(markdown_inline(k) for k in posting.keywords)}"
        )
    out.append("")
    if has:
        out += [
            "✓ = your resume already shows it. Use the posting's exact wording where it is true for you.",
            "",
        ]
    return "\n".join(out)


def _responsibilities(posting: PostingAnalysis) -> str:
    out = ["## Responsibilities", ""]
    if posting.responsibilities:
        out += [f"- {markdown_inline(r)}" for r in posting.responsibilities]
    else:
        out.append(
            "The posting does not list the day-to-day responsibilities; ask about them (see the questions)."
        )
    out.append("")
    return "\n".join(out)


def _seniority(posting: PostingAnalysis, resume: ParsedResume | None) -> str:
    out = ["## Seniority", ""]
    if posting.seniority:
        out.append(f"- **Level:** {posting.seniority} ({markdown_inline(posting.seniority_evidence)})")
    else:
        out.append("- **Level:** not stated in the title or the requirements")
    if posting.years:
        out.append(
            f"- **Experience asked:** {posting.years.label()} — “{markdown_inline(posting.years.evidence)}”"
        )
    else:
        out.append("- **Experience asked:** no number of years is given")
    if resume and not resume.is_empty:
        stated = resume.stated_years()
        span = resume.year_span()
        if stated:
            out.append(f"- **Your resume states:** {markdown_inline(stated[1])} of experience")
        if span:
            out.append(f"- **Your dated roles run:** from {span[0]} to {span[1]}")
        if posting.years and stated:
            verdict = "meets" if stated[0] >= posting.years.minimum else "is below"
            out.append(f"- Your stated experience {verdict} the {posting.years.label()} asked.")
    out.append("")
    return "\n".join(out)


def _questions(posting: PostingAnalysis, match_report: dict | None) -> str:
    role = markdown_inline(posting.role or "this role")
    company = markdown_inline(posting.company or "the company")
    questions: list[str] = []
    if posting.responsibilities:
        focus = markdown_inline(clip(first_letter_lower(posting.responsibilities[0]).rstrip("."), 90))
        questions.append(f"What would success look like in the first 90 days, especially for “{focus}”?")
    else:
        questions.append(f"What does a typical week look like for the {role}, and how is success measured?")
    questions += _skill_questions(posting, match_report)
    questions += _setup_questions(posting)
    questions.append(f"What are the biggest challenges facing the team at {company} over the next year?")
    questions.append(
        "Who would I work with most closely, and what does the team's hiring process look like from here?"
    )
    out = ["## Questions to ask", ""]
    out += [f"{i}. {q}" for i, q in enumerate(questions[:7], 1)]
    out.append("")
    return "\n".join(out)


def _skill_questions(posting: PostingAnalysis, match_report: dict | None) -> list[str]:
    """About the required tools, the applicant's first missing must-have, and the preferred tools."""
    questions = []
    tech = [d for d in posting.skills_with(REQUIRED) if d.skill.is_specific][:2]
    if tech:
        questions.append(
            f"How does the team use {' and '.join(markdown_inline(d.skill.name) for d in tech)} day to day, "
            "and what would you change about the current setup?"
        )
    gap = first_missing_must(match_report)
    if gap and gap.lower() not in {d.skill.name.lower() for d in tech}:
        questions.append(
            f"How central is {markdown_inline(gap)} to the work, and what support is there for ramping up on it?"
        )
    nice = [d for d in posting.skills_with(PREFERRED) if d.skill.is_specific][:2]
    if nice:
        questions.append(
            f"The posting lists {' and '.join(markdown_inline(d.skill.name) for d in nice)} as a plus: "
            f"{'are they' if len(nice) > 1 else 'is it'} in use today or part of plans ahead?"
        )
    return questions


def _setup_questions(posting: PostingAnalysis) -> list[str]:
    """About the scope of a senior role and how a remote or hybrid team works."""
    questions = []
    if posting.seniority in ("Senior", "Lead", "Principal / staff", "Manager", "Director", "Executive"):
        questions.append(
            f"What scope of ownership does this {posting.seniority.lower()} role carry — decisions, "
            "mentoring or direct reports?"
        )
    if posting.arrangement in ("Remote", "Hybrid"):
        questions.append(
            f"How does the team work together in a {posting.arrangement.lower()} setup — "
            "core hours, time zones, in-person time?"
        )
    return questions


def research_report_sections(
    *, posting: PostingAnalysis, resume: ParsedResume | None, match_report: dict | None, job_url: str = ""
) -> list[str]:
    """The report's sections in order; its match part comes from `match_report`, the match
    analysis (`MatchAnalysis.as_dict()`), None when there is no resume."""
    title = f"# Research report: {markdown_inline(posting.role or 'the role')} at {markdown_inline(posting.company or 'the company')}\n"
    return [
        title,
        _role_and_company(posting, job_url),
        _requirements(
            "Must-have requirements",
            posting.must_haves,
            "The posting does not spell out its requirements; the skills below are what it mentions.",
        ),
        _requirements(
            "Nice-to-have requirements",
            posting.nice_to_haves,
            "The posting does not mark any qualification as optional.",
        ),
        _skills(posting, resume),
        _responsibilities(posting),
        _seniority(posting, resume),
        match_section(match_report),
        _questions(posting, match_report),
    ]
