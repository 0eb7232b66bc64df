"""What a job posting asks for: requirements, skills, responsibilities, seniority.

Postings are messy pasted text, so the analysis works in two passes: first it splits the
text into units (list items, sentences) that each carry the kind of section they sit in
("Requirements", "Nice to have", "What you'll do", ...), then it classifies each unit with
sentence cues ("required", "a plus") and looks up vocabulary skills in it. The posting is
untrusted data: it is only ever read and quoted, and text that addresses an automated
reader ("ignore previous instructions ...") is dropped and reported.
"""

import re
from collections import Counter
from dataclasses import dataclass, field

from .skill_vocabulary import Skill, skills_find
from .text_cleanup import (
    bullet_strip,
    clip,
    glued_headings_split,
    glued_items_split,
    sentences_split,
    text_normalize,
)
from .vocabularies import alternation, grouped_list, number_words, word_list

MUST = "must"
NICE = "nice"
RESPONSIBILITY = "responsibility"
SUMMARY = "summary"
COMPANY = "company"
BENEFITS = "benefits"
STACK = "stack"

REQUIRED = "required"
PREFERRED = "preferred"
MENTIONED = "mentioned"

_MAX_MUST = 14
_MAX_NICE = 10
_MAX_RESPONSIBILITIES = 10
_MAX_ITEM_CHARS = 240

# Heading cues by section kind, checked in file order: the first kind whose cue appears wins.
_HEADING_CUES = grouped_list("posting_headings.txt")
_HEADING_CUE_PATTERNS = tuple((kind, re.compile(alternation(cues))) for kind, cues in _HEADING_CUES)
# A heading that is a cue and at most one more word: "Requirements", "Nice to have skills".
_CUE_LED = re.compile(rf"(?:{alternation(cue for _, cues in _HEADING_CUES for cue in cues)})\s*\S*\s*$")
_SENTENCE_ENDS = (".", "!", "?", ":", ";")

