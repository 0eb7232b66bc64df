"""What a posting requires: must-haves and nice-to-haves, with their keywords.

A posting is cut into items (list lines, sentences, run-together bullets pulled apart), each
in the section its heading opened ("Requirements", "Bonus points", "Tech stack", "About us",
...). An item becomes a requirement by its section and its own cues ("required", "a plus",
"5+ years", "degree"); boilerplate (equal opportunity, how and when to apply, pay, benefits,
the employer's own blurb) never does, whatever section it sits in. The technologies a posting
names anywhere (even in a sentence: "our stack is Django, Rust and Postgres") are requirements
too. Every pattern is linear, so a hostile posting cannot make one backtrack.
"""

import re
from dataclasses import dataclass
from functools import cached_property

from matching.analysis.vocabulary import TermHit, generic_stems, stem, terms_find

MUST = "must"
NICE = "nice"
STACK = "stack"
RESPONSIBILITY = "responsibility"
COMPANY = "company"
BENEFITS = "benefits"
NEUTRAL = "neutral"

MAX_INPUT_CHARS = 40_000
MAX_MUST = 20
MAX_NICE = 12
MAX_STACK = 15
MAX_TEXT = 240
# The categories whose terms make a posting's stack wherever the posting names them.
STACK_CATEGORIES = frozenset(
    {"Programming languages", "Frameworks and libraries", "Databases", "Cloud and infrastructure"}
)

# Heading cues by section kind, checked in this order: the first kind with a cue wins
# ("Preferred qualifications" is nice, "Minimum qualifications" is must).
_HEADINGS = (
    (
        NICE,
        r"prefer|nice[- ]to[- ]have|bonus|\bplus\b|desired|desirable|stand out|extra credit|optional|good to have|"
        r"put you ahead|set you apart|would love|even better|it'd be great|would be great",
    ),
    (
        BENEFITS,
        r"benefit|perks|compensation|salary|\bpay\b|what we offer|we offer|equal (?:employment )?opportunit|\beeo|why join|"
        r"why you'll love|what's in it|time off|401|rewards|how to apply|physical (?:demands|requirements)|"
        r"work(?:ing)? (?:environment|conditions)|disclaimer|accommodation|privacy|schedule|job type|diversity|"
        r"inclusion|hashtag|additional information|you'll (?:get|receive)|you will (?:get|receive)|we provide|"
        r"environmental conditions|lifting|mental/visual|posting (?:window|date)|work authori|^location$|"
        r"work location|job location|hiring process",
    ),
    (
        COMPANY,
        r"about us|who we are|about the company|our company|our mission|our culture|company culture|sets us apart|"
        r"our story|our values|life at|bit about us|about the team|company overview|company description|who we're|"
        r"our purpose|what we believe",
    ),
    (STACK, r"tech(?:nical)? stack|technolog|our stack|tools we use|tech we use|our tools"),
    (
        MUST,
        r"requirement|required|requires|qualification|must[- ]have|minimum|basic|what you(?:'ll| will)? bring|"
        r"who you are|about you|who should apply|"
        r"you (?:will |should |must )?(?:also )?have|ideal candidate|what you(?:'ll| will)? need|looking for|what it takes|do you have|"
        r"you should have|make you successful|right ingredients|skills|knowledge|competenc|abilities|"
        r"certification|licens|credentials|education|personal attributes",
    ),
    (
        RESPONSIBILITY,
        r"responsibilit|what you'll do|what you will do|duties|day[- ]to[- ]day|your impact|essential functions|"
        r"key functions|in this role|your role|what you'll be doing|accountabilit|job functions|the role|"
        r"impact you'll|you will|what you'll work on|your mission|how you'll contribute|role look like|"
        r"what you can expect|your opportunity",
    ),
    (MUST, r"experience|background|expertise|profile|you are"),
    (
        NEUTRAL,
        r"description|overview|summary|opportunity|position|about the|job details|introduction|details",
    ),
)
# Words that open a heading phrased as a sentence ("We already know you will also have",
# "What you will be doing in the role") and rarely an item.
_LEAD_IN = re.compile(r"(?:what|who|we|we'd|if|it'd|so|here's|here is|do you|are you|bonus|nice)\b")
# "Experience with Corrigo", "Knowledge of CMMS": a short item, not a heading.
_ITEM_PREPOSITIONS = frozenset({"with", "in", "of", "using", "as", "for", "on"})
_HEADING_PATTERNS = tuple((kind, re.compile(pattern)) for kind, pattern in _HEADINGS)
# The cues that may open a short plain heading: all but the generic ones ("experience ...",
# "description ..."), which open items as often as headings.
_LEADING_CUES = _HEADING_PATTERNS[:-2]

