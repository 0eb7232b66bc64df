"""The structure's shape, checked: what a user sends (PUT, a JSON Resume upload) becomes a clean
structure with an id on every entry, or a list of problems per field in plain words.

Also the JSON Resume (jsonresume.org, schema 1.0) conversions both ways.
"""

import re
from typing import Any

from resumes.structure.dates import PRESENT, date_normalise

MAX_ENTRIES = 100
MAX_HIGHLIGHTS = 60
MAX_KEYWORDS = 200
SHORT_TEXT = 300
LONG_TEXT = 5000
_DATE = re.compile(r"^(?:(?:19|20)\d{2}(?:-(?:0[1-9]|1[0-2]))?|present)?$")
_ID = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
SECTIONS = ("work", "education", "skills", "certificates", "projects", "other")
_ID_PREFIX = {"work": "w", "education": "e", "skills": "s", "certificates": "c", "projects": "p"}
BASICS_FIELDS = ("name", "label", "email", "phone", "url", "location")


class StructureInvalid(Exception):
    """`errors` maps a field path ("work[0].startDate") to its messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("The resume structure is not valid.")
        self.errors = errors


class _Checker:
    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}
        self.ids: set[str] = set()

    def fail(self, path: str, message: str) -> None:
        self.errors.setdefault(path, []).append(message)

    def text(self, value: Any, path: str, *, limit: int = SHORT_TEXT) -> str:
        if value is None:
            return ""
        if not isinstance(value, str):
            self.fail(path, "Must be text.")
            return ""
        value = value.replace("\x00", "").strip()
        if len(value) > limit:
            self.fail(path, f"Ensure this field has no more than {limit} characters.")
        return value

    def date(self, value: Any, path: str) -> str:
        value = self.text(value, path, limit=20)
        if value and not _DATE.match(value):
            normalised = date_normalise(value)
            if _DATE.match(normalised):
                return normalised
            self.fail(path, "Use a date like 2021-06 or 2021, or “present”.")
        return value

    def items(self, value: Any, path: str, *, limit: int) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(path, "Must be a list.")
            return []
        if len(value) > limit:
            self.fail(path, f"Ensure this list has no more than {limit} items.")
            return value[:limit]
        return value

    def mapping(self, value: Any, path: str) -> dict:
        if isinstance(value, dict):
            return value
        self.fail(path, "Must be an object.")
        return {}

    def entry_id(self, value: Any, path: str, *, fallback: str) -> str:
        candidate = value if isinstance(value, str) and _ID.match(value) else ""
        if value not in (None, "") and not candidate:
            self.fail(path, "Ids are 1–40 letters, digits, “-” or “_”.")
        if not candidate or candidate in self.ids:
            candidate = fallback
            number = 1
            while candidate in self.ids:
                number += 1
                candidate = f"{fallback}-{number}"
        self.ids.add(candidate)
        return candidate


def _highlights(check: _Checker, value: Any, path: str, *, owner: str) -> list[dict]:
    out = []
    for index, item in enumerate(check.items(value, path, limit=MAX_HIGHLIGHTS)):
        item_path = f"{path}[{index}]"
        if isinstance(item, str):
            item = {"text": item}
        item = check.mapping(item, item_path)
        text = check.text(item.get("text"), f"{item_path}.text", limit=LONG_TEXT)
        if text:
            out.append(
                {
                    "id": check.entry_id(item.get("id"), f"{item_path}.id", fallback=f"{owner}h{index + 1}"),
                    "text": text,
                }
            )
    return out


def structure_clean(data: Any) -> dict:
    """A clean structure from user input, or `StructureInvalid` listing every problem."""
    check = _Checker()
    data = check.mapping(data, "structure")
    basics_in = check.mapping(data.get("basics") or {}, "basics")
    basics = {key: check.text(basics_in.get(key), f"basics.{key}") for key in BASICS_FIELDS}
    basics["profiles"] = []
    for index, profile in enumerate(check.items(basics_in.get("profiles"), "basics.profiles", limit=20)):
        profile = check.mapping(profile, f"basics.profiles[{index}]")
        basics["profiles"].append(
            {
                key: check.text(profile.get(key), f"basics.profiles[{index}].{key}")
                for key in ("network", "username", "url")
            }
        )
    structure: dict = {
        "basics": basics,
        "summary": check.text(data.get("summary"), "summary", limit=LONG_TEXT),
    }
    for section in SECTIONS:
        structure[section] = []
        for index, entry in enumerate(check.items(data.get(section), section, limit=MAX_ENTRIES)):
            path = f"{section}[{index}]"
            entry = check.mapping(entry, path)
            structure[section].append(_entry(check, section, entry, path, index))
    structure["warnings"] = [
        check.text(w, f"warnings[{i}]")
        for i, w in enumerate(check.items(data.get("warnings"), "warnings", limit=200))
    ]
    if check.errors:
        raise StructureInvalid(check.errors)
    return structure


def _entry(check: _Checker, section: str, entry: dict, path: str, index: int) -> dict:
    if section == "other":
        return {
            "heading": check.text(entry.get("heading"), f"{path}.heading"),
            "lines": [
                check.text(line, f"{path}.lines[{i}]", limit=LONG_TEXT)
                for i, line in enumerate(
                    check.items(entry.get("lines"), f"{path}.lines", limit=MAX_HIGHLIGHTS)
                )
            ],
        }
    entry_id = check.entry_id(entry.get("id"), f"{path}.id", fallback=f"{_ID_PREFIX[section]}{index + 1}")
    if section == "work":
        return {
            "id": entry_id,
            "name": check.text(entry.get("name"), f"{path}.name"),
            "position": check.text(entry.get("position"), f"{path}.position"),
            "location": check.text(entry.get("location"), f"{path}.location"),
            "startDate": check.date(entry.get("startDate"), f"{path}.startDate"),
            "endDate": check.date(entry.get("endDate"), f"{path}.endDate"),
            "highlights": _highlights(check, entry.get("highlights"), f"{path}.highlights", owner=entry_id),
        }
    if section == "education":
        return {
            "id": entry_id,
            **{
                key: check.text(entry.get(key), f"{path}.{key}")
                for key in ("institution", "area", "studyType")
            },
            "startDate": check.date(entry.get("startDate"), f"{path}.startDate"),
            "endDate": check.date(entry.get("endDate"), f"{path}.endDate"),
        }
    if section == "skills":
        keywords = check.items(entry.get("keywords"), f"{path}.keywords", limit=MAX_KEYWORDS)
        return {
            "id": entry_id,
            "name": check.text(entry.get("name"), f"{path}.name"),
            "keywords": [
                k for i, kw in enumerate(keywords) if (k := check.text(kw, f"{path}.keywords[{i}]"))
            ],
        }
    if section == "certificates":
        return {
            "id": entry_id,
            "name": check.text(entry.get("name"), f"{path}.name"),
            "issuer": check.text(entry.get("issuer"), f"{path}.issuer"),
            "date": check.date(entry.get("date"), f"{path}.date"),
        }
    return {  # projects
        "id": entry_id,
        "name": check.text(entry.get("name"), f"{path}.name"),
        "description": check.text(entry.get("description"), f"{path}.description", limit=LONG_TEXT),
        "highlights": _highlights(check, entry.get("highlights"), f"{path}.highlights", owner=entry_id),
    }


# --- JSON Resume ----------------------------------------------------------------------------


def _location_text(location: Any) -> str:
    if isinstance(location, str):
        return location
    if not isinstance(location, dict):
        return ""
    parts = [location.get(key) for key in ("city", "region", "countryCode")]
    return ", ".join(str(part) for part in parts if part)


def structure_from_json_resume(data: Any) -> dict:
    """A JSON Resume document → a clean structure (`StructureInvalid` when it is not one)."""
    if not isinstance(data, dict) or not any(
        key in data for key in ("basics", "work", "education", "skills")
    ):
        raise StructureInvalid(
            {"file": ["This JSON file is not a JSON Resume (no basics, work or education)."]}
        )
    basics = data.get("basics") if isinstance(data.get("basics"), dict) else {}
    work = []
    for role in data.get("work") or []:
        if not isinstance(role, dict):
            continue
        highlights = (
            [role["summary"]] if isinstance(role.get("summary"), str) and role["summary"].strip() else []
        )
        highlights += [h for h in role.get("highlights") or [] if isinstance(h, str)]
        start = role.get("startDate") or ""
        work.append(
            {
                "name": role.get("name") or role.get("company") or "",
                "position": role.get("position") or "",
                "location": _location_text(role.get("location")),
                "startDate": start,
                "endDate": role.get("endDate") or (PRESENT if start else ""),
                "highlights": highlights,
            }
        )
    other = []
    for key, heading in (
        ("volunteer", "Volunteer"),
        ("awards", "Awards"),
        ("publications", "Publications"),
        ("languages", "Languages"),
        ("interests", "Interests"),
    ):
        lines = [_json_resume_line(item) for item in data.get(key) or []]
        if any(lines):
            other.append({"heading": heading, "lines": [line for line in lines if line]})
    return structure_clean(
        {
            "basics": {
                **{k: basics.get(k) for k in BASICS_FIELDS if k != "location"},
                "location": _location_text(basics.get("location")),
                "profiles": [p for p in basics.get("profiles") or [] if isinstance(p, dict)],
            },
            "summary": basics.get("summary") or "",
            "work": work,
            "education": [e for e in data.get("education") or [] if isinstance(e, dict)],
            "skills": [s for s in data.get("skills") or [] if isinstance(s, dict)],
            "certificates": [c for c in data.get("certificates") or [] if isinstance(c, dict)],
            "projects": [p for p in data.get("projects") or [] if isinstance(p, dict)],
            "other": other,
        }
    )


def _json_resume_line(item: Any) -> str:
    if isinstance(item, str):
        return item
    if not isinstance(item, dict):
        return ""
    head = item.get("title") or item.get("name") or item.get("language") or item.get("organization") or ""
    tail = item.get("summary") or item.get("fluency") or ", ".join(item.get("keywords") or []) or ""
    return " — ".join(str(part) for part in (head, tail) if part)


def structure_to_json_resume(structure: dict) -> dict:
    """The structure as a JSON Resume document (current roles have no endDate)."""

    def dated(entry: dict, *keys: str) -> dict:
        return {key: entry[key] for key in keys if entry.get(key) and entry[key] != PRESENT}

    basics = {key: value for key, value in structure["basics"].items() if value and key != "location"}
    if structure["basics"].get("location"):
        basics["location"] = {"address": structure["basics"]["location"]}
    if structure.get("summary"):
        basics["summary"] = structure["summary"]
    document: dict = {
        "$schema": "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json",
        "basics": basics,
        "work": [
            {
                **{k: w[k] for k in ("name", "position", "location") if w.get(k)},
                **dated(w, "startDate", "endDate"),
                "highlights": [h["text"] for h in w["highlights"]],
            }
            for w in structure["work"]
        ],
        "education": [
            {
                **{k: e[k] for k in ("institution", "area", "studyType") if e.get(k)},
                **dated(e, "startDate", "endDate"),
            }
            for e in structure["education"]
        ],
        "skills": [{"name": s["name"], "keywords": s["keywords"]} for s in structure["skills"]],
        "certificates": [
            {**{k: c[k] for k in ("name", "issuer") if c.get(k)}, **dated(c, "date")}
            for c in structure["certificates"]
        ],
        "projects": [
            {
                **{k: p[k] for k in ("name", "description") if p.get(k)},
                "highlights": [h["text"] for h in p["highlights"]],
            }
            for p in structure["projects"]
        ],
    }
    if structure.get("other"):
        document["meta"] = {"sections": structure["other"]}
    return document
