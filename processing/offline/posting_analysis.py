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
from collections.abc import Iterator
from dataclasses import dataclass, field

from .skill_vocabulary import Skill, SkillMention, skills_find
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
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+(.*)$")
_BOLD_HEADING = re.compile(r"^(?:\*\*|__)([^*_]{1,80})(?:\*\*|__):?$")
_INLINE_HEADING = re.compile(r"^([A-Za-z][A-Za-z '’&/-]{2,40}):\s+(\S.*)$")
_YEARS_FIGURE = re.compile(r"\d ?\+? ?years")
_NOT_EXPERIENCE = re.compile(r"\b(?:company|history|old|founded|anniversary|ago|in business)\b")
_NOT_ALPHANUMERIC = re.compile(r"[^a-z0-9]+")
# A sentence about the employer that is really about the role.
_ROLE_TALK = re.compile(r"\b(?:seeking|looking for|hiring|recruiting|this role|the role|join)\b", re.I)
# A company sentence that also says what the role is.
_HIRING_TALK = re.compile(r"\b(?:seeking|looking for|hiring|this role|the role)\b", re.I)
# A summary sentence about the role itself.
_ROLE_CUE = re.compile(
    r"\b(?:you will|you'll|this role|the role|seeking|looking for|hiring|recruiting|responsible for)\b", re.I
)
# How much a skill mention weighs, and how much a content word counts, by the kind of unit.
_SKILL_WEIGHTS = {MUST: 3.0, NICE: 1.5, RESPONSIBILITY: 1.5, STACK: 1.5, SUMMARY: 1.0}
_TERM_FACTORS = {MUST: 2.0, NICE: 1.0, RESPONSIBILITY: 1.5, STACK: 1.0, SUMMARY: 1.0}
_IMPORTANCE_RANK = {REQUIRED: 0, PREFERRED: 1, MENTIONED: 2}
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
    marked = _MARKDOWN_HEADING.match(stripped) or _BOLD_HEADING.match(stripped)
    if marked:
        return _heading_kind(marked.group(1), company) or SUMMARY, ""
    words = stripped.split()
    if not words:
        return None, ""
    if stripped.endswith(":") and len(words) <= 10 and len(stripped) <= 90:
        return _heading_kind(stripped, company) or SUMMARY, ""
    kind = _short_line_heading(stripped, words, company)
    if kind:
        return kind, ""
    return _inline_heading(stripped, company)


def _short_line_heading(stripped: str, words: list[str], company: str) -> str | None:
    """The kind of a short line that stands as a heading: "What You'll Do", "REQUIREMENTS"."""
    if len(words) > 8 or len(stripped) > 70 or stripped.endswith((".", ",", ";")):
        return None
    kind = _heading_kind(stripped, company)
    title_case = all(not w[:1].isalpha() or w[:1].isupper() for w in words if len(w) > 3)
    cue_led = bool(_CUE_LED.match(stripped.lower().replace("’", "'")))
    if kind and stripped[0].isupper() and (title_case or cue_led):
        return kind
    if stripped.isupper() and len(stripped) > 3:
        return SUMMARY
    return None


def _inline_heading(stripped: str, company: str) -> tuple[str | None, str]:
    """A heading that leads its own content: "Requirements: 5 years of Python"."""
    inline = _INLINE_HEADING.match(stripped)
    kind = _heading_kind(inline.group(1), company) if inline else None
    return (kind, inline.group(2)) if kind else (None, "")


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
    """The posting's units, each with the kind of section it sits in; and whether it has headings."""
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
            line = rest
        units.extend(_Unit(piece, kind) for piece in _line_units(line, kind))
    return units, saw_heading


def _line_units(line: str, kind: str) -> list[str]:
    """A line's units: its run-together items, prose split into sentences, run-on requirements apart."""
    texts: list[str] = []
    for item in glued_items_split(line):
        sentences = sentences_split(item) if len(item) > 200 or kind in (SUMMARY, COMPANY) else [item]
        for sentence in sentences:
            if len(sentence) > 160 and kind in (MUST, NICE):
                texts.extend(part.strip() for part in _RUN_ON_SPLIT.split(sentence))
            else:
                texts.append(sentence)
    return [text for text in texts if len(text) > 1]