_NICE_CUE = re.compile(
    r"\b(?:preferred|preferably|prefer|a plus|plus\b(?= *[.!)]|$)|nice[- ]to[- ]have|bonus|desired|desirable|"
    r"ideally|an advantage|advantageous|would be (?:great|ideal|a plus|helpful)|optional|helpful|is valued|"
    r"strongly considered|gives you an edge|adds extra|a bonus|not required)\b",
)
_MUST_CUE = re.compile(
    r"\b(?:required|requires|requirement|must|minimum|at least|mandatory|need to have|needs to have|"
    r"you have|you bring|you'll bring|we're looking for|we are looking for|you should have|candidates? (?:will|should) have)\b",
)
_QUALIFICATION_LIKE = re.compile(
    r"\b(?:\d{1,2}\s?\+?\s?(?:-\s?\d{1,2}\s?)?(?:years?|yrs)|experience (?:with|in|using|of|building|working|leading|"
    r"managing|as)|experienced (?:in|with)|proficien|knowledge of|familiar|degree|bachelor|master's|diploma|"
    r"certif|licen[cs]e|licensure|skilled in|expertise in|background in|understanding of|track record|fluen|"
    r"hands-on experience|working knowledge|must (?:live|reside|be located|be able to travel|have reliable)|"
    r"willing to relocate|reliable transportation|vaccin|bilingual|fluent in|ability to travel)\b",
)
_YEARS = re.compile(
    r"\b(\d{1,2})\s?(?:\+|plus)?\s?(?:(?:-|–|to)\s?(\d{1,2})\s?\+?\s?)?(?:years?|yrs)\b"
    r"|\b(one|two|three|four|five|six|seven|eight|nine|ten)\s(?:\(\d{1,2}\)\s)?(?:\+\s)?(?:or more\s)?(?:years?|yrs)\b",
)
_NUMBER_WORDS = {
    word: number
    for number, word in enumerate(
        ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"), 1
    )
}
# An item shaped as a qualification even in a duties list: "Strong experience as a DBA",
# "Public Records Requests Experience".
_QUALIFICATION_SHAPED = re.compile(
    r"^(?:strong |solid |advanced |proven |demonstrated |excellent |deep |working |hands-on |good |expert )?"
    r"(?:experience|knowledge|proficiency|familiarity|understanding|expertise|background|degree|bachelor)\b|"
    r"\bexperience(?: required| preferred)?\.?$",
)
_NOT_EXPERIENCE = re.compile(r"\b(?:company|history|old|founded|anniversary|ago|in business|of service)\b")

_BOILERPLATE = re.compile(
    r"\b(?:equal (?:employment )?opportunit|eeo (?:is the law|guidelines|employer)|eeo/aa|affirmative action|regardless of|without regard|race, colou?r|"
    r"sexual orientation|gender identity|national origin|protected (?:veteran|characteristic|status)|disabilit|"
    r"accommodation|e-verify|welcomes all applicants|(?:don't|do not) meet (?:every|all)|"
    r"encourage you to apply|(?:your|the|job) application|perform (?:each|the) essential|representative of the|background check|drug (?:screen|test)|privacy (?:notice|policy)|"
    r"click|easy apply|(?:want|love|like) to hear from you|submit (?:all |your )?resumes?|for immediate consideration|offer of employment|"
    r"pre-employment|screening checks|apply (?:now|today|online|by|before|at)|to apply|submit (?:your|a) (?:resume|application)|"
    r"applications? (?:will be|are) (?:accepted|reviewed)|application (?:deadline|window)|closing date|"
    r"posting date|posted on|this job is hosted|follow (?:us|our)|linkedin|#li-|hashtag|recruiter|"
    r"authori[sz]ed to work|work authori[sz]ation|sponsorship|visa|benefits|401\(?k|time off|\bpto\b|"
    r"medical, dental|dental|vision|life insurance|paid holidays|parental leave|tuition|wellness|"
    r"salary|pay range|pay rate|base pay|hourly rate|compensation|wage|per hour|per year|annually|commission|"
    r"bonus (?:eligib|potential|structure|plan)|equity|stock options|all rights reserved|learn more at|"
    r"pursuant to|fair chance|arrest (?:and|or) conviction|criminal histor|employer\b|is proud to be)",
)
_MONEY = re.compile(r"\$\s?\d|(?:^|\s)#[A-Za-z]\w")
_DATE = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:tember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b",
)
# The employer speaking of itself ("We are a leading ...", "Founded in 1998, Acme ..."), not of the
# candidate ("We're looking for someone who ...").
_COMPANY_TALK = re.compile(
    r"\b(?:we|we're|our|us)\b|\b(?:founded|headquartered|fortune \d+|leading (?:provider|global)|"
    r"world's (?:first|largest|leading)|our client)\b",
)
_CANDIDATE_TALK = re.compile(
    r"\b(?:you|your|you're|you'll|candidates?|applicants?|required|requires|must|looking for|seeking|ideal|"
    r"years? of|degree|experience (?:with|in)|proficien|knowledge of)\b",
)
_STACK_SENTENCE = re.compile(
    r"\b(?:stack|we use|we work with|built (?:on|with)|technolog(?:y|ies)|tools (?:like|such as)|powered by|"
    r"utili[sz]ing|environment (?:of|with)|platforms? (?:like|such as))\b",
)