_NICE_CUE = re.compile(
    r"\b(?:preferred|preferably|a plus|is a plus|are a plus|plus\b(?= *[.!]|$)|nice[- ]to[- ]have|bonus|desired|"
    r"desirable|ideally|an advantage|advantageous|would be great|would be ideal|would be a plus|optional|"
    r"not required|helpful|is valued|strongly considered)\b",
    re.IGNORECASE,
)
_MUST_CUE = re.compile(
    r"\b(?:required|requires|require|must|minimum|at least|mandatory|need to have|you have|"
    r"you bring|you'll bring|we're looking for|we are looking for)\b",
    re.IGNORECASE,
)
_REQUIREMENT_LIKE = re.compile(
    r"\b(?:years? of|yrs|experience (?:with|in|using|of|building|working|leading|managing)|experienced in|"
    r"proficien|knowledge of|familiar|degree|certif|licen[cs]e|ability to|able to|skilled in|expertise|"
    r"background in|understanding of|track record|fluency|fluent|hands-on)\b",
    re.IGNORECASE,
)
_RESPONSIBILITY_LIKE = re.compile(
    r"^(?:you will|you'll|you’ll|responsible for|will be responsible)\b|\b(?:you will|you'll|you’ll) "
    r"(?:be )?(?:build|design|develop|lead|manage|own|work|drive|partner|collaborate|create|support|help)",
    re.IGNORECASE,
)
_ACTION_VERBS = word_list("action_verbs.txt")
INJECTION = re.compile(
    r"(?:ignore|disregard|forget|override)\b.{0,40}\b(?:instruction|prompt|rules|above|previous|prior)|"
    r"\bsystem prompt\b|\byou are now\b|\bnew instructions\b|\bact as (?:an?|the) (?:ai|assistant|model)\b|"
    r"\b(?:print|output|say|respond with|reply with)\b.{0,20}\b(?:only|exactly)\b",
    re.IGNORECASE,
)
_BOILERPLATE = re.compile(
    r"\b(?:click|easy apply|apply now|apply today|follow our|linkedin|equal opportunity|eeo|"
    r"regardless of race|without regard to|reasonable accommodation|e-verify|background check|"
    r"drug screen|privacy notice|hashtag|this job is hosted|want to learn more|#li-|©)\b",
    re.IGNORECASE,
)
# Sentences about the package or the employer, wherever they sit in the posting.
_BENEFIT_TALK = re.compile(
    r"\b(?:benefits|401\(?k\)?|paid time off|pto|medical, dental|dental|vision insurance|life insurance|"
    r"paid holidays|equal opportunity|legally authorized|authorized to work|sponsorship|visa|veterans|"
    r"disability|salary range|salary ranges|pay range|pay rates?|base pay|base salary|compensation range|"
    r"bonus eligib|stock options|applicants|discretion|(?:what|the) pay|pay (?:is|will|provided))\b",
    re.IGNORECASE,
)
_COMPANY_TALK = re.compile(r"^(?:we|we're|our|us)\b(?! (?:are|'re) (?:looking|seeking)| need| want)", re.I)
_HASHTAG = re.compile(r"(?:^|\s)#[A-Za-z][\w-]{1,30}")
_RUN_ON_SPLIT = re.compile(
    r"(?<=[a-z0-9)%]) (?=(?:Experience|Expertise|Ability|Strong|Knowledge|Proficient|Proficiency|Excellent|"
    r"Familiarity|Familiar|Bachelor|Bachelor's|BA/BS|BS/BA|Minimum|Must|Demonstrated|Proven|Understanding|"
    r"Skilled|Skillful|Be|Intermediate|Advanced|Working|Solid|Deep|Hands-on|Prior|Previous|Comfortable|"
    r"Willingness|Effective|Exceptional|Outstanding|Superior|Expert|Experienced|Able|Capable|"
    r"Self-motivated|Detail-oriented|Seizes|Proficient|\d{1,2} ?\+ ?years)\b)"
)
_YEARS = re.compile(
    rf"\b(\d{{1,2}}|{alternation(number_words())})\s?(?:\+|plus)?\s?"
    r"(?:(?:-|–|to)\s?(\d{1,2})\s?\+?\s?)?(?:\(\d{1,2}\)\s)?(?:years?|yrs?)\b",
    re.IGNORECASE,
)
_PAY = re.compile(
    r"\$ ?\d{1,3}(?:,\d{3}){0,3}(?:\.\d{1,2})? ?[kK]?"
    r"(?: ?(?:-|–|—|to) ?(?:USD )?\$? ?\d{1,3}(?:,\d{3}){0,3}(?:\.\d{1,2})? ?[kK]?)?"
    r"(?: ?(?:USD|usd))?(?: ?(?:/|per|an|a) ?(?:year|yr|hour|hr|annum|month|week))?"
)
# After an amount: it counts money raised or earned, not a salary.
_AMOUNT_SCALE = re.compile(r"\s*(?:million|billion|trillion|bn\b|mm\b|[mb]\b)", re.I)
# In an amount: a range ("$90k - $110k") or a rate ("$45/hour"), the shapes of pay.
_PAY_SHAPE = re.compile(
    r"\d\s*(?:[kK]\s*)?(?:-|–|—|to)\s*(?:USD\s*)?\$|/|per|\b(?:an|a)\s+(?:year|hour)", re.I
)
# Just before an amount: words that name it as pay.
_PAY_WORDS = re.compile(r"salary|\bpay\b|compensation|\bwage|base|hourly|rate|earn|\bote\b|range", re.I)
_SENIORITY = (
    (
        "Executive",
        re.compile(r"\b(?:chief|cfo|cto|ceo|coo|cio|vp|vice president|svp|evp|head of|head)\b", re.I),
    ),
    ("Director", re.compile(r"\bdirector\b", re.I)),
    (
        "Principal / staff",
        re.compile(
            r"\b(?:principal|distinguished)\b|\bstaff (?=engineer|scientist|developer|designer|architect|data|"
            r"software|machine|ml|product|research|security|site|backend|frontend|full)",
            re.I,
        ),
    ),
    ("Senior", re.compile(r"\b(?:senior|sr|iii|level 3)\b", re.I)),
    ("Lead", re.compile(r"\b(?:lead|leader)\b", re.I)),
    ("Entry level", re.compile(r"\b(?:junior|jr|entry[- ]level|associate|graduate|new grad|i)\b", re.I)),
    ("Internship", re.compile(r"\b(?:intern|internship|co-op)\b", re.I)),
    ("Manager", re.compile(r"\bmanager\b", re.I)),
    ("Mid level", re.compile(r"\b(?:mid[- ]level|intermediate|ii)\b", re.I)),
)
_ARRANGEMENTS = (
    ("Hybrid", re.compile(r"\bhybrid\b", re.I)),
    ("Remote", re.compile(r"\bremote\b|\bwork from home\b|\bwfh\b|\bhome[- ]based\b", re.I)),
    ("On-site", re.compile(r"\bon[- ]?site\b|\bin[- ]office\b|\bin person\b|\bin-person\b", re.I)),
)
_EMPLOYMENT = (
    ("Internship", re.compile(r"\binternship\b|\bsummer intern\b", re.I)),
    ("Contract to hire", re.compile(r"\bcontract[- ]to[- ]hire\b|\bconversion to full[- ]time\b", re.I)),
    ("Contract", re.compile(r"\bcontract(?:or)? (?:role|position|assignment)\b|\bw2\b|\b1099\b", re.I)),
    ("Part-time", re.compile(r"\bpart[- ]time\b", re.I)),
    ("Full-time", re.compile(r"\bfull[- ]time\b", re.I)),
    ("Temporary", re.compile(r"\btemporary\b|\btemp\b", re.I)),
)
_STOPWORDS = word_list("posting_stopwords.txt")