def _classify(unit: _Unit, has_sections: bool) -> str:
    """The unit's kind: its section's kind refined by sentence cues."""
    text = unit.text
    if unit.kind in (COMPANY, BENEFITS, NICE, STACK):
        return unit.kind
    if unit.kind == MUST:
        return NICE if _NICE_CUE.search(text) else MUST
    if unit.kind == RESPONSIBILITY:
        return NICE if _NICE_CUE.search(text) and _REQUIREMENT_LIKE.search(text) else RESPONSIBILITY
    return _sentence_kind(text, has_sections)


def _sentence_kind(text: str, has_sections: bool) -> str:
    """The kind of a summary sentence or one before any heading, from the sentence alone."""
    if _NICE_CUE.search(text) and (_REQUIREMENT_LIKE.search(text) or skills_find(text)):
        return NICE
    if _MUST_CUE.search(text) and (_REQUIREMENT_LIKE.search(text) or skills_find(text)):
        return MUST
    if _REQUIREMENT_LIKE.search(text) and (not has_sections or _YEARS_FIGURE.search(text)):
        return MUST
    first_word = text.split(" ", 1)[0].lower().strip(",.:;")
    if _RESPONSIBILITY_LIKE.search(text) or (first_word in _ACTION_VERBS and len(text.split()) >= 4):
        return RESPONSIBILITY
    return SUMMARY


def _refined_kind(text: str, kind: str, company: str) -> str:
    """The kind once cues that hold anywhere in a posting are applied: boilerplate, talk about
    pay and benefits, and talk about the employer count as such whatever section they sit in."""
    if _BOILERPLATE.search(text) or _HASHTAG.search(text):
        return BENEFITS
    if kind in (COMPANY, BENEFITS):
        return kind
    if _BENEFIT_TALK.search(text):
        return BENEFITS
    if _COMPANY_TALK.search(text) or (company and text.startswith(company)):
        return SUMMARY if _ROLE_TALK.search(text) else COMPANY
    return kind


def _classified(units: list[_Unit], has_sections: bool, company: str) -> tuple[list[tuple[_Unit, str]], bool]:
    """Each unit with its final kind, and whether any unit addressed an automated reader (those are dropped)."""
    classified: list[tuple[_Unit, str]] = []
    injected = False
    for unit in units:
        if INJECTION.search(unit.text):
            injected = True
        else:
            classified.append((unit, _refined_kind(unit.text, _classify(unit, has_sections), company)))
    return classified, injected


@dataclass
class _Texts:
    """The posting's units by what they say, in the posting's order."""

    must: list[str] = field(default_factory=list)
    nice: list[str] = field(default_factory=list)
    responsibilities: list[str] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    blurb: list[str] = field(default_factory=list)
    relevant: list[str] = field(default_factory=list)  # everything about the role itself


def _texts_sorted(classified: list[tuple[_Unit, str]]) -> _Texts:
    texts = _Texts()
    for unit, kind in classified:
        text = unit.text
        if kind == MUST:
            texts.must.append(text)
        elif kind == NICE:
            texts.nice.append(text)
        elif kind == RESPONSIBILITY:
            texts.responsibilities.append(text)
        elif kind == SUMMARY and len(text) >= 30 and not text.endswith("?"):
            texts.summary.append(text)
        elif kind == COMPANY and len(text) >= 30:
            texts.blurb.append(text)
            if _HIRING_TALK.search(text):
                texts.summary.append(text)
        if kind not in (COMPANY, BENEFITS):
            texts.relevant.append(text)
    return texts


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
            for gram in _phrase_candidates(chunk, excluded):
                key = " ".join(_stem(w) for w in gram)
                counts[key] += 1
                display.setdefault(key, " ".join(gram))
    chosen: list[str] = []
    for key, count in sorted(counts.items(), key=lambda kv: (-kv[1] * len(kv[0].split()), kv[0])):
        phrase = display[key]
        if count < 2 or phrase in covered or any(phrase in other or other in phrase for other in chosen):
            continue
        chosen.append(phrase)
        if len(chosen) == 8:
            break
    return chosen