_REQUIRED = re.compile(r"(?<!not )\brequired\b")
_BRACKETED = re.compile(r"\([^()]{0,200}\)")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# "executionCommunicate": a lower-case word run into the next capitalised item ("JavaScript",
# "iPhone" and "eBay" stay whole: the word before the capital must be lower case, 3+ letters).
_RUN_TOGETHER = re.compile(r"(?<![A-Za-z])([a-z]{2,}[a-z.,;:!?)%])(?=[A-Z][a-z])")
_AFTER_STOP = re.compile(
    r"(?:(?<=[a-z0-9][.)!?;])|(?<=[A-Z][.;])|(?<=\)[.;])|(?<=\.\)))"
    r"(?=[A-Z][a-z]{2}|[A-Z]{2,}\b|\d{1,2} ?\+? ?(?:-|to)? ?\d{0,2} ?(?:years|yrs))"
)
# "GitHub ActionsExcellent written ...": a capitalised word glued to a word that opens an item.
_BEFORE_ITEM_WORD = re.compile(
    r"(?<=[a-z]{3})(?=(?:Excellent|Experience|Strong|Ability|Proven|Knowledge|Proficient|Proficiency|"
    r"Demonstrated|Familiarity|Understanding|Bachelor|Minimum|Must|Comfortable|Passion|Bilingual)\b)"
    r"|(?:(?<=xperience)|(?<=skills)|(?<=BONUS)|(?<=PLUS)|(?<=required)|(?<=preferred))(?=[A-Z])"
)
# Items of a list whose breaks became runs of spaces: "... scalability  Social media experience".
_SPACED_ITEMS = re.compile(r"(?<![ \t])[ \t]{2,}(?=[A-Z])")
_BEFORE_YEARS = re.compile(r"(?<=[a-z]{2})(?=\d{1,2} ?\+ ?(?:years|yrs))")
# "... trends10-key by touch EDUCATION & EXPERIENCE:Bachelor's": a capitalised heading run into
# the text around it (not its own second word: "EDUCATION & EXPERIENCE" stays whole).
_HEADING_GLUED = re.compile(r"(?<![A-Z&/] )(?<![A-Za-z&/])([A-Z][A-Z&/]{2,20}(?: [A-Z&/]{1,20}){0,4}:) ?")
# In a requirements list whose line breaks were lost: an item starts at a word that opens one.
_ITEM_START = re.compile(
    r"(?<=[a-z0-9)%,])(?<!\ba)(?<!\ban)(?<!\bthe)(?<!\bof)(?<!\bin)(?<!\bwith)(?<!\band)(?<!\bor) "
    r"(?=(?:Experience|Expertise|Ability|Strong|Knowledge|Proficient|Proficiency|Excellent|"
    r"Familiarity|Familiar|Bachelor|Bachelor's|BA/BS|BS/BA|Minimum|Must|Demonstrated|Proven|Understanding|"
    r"Skilled|Skillful|Be|Advanced|Working|Solid|Deep|Hands-on|Prior|Previous|Comfortable|Willingness|"
    r"Effective|Exceptional|Outstanding|Superior|Expert|Experienced|Able|Capable|Self-motivated|"
    r"Detail-oriented|Seizes|Excellent|Current|Valid|Active|Licensed|Certified|Fluency|Fluent|"
    r"Adeptness|Good|Earlier|Command|Competence|Practical|Background|Great|Highly|Top|Self-starter|Ambition|"
    r"Passion|History|Bilingual|\d{1,2} ?\+ ?years|\d{1,2} years)\b)"
)
_AFTER_ITEM_WORD = re.compile(
    r"(?:(?<=experience)|(?<=skills)|(?<=required)|(?<=preferred)|(?<=knowledge)|(?<=degree)) (?=[A-Z][a-z])"
)
_SENTENCE_END = re.compile(
    r"(?<=[a-z0-9)%][.!?])(?<!\bSr\.)(?<!\bJr\.)(?<!\bvs\.)(?<!\bg\.)(?<!\be\.)\s+(?=[\"“(]?[A-Z0-9])"
)
# Bullets and Markdown marks at line starts and ends (the whole text at once: re.MULTILINE).
_LINE_MARKS = re.compile(
    r"^[ \t]*(?:[-*•·●◦▪▫■□➢➤►▸‣⁃–—]|\d{1,2}[.)])[ \t]+|^[ \t]*#{1,6}[ \t]+|^\*\*|\*\*:?$|^__|__:?$",
    re.MULTILINE,
)
_INLINE_HEADING = re.compile(r"^([A-Za-z][A-Za-z '&/-]{2,40}):\s+(\S.*)$")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_CONTENT_WORD = re.compile(r"[A-Za-z][A-Za-z+#'-]{2,30}")