_PHRASE_BREAK = re.compile(r"[,.;:!?()/\"“”•|]| - | – | — ")
_PHRASE_WORD = re.compile(r"[A-Za-z][A-Za-z'&+-]{1,30}")
_CONTENT_WORD = re.compile(r"[A-Za-z][A-Za-z+#'-]{1,30}")
_CONNECTORS = frozenset({"of", "and", "to", "for", "in", "on"})


@dataclass(frozen=True)
class Requirement:
    text: str
    skills: tuple[str, ...]


@dataclass(frozen=True)
class YearsAsked:
    minimum: int
    maximum: int | None
    evidence: str

    def label(self) -> str:
        if self.maximum and self.maximum > self.minimum:
            return f"{self.minimum}–{self.maximum} years"
        return f"{self.minimum}+ years"


@dataclass
class SkillDemand:
    skill: Skill
    importance: str  # REQUIRED, PREFERRED or MENTIONED
    weight: float
    mentions: int
    surface: str  # the posting's own wording


@dataclass
class PostingAnalysis:
    company: str
    role: str
    location: str
    summary: list[str] = field(default_factory=list)
    company_blurb: list[str] = field(default_factory=list)
    must_haves: list[Requirement] = field(default_factory=list)
    nice_to_haves: list[Requirement] = field(default_factory=list)
    responsibilities: list[str] = field(default_factory=list)
    skills: list[SkillDemand] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    years: YearsAsked | None = None
    seniority: str = ""
    seniority_evidence: str = ""
    arrangement: str = ""
    employment_type: str = ""
    pay: str = ""
    has_sections: bool = False
    injection_detected: bool = False
    term_weights: dict[str, float] = field(default_factory=dict)
    relevance_cache: dict[str, float] = field(default_factory=dict, repr=False, compare=False)

    def skills_with(self, importance: str) -> list[SkillDemand]:
        return [demand for demand in self.skills if demand.importance == importance]

    def demand_for(self, name: str) -> SkillDemand | None:
        for demand in self.skills:
            if demand.skill.name == name:
                return demand
        return None


