"""Structure → Markdown, the resume's `content` when the structure is the source of truth.

The Markdown reads as a resume and parses back to the same structure: `# Name`, a contact
line, `## Summary`, `## Experience` with `### Position — Employer`, an italic line of place
and dates, and `-` bullets; then education, skills, certifications, projects, the rest.
"""

import re

from resumes.structure.dates import PRESENT

_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def date_display(value: str) -> str:
    """'2019-06' → 'Jun 2019', '2019' → '2019', 'present' → 'Present'."""
    if not value:
        return ""
    if value == PRESENT:
        return "Present"
    if len(value) >= 7 and value[4] == "-" and value[5:7].isdigit() and 1 <= int(value[5:7]) <= 12:
        return f"{_MONTH_NAMES[int(value[5:7]) - 1]} {value[:4]}"
    return value


def dates_display(start: str, end: str) -> str:
    start, end = date_display(start), date_display(end)
    if start and end and start != end:
        return f"{start} – {end}"
    return start or end


_NUMBERED = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")


def _escape(text: str) -> str:
    """Keep a line from being read as Markdown structure (a heading, a list) when it is not."""
    text = text.replace("\n", " ").strip()
    if text[:1] in ("#", ">", "-", "*", "+"):
        return "\\" + text
    return _NUMBERED.sub(r"\1\\\2", text)


def _contact_line(basics: dict) -> str:
    parts = [basics.get(key, "") for key in ("location", "email", "phone", "url")]
    parts += [profile.get("url") or profile.get("username", "") for profile in basics.get("profiles", [])]
    return " · ".join(_escape(part) for part in parts if part)


def _work(entries: list[dict], lines: list[str]) -> None:
    lines.append("## Experience")
    for entry in entries:
        title = " — ".join(part for part in (entry.get("position", ""), entry.get("name", "")) if part)
        lines.extend(["", f"### {_escape(title) or 'Role'}"])
        meta = " · ".join(
            part
            for part in (
                entry.get("location", ""),
                dates_display(entry.get("startDate", ""), entry.get("endDate", "")),
            )
            if part
        )
        if meta:
            lines.append(f"*{meta}*")
        if entry.get("highlights"):
            lines.append("")
            lines.extend(f"- {_escape(item['text'])}" for item in entry["highlights"])
    lines.append("")


def _education(entries: list[dict], lines: list[str]) -> None:
    lines.append("## Education")
    lines.append("")
    for entry in entries:
        degree = " in ".join(part for part in (entry.get("studyType", ""), entry.get("area", "")) if part)
        when = dates_display(entry.get("startDate", ""), entry.get("endDate", ""))
        text = ", ".join(part for part in (degree, entry.get("institution", ""), when) if part)
        lines.append(f"- {_escape(text)}")
    lines.append("")


def _skills(groups: list[dict], lines: list[str]) -> None:
    lines.append("## Skills")
    lines.append("")
    for group in groups:
        keywords = ", ".join(group.get("keywords", []))
        name = group.get("name", "")
        lines.append(
            f"- {_escape(name)}: {keywords}" if name and name != "Skills" else f"- {_escape(keywords)}"
        )
    lines.append("")


def _certificates(entries: list[dict], lines: list[str]) -> None:
    lines.append("## Certifications")
    lines.append("")
    for entry in entries:
        text = " – ".join(part for part in (entry.get("name", ""), entry.get("issuer", "")) if part)
        date = date_display(entry.get("date", ""))
        lines.append(f"- {_escape(text)}{f' ({date})' if date else ''}")
    lines.append("")


def _projects(entries: list[dict], lines: list[str]) -> None:
    lines.append("## Projects")
    for entry in entries:
        lines.extend(["", f"### {_escape(entry.get('name', '')) or 'Project'}"])
        if entry.get("description"):
            lines.append(_escape(entry["description"]))
        if entry.get("highlights"):
            lines.append("")
            lines.extend(f"- {_escape(item['text'])}" for item in entry["highlights"])
    lines.append("")


def structure_to_markdown(structure: dict) -> str:
    basics = structure.get("basics", {})
    lines: list[str] = []
    if basics.get("name"):
        lines.extend([f"# {_escape(basics['name'])}", ""])
    if basics.get("label"):
        lines.extend([_escape(basics["label"]), ""])
    contact = _contact_line(basics)
    if contact:
        lines.extend([contact, ""])
    if structure.get("summary"):
        lines.extend(["## Summary", "", _escape(structure["summary"]), ""])
    sections = (
        ("work", _work),
        ("education", _education),
        ("skills", _skills),
        ("certificates", _certificates),
        ("projects", _projects),
    )
    for key, render in sections:
        if structure.get(key):
            render(structure[key], lines)
    for block in structure.get("other", []):
        lines.extend([f"## {_escape(block.get('heading', '')) or 'More'}", ""])
        lines.extend(f"- {_escape(line)}" for line in block.get("lines", []))
        lines.append("")
    return "\n".join(lines).strip() + "\n"