@dataclass(frozen=True)
class ExtractedRequirement:
    text: str
    kind: str  # MUST or NICE
    keywords: tuple[str, ...]


@dataclass
class _Item:
    text: str
    section: str

    @cached_property
    def hits(self) -> list[TermHit]:
        return terms_find(self.text)

    @cached_property
    def lower(self) -> str:
        return self.text.lower()

    @cached_property
    def boilerplate(self) -> bool:
        return _is_boilerplate(self.lower)


def extract_requirements(posting_text: str) -> tuple[ExtractedRequirement, ...]:
    """The posting's requirements, must-haves first, each in the posting's own words with its
    keywords (vocabulary terms, "5+ years", or the item's content words). Deterministic."""
    items = _items(posting_text or "")
    must: list[ExtractedRequirement] = []
    nice: list[ExtractedRequirement] = []
    seen: set[str] = set()
    for item in items:
        kind = _requirement_kind(item)
        if kind is None:
            continue
        key = _NON_WORD.sub(" ", item.text.lower()).strip()
        keywords = requirement_keywords(item.text, item.hits)
        if not key or key in seen or not keywords:
            continue
        seen.add(key)
        target = must if kind == MUST else nice
        target.append(ExtractedRequirement(_clip(item.text), kind, keywords))
    return tuple(must[:MAX_MUST] + _stack(items, must + nice)[:MAX_STACK] + nice[:MAX_NICE])


def _requirement_kind(item: _Item) -> str | None:
    """MUST, NICE or None (not a requirement) for one item, from its section and its cues."""
    text = item.lower  # the cue patterns are written in lower case
    if item.section in (COMPANY, BENEFITS) or item.boilerplate or _is_company_talk(text):
        return None
    words = len(text.split())
    if (
        (words < 2 or (words < 3 and item.section not in (MUST, NICE)))
        and not item.hits
        and not _YEARS.search(text)
    ):
        return None
    if item.section in (MUST, STACK):
        return None if text.endswith("?") else _must_or_nice(text)
    if item.section == NICE:
        return NICE
    if not _QUALIFICATION_LIKE.search(text) or not _years_ok(text):
        return None if item.section != RESPONSIBILITY or not _QUALIFICATION_SHAPED.search(text) else MUST
    if item.section == RESPONSIBILITY and not (
        _MUST_CUE.search(text) or _YEARS.search(text) or _QUALIFICATION_SHAPED.search(text)
    ):
        return None
    return _must_or_nice(text)


def _must_or_nice(text: str) -> str:
    """NICE when a cue says so outside brackets ("(... is preferred)" qualifies an aside) and
    nothing says the item itself is required."""
    outside = _BRACKETED.sub("", text) if "(" in text else text
    if _NICE_CUE.search(outside) and not _REQUIRED.search(outside):
        return NICE
    return MUST