@dataclass
class _Unit:
    text: str
    kind: str


def _heading_kind(text: str, company: str) -> str | None:
    lowered = text.lower().strip(" :*#_-–—?!").replace("’", "'")
    if company and lowered in {f"about {company.lower()}", f"more about {company.lower()}"}:
        return COMPANY
    for kind, cues in _HEADING_CUE_PATTERNS:
        if cues.search(lowered):
            return kind
    return None


def _as_heading(line: str, company: str) -> tuple[str | None, str]:
    """(kind of heading or None, remaining content on the line)."""
    stripped = line.strip()
    markdown = re.match(r"^#{1,6}\s+(.*)$", stripped)
    bold = re.match(r"^(?:\*\*|__)([^*_]{1,80})(?:\*\*|__):?$", stripped)
    if markdown or bold:
        text = (markdown or bold).group(1)
        return _heading_kind(text, company) or SUMMARY, ""
    words = stripped.split()
    if not words:
        return None, ""
    if stripped.endswith(":") and len(words) <= 10 and len(stripped) <= 90:
        return _heading_kind(stripped, company) or SUMMARY, ""
    if len(words) <= 8 and len(stripped) <= 70 and not stripped.endswith((".", ",", ";")):
        kind = _heading_kind(stripped, company)
        title_case = all(not w[:1].isalpha() or w[:1].isupper() for w in words if len(w) > 3)
        lowered = stripped.lower().replace("’", "'")
        cue_led = bool(_CUE_LED.match(lowered))
        if kind and stripped[0].isupper() and (title_case or cue_led):
            return kind, ""
        if stripped.isupper() and len(stripped) > 3:
            return SUMMARY, ""
    inline = re.match(r"^([A-Za-z][A-Za-z '’&/-]{2,40}):\s+(\S.*)$", stripped)
    if inline:
        kind = _heading_kind(inline.group(1), company)
        if kind:
            return kind, inline.group(2)
    return None, ""


def _unwrap(lines: list[str]) -> list[str]:
    """Join hard-wrapped lines: a line that stops mid-sentence continues on a lower-case line."""
    groups: list[list[str]] = []
    length = 0  # of the last group's lines once joined
    for line in lines:
        if groups and line[:1].islower() and length > 40 and not groups[-1][-1].endswith(_SENTENCE_ENDS):
            groups[-1].append(line)
            length += 1 + len(line)
        else:
            groups.append([line])
            length = len(line)
    return [" ".join(group) for group in groups]


def _units(text: str, company: str) -> tuple[list[_Unit], bool]:
    units: list[_Unit] = []
    kind = SUMMARY
    saw_heading = False
    lines = [part for line in text.split("\n") for part in (glued_headings_split(line) or [""])]
    for raw_line in _unwrap(lines):
        is_bullet, line = bullet_strip(raw_line)
        if not line:
            continue
        heading_kind, rest = (None, "") if is_bullet else _as_heading(line, company)
        if heading_kind:
            kind = heading_kind
            saw_heading = True
            if not rest:
                continue
            line = rest
        for item in glued_items_split(line):
            pieces = sentences_split(item) if len(item) > 200 or kind in (SUMMARY, COMPANY) else [item]
            for piece in pieces:
                if len(piece) > 160 and kind in (MUST, NICE):
                    parts = [part.strip() for part in _RUN_ON_SPLIT.split(piece)]
                else:
                    parts = [piece]
                units.extend(_Unit(part, kind) for part in parts if len(part) > 1)
    return units, saw_heading