def _phrase_candidates(chunk: str, excluded: set[str]) -> Iterator[list[str]]:
    """The chunk's three- then two-word runs (lower case) that can make a phrase."""
    words = [word.lower() for word in _PHRASE_WORD.findall(chunk)]
    for size in (3, 2):
        for start in range(len(words) - size + 1):
            gram = words[start : start + size]
            if _phrase_shaped(gram, excluded):
                yield gram


def _phrase_shaped(gram: list[str], excluded: set[str]) -> bool:
    """Not led or ended by a stop word, not led by a verb, no stray short or excluded word."""
    if gram[0] in _STOPWORDS or gram[-1] in _STOPWORDS or gram[0] in _ACTION_VERBS:
        return False
    if len(gram) == 3 and gram[1] in _STOPWORDS and gram[1] not in _CONNECTORS:
        return False
    return not any(w in excluded or (len(w) < 3 and w not in _CONNECTORS) for w in gram)


def _years(units: list[tuple[_Unit, str]]) -> YearsAsked | None:
    """The experience the posting asks for; a requirement line beats a passing mention."""
    best: tuple[tuple[bool, int], YearsAsked] | None = None
    for unit, kind in units:
        if kind not in (MUST, NICE, SUMMARY):
            continue
        for match in _YEARS.finditer(unit.text):
            asked = _years_asked(unit.text, match, kind)
            rank = (kind == MUST, asked.minimum if asked else 0)
            if asked and (best is None or rank > best[0]):
                best = (rank, asked)
    return best[1] if best else None


def _years_asked(text: str, match: re.Match, kind: str) -> YearsAsked | None:
    """The years a `_YEARS` match asks for, unless it is not about experience ("founded 20 years ago")."""
    tail = text[match.end() : match.end() + 60].lower()
    head = text[max(0, match.start() - 40) : match.start()].lower()
    if "experience" not in tail and "experience" not in head and kind != MUST:
        return None
    if _NOT_EXPERIENCE.search(tail[:25]):
        return None
    raw = match.group(1).lower()
    minimum = int(raw) if raw.isdigit() else number_words()[raw]
    maximum = int(match.group(2)) if match.group(2) else None
    if minimum == 0 or minimum > 30:
        return None
    return YearsAsked(minimum, maximum, clip(text, 200))


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
        key = _NOT_ALPHANUMERIC.sub(" ", item.lower()).strip()
        if key and key not in seen:
            seen.add(key)
            result.append(item)
    return result


def _requirements(texts: list[str], limit: int) -> list[Requirement]:
    return [
        Requirement(
            clip(text, _MAX_ITEM_CHARS), tuple(dict.fromkeys(m.skill.name for m in skills_find(text)))
        )
        for text in _dedupe(texts)[:limit]
    ]


def _summary(texts: list[str], role: str) -> list[str]:
    """Up to three sentences about the role, the ones that speak of the role itself first."""
    texts = [s for s in texts if not s.endswith("?")]
    texts = sorted(
        texts, key=lambda s: 0 if _ROLE_CUE.search(s) or (role and role.lower() in s.lower()) else 1
    )
    return [clip(s, 300) for s in _dedupe(texts)[:3]]