# Text a posting addresses to automated tools ("Ignore previous instructions and …") asks
# nothing of an applicant.
_TO_TOOLS = re.compile(
    r"\b(?:ignore|disregard|forget|override)\b.{0,40}\b(?:instructions?|prompts?|rules)\b|"
    r"\bsystem prompt\b|\byou are now\b|\bnew instructions\b"
)


def _is_boilerplate(text: str) -> bool:
    text = text.lower()
    return bool(
        _BOILERPLATE.search(text)
        or _TO_TOOLS.search(text)
        or _MONEY.search(text)
        or _DATE.search(text)
        or "©" in text
    )


def _is_company_talk(text: str) -> bool:
    text = text.lower()
    return bool(_COMPANY_TALK.search(text)) and not _CANDIDATE_TALK.search(text)


def _years_ok(text: str) -> bool:
    """False when the item's only qualification is a year count that is not about experience
    ("founded 20 years ago")."""
    match = _YEARS.search(text)
    if not match or _QUALIFICATION_LIKE.search(text[: match.start()] + " " + text[match.end() :]):
        return True
    return not _NOT_EXPERIENCE.search(text[match.end() : match.end() + 30])


def years_asked(text: str) -> int | None:
    """The years of experience an item asks for ("5+ years", "3-5 years", "five years"), if any."""
    text = text.lower()
    for match in _YEARS.finditer(text):
        if _NOT_EXPERIENCE.search(text[match.end() : match.end() + 30]):
            continue
        number = match.group(1) or match.group(3)
        years = int(number) if number.isdigit() else _NUMBER_WORDS[number]
        if 0 < years <= 30:
            return years
    return None


def years_keyword(years: int) -> str:
    return f"{years}+ years"


def requirement_keywords(text: str, hits: list[TermHit] | None = None) -> tuple[str, ...]:
    """A requirement's keywords: the vocabulary terms it names, then the years it asks for; with
    neither, its content words (at most five)."""
    found = [hit.term.name for hit in (terms_find(text) if hits is None else hits)]
    years = years_asked(text)
    if years:
        found.append(years_keyword(years))
    if found:
        return tuple(dict.fromkeys(found))
    words = [w.lower() for w in _CONTENT_WORD.findall(text) if stem(w) not in generic_stems()]
    return tuple(dict.fromkeys(words))[:5]


def _stack(items: list[_Item], found: list[ExtractedRequirement]) -> list[ExtractedRequirement]:
    """The technologies the posting names outside its requirements, wherever they are named
    ("our stack is Django and Postgres", "you will run Kubernetes"), but in talk about the employer
    that is not about its stack."""
    covered = {keyword for requirement in found for keyword in requirement.keywords}
    must: dict[str, ExtractedRequirement] = {}
    for item in items:
        stack_named = item.section == STACK or bool(_STACK_SENTENCE.search(item.lower))
        if item.section in (COMPANY, BENEFITS) or item.boilerplate:
            continue
        if _is_company_talk(item.lower) and not stack_named:
            continue
        for hit in item.hits:
            name = hit.term.name
            if hit.term.category not in STACK_CATEGORIES or hit.term.broad or name in covered:
                continue
            if name not in must:
                must[name] = ExtractedRequirement(item.text[hit.start : hit.end], MUST, (name,))
    return list(must.values())


def _items(text: str) -> list[_Item]:
    """The posting's items, each with the kind of section it sits in."""
    items: list[_Item] = []
    section = NEUTRAL
    listed = 0  # items read since the last heading
    for line in _lines(text):
        heading, content = _heading(line)
        if heading and content is None:
            section, listed = heading, 0
            continue
        if heading and heading != NICE:  # "Nice to have: Go" marks one item, not the list after it
            section, listed = heading, 0
        elif section in (MUST, NICE, STACK) and _is_prose(line):
            if listed:  # prose after the list: the list is over
                section = NEUTRAL
            else:  # prose before it leads in; the list follows
                items.extend(_Item(piece, NEUTRAL) for piece in _pieces(line, NEUTRAL))
                continue
        listed += 1
        kind = heading or section
        for piece in _pieces(content or line, kind):
            items.append(_Item(piece, kind))
    return items