def _classify(unit: _Unit, has_sections: bool) -> str:
    """The unit's final kind: section kind refined by sentence cues."""
    text = unit.text
    if unit.kind in (COMPANY, BENEFITS):
        return unit.kind
    if unit.kind == MUST:
        return NICE if _NICE_CUE.search(text) else MUST
    if unit.kind == NICE:
        return NICE
    if unit.kind == RESPONSIBILITY:
        if _NICE_CUE.search(text) and _REQUIREMENT_LIKE.search(text):
            return NICE
        return RESPONSIBILITY
    if unit.kind == STACK:
        return STACK
    # Summary or text before any heading: decide from the sentence itself.
    if _NICE_CUE.search(text) and (_REQUIREMENT_LIKE.search(text) or skills_find(text)):
        return NICE
    if _MUST_CUE.search(text) and (_REQUIREMENT_LIKE.search(text) or skills_find(text)):
        return MUST
    if _REQUIREMENT_LIKE.search(text) and (not has_sections or re.search(r"\d ?\+? ?years", text)):
        return MUST
    first_word = text.split(" ", 1)[0].lower().strip(",.:;")
    if _RESPONSIBILITY_LIKE.search(text) or (first_word in _ACTION_VERBS and len(text.split()) >= 4):
        return RESPONSIBILITY
    return SUMMARY


def _stem(word: str) -> str:
    word = word.lower()
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def content_terms(text: str) -> list[str]:
    """Stemmed content words of `text`, for relevance scoring."""
    return [
        _stem(word)
        for word in _CONTENT_WORD.findall(text)
        if word.lower() not in _STOPWORDS and len(word) > 2
    ]


def _phrases(texts: list[str], covered: set[str], excluded: set[str]) -> list[str]:
    """Recurring two- and three-word phrases: the posting's own vocabulary beyond the skills list."""
    counts: Counter[str] = Counter()
    display: dict[str, str] = {}
    for text in texts:
        for chunk in _PHRASE_BREAK.split(text):
            words = _PHRASE_WORD.findall(chunk)
            for size in (3, 2):
                for start in range(len(words) - size + 1):
                    gram = words[start : start + size]
                    lowered = [w.lower() for w in gram]
                    if lowered[0] in _STOPWORDS or lowered[-1] in _STOPWORDS or lowered[0] in _ACTION_VERBS:
                        continue
                    if size == 3 and lowered[1] in _STOPWORDS and lowered[1] not in _CONNECTORS:
                        continue
                    if any(w in excluded or (len(w) < 3 and w not in _CONNECTORS) for w in lowered):
                        continue
                    key = " ".join(_stem(w) for w in lowered)
                    counts[key] += 1
                    display.setdefault(key, " ".join(lowered))
    chosen: list[str] = []
    for key, count in sorted(counts.items(), key=lambda kv: (-kv[1] * len(kv[0].split()), kv[0])):
        if count < 2:
            continue
        phrase = display[key]
        if phrase in covered or any(phrase in other or other in phrase for other in chosen):
            continue
        chosen.append(phrase)
        if len(chosen) == 8:
            return chosen
    return chosen


def _years(units: list[tuple[_Unit, str]]) -> YearsAsked | None:
    """The experience the posting asks for; a requirement line beats a passing mention."""
    best: tuple[tuple[bool, int], YearsAsked] | None = None
    for unit, kind in units:
        if kind not in (MUST, NICE, SUMMARY):
            continue
        for match in _YEARS.finditer(unit.text):
            tail = unit.text[match.end() : match.end() + 60].lower()
            head = unit.text[max(0, match.start() - 40) : match.start()].lower()
            if "experience" not in tail and "experience" not in head and kind != MUST:
                continue
            if re.search(r"\b(?:company|history|old|founded|anniversary|ago|in business)\b", tail[:25]):
                continue
            raw = match.group(1).lower()
            minimum = int(raw) if raw.isdigit() else number_words()[raw]
            maximum = int(match.group(2)) if match.group(2) else None
            if minimum == 0 or minimum > 30:
                continue
            rank = (kind == MUST, minimum)
            if best is None or rank > best[0]:
                best = (rank, YearsAsked(minimum, maximum, clip(unit.text, 200)))
    return best[1] if best else None