class _SkillTally:
    """Skill mentions as they are read: a weight by where each is, its strongest importance,
    and how often each wording is used."""

    def __init__(self) -> None:
        self.demands: dict[str, SkillDemand] = {}
        self.wordings: dict[str, Counter[str]] = {}

    def add(self, mention: SkillMention, kind: str) -> None:
        name = mention.skill.name
        importance = REQUIRED if kind == MUST else PREFERRED if kind == NICE else MENTIONED
        demand = self.demands.get(name)
        if demand is None:
            demand = self.demands[name] = SkillDemand(mention.skill, importance, 0.0, 0, mention.surface)
            self.wordings[name] = Counter()
        demand.weight += _SKILL_WEIGHTS[kind]
        demand.mentions += 1
        self.wordings[name][mention.surface] += 1
        if _IMPORTANCE_RANK[importance] < _IMPORTANCE_RANK[demand.importance]:
            demand.importance = importance

    def ranked(self) -> list[SkillDemand]:
        """The demands, heaviest first (ties in order of first mention), each with its most used
        wording; soft skills weigh half."""
        for name, demand in self.demands.items():
            demand.surface = max(self.wordings[name].items(), key=lambda kv: (kv[1], kv[0]))[0]
            if demand.skill.is_soft:
                demand.weight *= 0.5
        return sorted(self.demands.values(), key=lambda demand: -demand.weight)

    def all_wordings(self) -> set[str]:
        return {wording.lower() for counter in self.wordings.values() for wording in counter}


def _skill_tally(role: str, classified: list[tuple[_Unit, str]]) -> _SkillTally:
    """The posting's skills by where they are mentioned; the role title counts as a requirement."""
    tally = _SkillTally()
    for text, kind in [(role, MUST)] + [(u.text, k) for u, k in classified if k in _SKILL_WEIGHTS]:
        for mention in skills_find(text):
            tally.add(mention, kind)
    return tally


def _term_weights(classified: list[tuple[_Unit, str]], role: str) -> dict[str, float]:
    """Content words by how strongly the posting asks for them, for relevance scoring."""
    weights: Counter[str] = Counter()
    for unit, kind in classified:
        if kind in _TERM_FACTORS:
            for term in set(content_terms(unit.text)):
                weights[term] += _TERM_FACTORS[kind]
    for term in content_terms(role):
        weights[term] += 3.0
    return dict(weights)


def _work_terms(classified: list[tuple[_Unit, str]], role: str, location: str) -> tuple[str, str]:
    """(work arrangement, employment type): the title, the location and the opening lines speak first."""
    head_text = " ".join(u.text for u, _ in classified[:6])
    all_text = " ".join(u.text for u, k in classified if k not in (COMPANY, BENEFITS))
    return (
        _first_match(_ARRANGEMENTS, role, location, head_text, all_text),
        _first_match(_EMPLOYMENT, role, all_text),
    )


def _one_line(value: str) -> str:
    return " ".join((value or "").split())[:255]


def posting_analyse(
    *, description: str, role: str = "", company: str = "", location: str = ""
) -> PostingAnalysis:
    """Analyse a posting's text. Deterministic: the same posting gives the same analysis."""
    role, company, location = _one_line(role), _one_line(company), _one_line(location)
    text = text_normalize(description)
    units, has_sections = _units(text, company)
    classified, injected = _classified(units, has_sections, company)
    texts = _texts_sorted(classified)
    tally = _skill_tally(role, classified)
    years = _years(classified)
    seniority, seniority_evidence = _seniority(role, years)
    arrangement, employment_type = _work_terms(classified, role, location)
    return PostingAnalysis(
        company=company,
        role=role,
        location=location,
        summary=_summary(texts.summary, role),
        company_blurb=[clip(s, 300) for s in _dedupe(texts.blurb)[:2]],
        must_haves=_requirements(texts.must, _MAX_MUST),
        nice_to_haves=_requirements(texts.nice, _MAX_NICE),
        responsibilities=[clip(t, _MAX_ITEM_CHARS) for t in _dedupe(texts.responsibilities)][
            :_MAX_RESPONSIBILITIES
        ],
        skills=tally.ranked(),
        keywords=_phrases(texts.relevant, tally.all_wordings(), excluded=set(company.lower().split())),
        years=years,
        seniority=seniority,
        seniority_evidence=seniority_evidence,
        arrangement=arrangement,
        employment_type=employment_type,
        pay=_pay_find(text),
        has_sections=has_sections,
        injection_detected=injected,
        term_weights=_term_weights(classified, role),
    )


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