def _is_prose(line: str) -> bool:
    """A paragraph of two or more sentences none of which asks for anything: the requirements
    list is over ("Acme is the world's first ... We offer ...")."""
    sentences = [sentence.lower() for sentence in _SENTENCE_END.split(line)]
    return len(sentences) >= 2 and not any(
        _QUALIFICATION_LIKE.search(sentence) or _MUST_CUE.search(sentence) for sentence in sentences
    )


def _lines(text: str) -> list[str]:
    text = text[:MAX_INPUT_CHARS].replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = _HEADING_GLUED.sub(lambda m: f"\n{m.group(1)}\n", text)
    text = _RUN_TOGETHER.sub(lambda m: m.group(1) + "\n", text)
    text = _AFTER_STOP.sub("\n", text)
    text = _BEFORE_YEARS.sub("\n", text)
    text = _BEFORE_ITEM_WORD.sub("\n", text)
    text = _SPACED_ITEMS.sub("\n", text)
    text = _SPACES.sub(" ", _LINE_MARKS.sub("", text))
    return [line for line in (raw.strip(" *_") for raw in text.split("\n")) if line]


def _heading(line: str) -> tuple[str | None, str | None]:
    """(the section kind a heading line opens, or None; the content after an inline heading
    ("Requirements: 5 years of Python"), or None)."""
    words = line.split()
    lowered = line.lower().strip(" :?!.-*()")
    if line.endswith(":") and len(words) <= 10:
        return _heading_kind(lowered) or NEUTRAL, None
    if len(words) <= 10 and len(line) <= 80 and not line.endswith((",", ";")) and line[0].isupper():
        kind = _heading_kind(lowered)
        shaped = line.isupper() or _title_like(words) or (line.endswith(("?", ")", "*")) and len(words) <= 8)
        # A heading names no skill: "Strong Microsoft Excel and Office Skills" is an item.
        if (
            kind
            and (shaped or _short_heading(line, lowered, kind))
            and (line.isupper() or not terms_find(line))
        ):
            return kind, None
    inline = _INLINE_HEADING.match(line)
    if inline:
        kind = _heading_kind(inline.group(1).lower())
        if kind:
            return kind, inline.group(2)
    return None, None


def _short_heading(line: str, lowered: str, kind: str) -> bool:
    """A short plain line is a heading when a specific cue opens it ("Bonus points if you
    have") or follows a lead-in word ("We would love if you also have"), or it is three words
    at most with a specific cue ("This role requires") or one word; "NY-based candidates are
    preferred", "Financial Services experience" and "Experience with Corrigo" are items."""
    words = lowered.split()
    if len(words) > (10 if _LEAD_IN.match(lowered) else 6) or line.endswith("."):
        return False
    if len(words) > 1 and words[1] in _ITEM_PREPOSITIONS:
        return False
    specific = [pattern for k, pattern in _LEADING_CUES if k == kind]
    if any(pattern.match(lowered) for pattern in specific) or (
        _LEAD_IN.match(lowered) and any(pattern.search(lowered) for pattern in specific)
    ):
        return True
    return len(words) == 1 or (len(words) <= 3 and any(pattern.search(lowered) for pattern in specific))


def _title_like(words: list[str]) -> bool:
    return all(not word[:1].isalpha() or word[:1].isupper() for word in words if len(word) > 3)


def _heading_kind(lowered: str) -> str | None:
    for kind, pattern in _HEADING_PATTERNS:
        if pattern.search(lowered):
            return kind
    return None


def _pieces(line: str, section: str) -> list[str]:
    """A line's items: its sentences, and in a requirements list the items whose breaks were lost."""
    pieces = []
    sentences = _SENTENCE_END.split(line)
    if section in (MUST, NICE):  # "; " parts a list, but a pay sentence stays whole to be left out
        sentences = [
            part
            for sentence in sentences
            for part in ([sentence] if _is_boilerplate(sentence) else sentence.split("; "))
        ]
    for sentence in sentences:
        if section in (MUST, NICE) and len(sentence) > 120:
            for part in _ITEM_START.split(sentence):
                pieces.extend(_AFTER_ITEM_WORD.split(part))
        else:
            pieces.append(sentence)
    return [piece.strip(" ,;") for piece in pieces if len(piece.strip(" ,;")) > 2]


def _clip(text: str) -> str:
    if len(text) <= MAX_TEXT:
        return text
    cut = text[:MAX_TEXT].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"