def _first_match(patterns, *texts: str) -> str:
    for text in texts:
        for label, pattern in patterns:
            if pattern.search(text):
                return label
    return ""


def _dedupe(items: list[str]) -> list[str]:
    seen: set[str] = set()
    result = []
    for item in items:
        key = re.sub(r"[^a-z0-9]+", " ", item.lower()).strip()
        if key and key not in seen:
            seen.add(key)
            result.append(item)
    return result


def posting_analyse(
    *, description: str, role: str = "", company: str = "", location: str = ""
) -> PostingAnalysis:
    """Analyse a posting's text. Deterministic: the same posting gives the same analysis."""
    role = " ".join((role or "").split())[:255]
    company = " ".join((company or "").split())[:255]
    location = " ".join((location or "").split())[:255]
    text = text_normalize(description)
    units, has_sections = _units(text, company)
    analysis = PostingAnalysis(company=company, role=role, location=location, has_sections=has_sections)

    classified: list[tuple[_Unit, str]] = []
    for unit in units:
        if INJECTION.search(unit.text):
            analysis.injection_detected = True
            continue
        classified.append((unit, _classify(unit, has_sections)))

    must_texts: list[str] = []
    nice_texts: list[str] = []
    responsibilities: list[str] = []
    summary: list[str] = []
    blurb: list[str] = []
    relevant_texts: list[str] = []
    for index, (unit, kind) in enumerate(classified):
        boilerplate = bool(_BOILERPLATE.search(unit.text) or _HASHTAG.search(unit.text))
        if kind not in (COMPANY, BENEFITS) and _BENEFIT_TALK.search(unit.text):
            kind = BENEFITS
            classified[index] = (unit, kind)
        elif kind not in (COMPANY, BENEFITS) and (
            _COMPANY_TALK.search(unit.text) or (company and unit.text.startswith(company))
        ):
            looks_like_role = re.search(
                r"\b(?:seeking|looking for|hiring|recruiting|this role|the role|join)\b", unit.text, re.I
            )
            kind = SUMMARY if looks_like_role else COMPANY
            classified[index] = (unit, kind)
        if boilerplate:
            classified[index] = (unit, BENEFITS)
            continue
        if kind == MUST:
            must_texts.append(unit.text)
        elif kind == NICE:
            nice_texts.append(unit.text)
        elif kind == RESPONSIBILITY:
            responsibilities.append(unit.text)
        elif kind == SUMMARY and len(unit.text) >= 30 and not unit.text.endswith("?"):
            summary.append(unit.text)
        elif kind == COMPANY and len(unit.text) >= 30:
            blurb.append(unit.text)
            if re.search(r"\b(?:seeking|looking for|hiring|this role|the role)\b", unit.text, re.I):
                summary.append(unit.text)
        if kind not in (COMPANY, BENEFITS):
            relevant_texts.append(unit.text)

    analysis.must_haves = [
        Requirement(
            clip(item, _MAX_ITEM_CHARS), tuple(dict.fromkeys(m.skill.name for m in skills_find(item)))
        )
        for item in _dedupe(must_texts)[:_MAX_MUST]
    ]
    analysis.nice_to_haves = [
        Requirement(
            clip(item, _MAX_ITEM_CHARS), tuple(dict.fromkeys(m.skill.name for m in skills_find(item)))
        )
        for item in _dedupe(nice_texts)[:_MAX_NICE]
    ]
    analysis.responsibilities = [clip(item, _MAX_ITEM_CHARS) for item in _dedupe(responsibilities)][
        :_MAX_RESPONSIBILITIES
    ]
    role_cue = re.compile(
        r"\b(?:you will|you'll|this role|the role|seeking|looking for|hiring|recruiting|responsible for)\b",
        re.I,
    )
    summary = [s for s in summary if not s.endswith("?")]
    summary.sort(key=lambda s: 0 if role_cue.search(s) or (role and role.lower() in s.lower()) else 1)
    analysis.summary = [clip(s, 300) for s in _dedupe(summary)[:3]]
    analysis.company_blurb = [clip(s, 300) for s in _dedupe(blurb)[:2]]

    # Skills: weighted by where they are mentioned; the role title counts as a requirement.
    weights = {MUST: 3.0, NICE: 1.5, RESPONSIBILITY: 1.5, STACK: 1.5, SUMMARY: 1.0}
    demands: dict[str, SkillDemand] = {}
    surfaces: dict[str, Counter[str]] = {}
    order: list[str] = []
    sources = [(role, MUST)] + [(u.text, k) for u, k in classified if k in weights]
    for source_text, kind in sources:
        for mention in skills_find(source_text):
            name = mention.skill.name
            importance = REQUIRED if kind == MUST else PREFERRED if kind == NICE else MENTIONED
            demand = demands.get(name)
            if demand is None:
                demand = demands[name] = SkillDemand(mention.skill, importance, 0.0, 0, mention.surface)
                surfaces[name] = Counter()
                order.append(name)
            demand.weight += weights[kind]
            demand.mentions += 1
            surfaces[name][mention.surface] += 1
            rank = {REQUIRED: 0, PREFERRED: 1, MENTIONED: 2}
            if rank[importance] < rank[demand.importance]:
                demand.importance = importance
    for name, demand in demands.items():
        demand.surface = max(surfaces[name].items(), key=lambda kv: (kv[1], -order.index(name), kv[0]))[0]
        if demand.skill.is_soft:
            demand.weight *= 0.5
    analysis.skills = sorted(demands.values(), key=lambda d: (-d.weight, order.index(d.skill.name)))

    covered = {s.lower() for d in demands.values() for s in surfaces[d.skill.name]}
    analysis.keywords = _phrases(relevant_texts, covered, excluded=set(company.lower().split()))

    term_weights: Counter[str] = Counter()
    for unit, kind in classified:
        if kind in (MUST, NICE, RESPONSIBILITY, STACK, SUMMARY):
            factor = {MUST: 2.0, RESPONSIBILITY: 1.5}.get(kind, 1.0)
            for term in set(content_terms(unit.text)):
                term_weights[term] += factor
    for term in content_terms(role):
        term_weights[term] += 3.0
    analysis.term_weights = dict(term_weights)

    analysis.years = _years(classified)
    analysis.seniority, analysis.seniority_evidence = _seniority(role, analysis.years)
    head_text = " ".join(u.text for u, _ in classified[:6])
    all_text = " ".join(u.text for u, k in classified if k not in (COMPANY, BENEFITS))
    analysis.arrangement = _first_match(_ARRANGEMENTS, role, location, head_text, all_text)
    analysis.employment_type = _first_match(_EMPLOYMENT, role, all_text)
    analysis.pay = _pay_find(text)
    return analysis


def _pay_find(text: str) -> str:
    """The first amount that reads as pay: a range, a rate per period, or an amount named as pay.

    "$750 million of private capital" or "a $50 stipend" in the company blurb is not pay.
    """
    for match in _PAY.finditer(text):
        amount = match.group(0).strip()
        if not re.search(r"\d{2}", amount) or _AMOUNT_SCALE.match(text, match.end()):
            continue
        before = text[max(0, match.start() - 80) : match.start()]
        if _PAY_SHAPE.search(amount) or _PAY_WORDS.search(before):
            return amount
    return ""


def _seniority(role: str, years: YearsAsked | None) -> tuple[str, str]:
    for label, pattern in _SENIORITY:
        match = pattern.search(role)
        if match:
            return label, f'the title says "{match.group(0)}"'
    if years:
        if years.minimum >= 8:
            return "Senior / lead", f"{years.label()} of experience asked"
        if years.minimum >= 5:
            return "Senior", f"{years.label()} of experience asked"
        if years.minimum >= 2:
            return "Mid level", f"{years.label()} of experience asked"
        return "Entry level", f"{years.label()} of experience asked"
    return "", ""
