"""The tailored resume as a structured draft, and its Markdown.

A provider (a model, or the offline writer) does not write the tailored resume as free
text: it returns a draft that *selects, orders and rewords* the source structure's own
entries, each bullet naming the source highlight ids it rewrites:

    {"summary": {"text": "...", "source_ids": ["summary", "w1h2"]},
     "roles": [{"id": "w1", "bullets": [{"text": "...", "source_ids": ["w1h1"]}]}],
     "skills": ["Python", "Kubernetes"],
     "projects": [{"id": "p1", "bullets": [...]}]}

Employers, titles, places and dates are never the draft's to write: the Markdown takes
them from the source, and every source role appears (in source order), so nothing the
user did is hidden or renamed. The name and contact line come from the resume.
"""

from dataclasses import dataclass, field
from typing import Any

from resumes.structure.render import dates_display

MAX_BULLETS_PER_ROLE = 12
MAX_TEXT = 600


class DraftInvalid(Exception):
    """The draft does not follow the format: `problems` says how, in words a model can act on."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class Bullet:
    text: str
    source_ids: list[str]


@dataclass
class Draft:
    summary: Bullet | None = None
    roles: dict[str, list[Bullet]] = field(default_factory=dict)  # source role id → bullets
    skills: list[str] = field(default_factory=list)
    projects: dict[str, list[Bullet]] = field(default_factory=dict)


def source_index(structure: dict) -> dict[str, str]:
    """Every source id a line may name, with its text: "summary", each highlight, and each
    role and skill group (a summary composed of facts names the entries it draws on)."""
    index = {"summary": structure.get("summary", "")} if structure.get("summary") else {}
    for role in structure.get("work", []):
        index[role["id"]] = " — ".join(p for p in (role.get("position", ""), role.get("name", "")) if p)
    for group in structure.get("skills", []):
        index[group["id"]] = ", ".join(group.get("keywords", []))
    for entry in [*structure.get("work", []), *structure.get("projects", [])]:
        for highlight in entry.get("highlights", []):
            index[highlight["id"]] = highlight["text"]
    return index


def _bullet(value: Any, where: str, known: dict[str, str], problems: list[str]) -> Bullet | None:
    if not isinstance(value, dict) or not isinstance(value.get("text"), str):
        problems.append(f"{where}: each bullet is an object with “text” and “source_ids”.")
        return None
    text = " ".join(value["text"].split())
    ids = value.get("source_ids")
    if not text:
        return None
    if len(text) > MAX_TEXT:
        problems.append(f"{where}: a bullet is longer than {MAX_TEXT} characters.")
    if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
        problems.append(f"{where}: “{text[:60]}” names no source_ids.")
        return None
    unknown = [i for i in ids if i not in known]
    if unknown:
        problems.append(f"{where}: unknown source ids {', '.join(unknown[:5])}.")
        return None
    return Bullet(text, list(dict.fromkeys(ids)))


def _entries(value: Any, key: str, valid_ids: set[str], known: dict[str, str], problems: list[str]) -> dict:
    out: dict[str, list[Bullet]] = {}
    if value is None:
        return out
    if not isinstance(value, list):
        problems.append(f"“{key}” must be a list.")
        return out
    for number, entry in enumerate(value):
        if not isinstance(entry, dict) or entry.get("id") not in valid_ids:
            problems.append(
                f"{key}[{number}]: “id” must be one of the resume's ids ({', '.join(sorted(valid_ids))})."
            )
            continue
        bullets = entry.get("bullets") or []
        if not isinstance(bullets, list):
            problems.append(f"{key}[{number}].bullets must be a list.")
            continue
        parsed = [_bullet(b, f"{key}[{number}]", known, problems) for b in bullets[:MAX_BULLETS_PER_ROLE]]
        out[entry["id"]] = [b for b in parsed if b is not None]
    return out


def draft_parse(data: Any, structure: dict) -> Draft:
    """Check a provider's draft against the source structure; `DraftInvalid` lists every problem."""
    if not isinstance(data, dict):
        raise DraftInvalid(["The reply must be one JSON object."])
    problems: list[str] = []
    known = source_index(structure)
    draft = Draft()
    if data.get("summary") is not None:
        draft.summary = _bullet(data["summary"], "summary", known, problems)
    draft.roles = _entries(
        data.get("roles"), "roles", {w["id"] for w in structure.get("work", [])}, known, problems
    )
    draft.projects = _entries(
        data.get("projects"), "projects", {p["id"] for p in structure.get("projects", [])}, known, problems
    )
    skills = data.get("skills") or []
    if not isinstance(skills, list) or not all(isinstance(s, str) for s in skills):
        problems.append("“skills” must be a list of the resume's skill names.")
    else:
        own = {k.lower(): k for group in structure.get("skills", []) for k in group.get("keywords", [])}
        draft.skills = [own[s.lower()] for s in skills if s.lower() in own]
        extra = [s for s in skills if s.lower() not in own]
        if extra:
            problems.append(f"skills not in the resume: {', '.join(extra[:8])}.")
    if problems:
        raise DraftInvalid(problems)
    return draft


def _contact(basics: dict) -> str:
    parts = [basics.get(k, "") for k in ("location", "email", "phone", "url")]
    parts += [p.get("url") or p.get("username", "") for p in basics.get("profiles", [])]
    return " · ".join(p for p in parts if p)


def draft_to_markdown(draft: Draft, structure: dict) -> str:
    """The tailored resume: the source's header and roles, the draft's selection and wording."""
    basics = structure.get("basics", {})
    lines: list[str] = []
    if basics.get("name"):
        lines += [f"# {basics['name']}", ""]
    if basics.get("label"):
        lines += [basics["label"], ""]
    if _contact(basics):
        lines += [_contact(basics), ""]
    if draft.summary is not None:
        lines += ["## Summary", "", draft.summary.text, ""]
    if structure.get("work"):
        lines.append("## Experience")
        for role in structure["work"]:
            heading = " — ".join(p for p in (role.get("position", ""), role.get("name", "")) if p) or "Role"
            meta = " · ".join(
                p
                for p in (
                    role.get("location", ""),
                    dates_display(role.get("startDate", ""), role.get("endDate", "")),
                )
                if p
            )
            lines += ["", f"### {heading}"] + ([f"*{meta}*"] if meta else [])
            bullets = draft.roles.get(role["id"], [])
            if bullets:
                lines += [""] + [f"- {b.text}" for b in bullets]
        lines.append("")
    if draft.skills:
        lines += ["## Skills", "", ", ".join(draft.skills), ""]
    if structure.get("education"):
        lines += ["## Education", ""]
        for entry in structure["education"]:
            degree = " in ".join(p for p in (entry.get("studyType", ""), entry.get("area", "")) if p)
            when = dates_display(entry.get("startDate", ""), entry.get("endDate", ""))
            lines.append("- " + ", ".join(p for p in (degree, entry.get("institution", ""), when) if p))
        lines.append("")
    if structure.get("certificates"):
        lines += ["## Certifications", ""]
        lines += [
            f"- {c['name']}" + (f" – {c['issuer']}" if c.get("issuer") else "")
            for c in structure["certificates"]
        ]
        lines.append("")
    chosen = [p for p in structure.get("projects", []) if draft.projects.get(p["id"])]
    if chosen:
        lines.append("## Projects")
        for project in chosen:
            lines += ["", f"### {project.get('name') or 'Project'}", ""]
            lines += [f"- {b.text}" for b in draft.projects[project["id"]]]
        lines.append("")
    return "\n".join(lines).strip() + "\n"
