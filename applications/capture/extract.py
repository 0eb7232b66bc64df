"""A job posting's fields from a web page or from pasted text (SPEC §10). Pure Python.

A page is read in layers, each filling only what the ones before it left empty:
schema.org `JobPosting` in JSON-LD (plain, in `@graph`, in arrays, across several
blocks, skipping a malformed one), then microdata, then OpenGraph and `<meta>`, then
the page's own text (its heading, company and location elements, main content).
The description's HTML is cleaned by the project's sanitiser and written as Markdown
with its lists kept. Pasted text gets the same fields from labelled lines, the
first lines' shape and the pay and work-mode wording.

The parser is lxml (libxml2): already installed through python-docx, tolerant of
broken markup, and its XPath makes the microdata scoping rules one expression each.
"""

import html as html_lib
import json
import re
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
from lxml import etree

# A pure module of the documents app (no Django): the one HTML allow-list of the project.
from documents.rendering import sanitize_html

WORK_MODES = ("onsite", "hybrid", "remote")
EMPLOYMENT_TYPES = ("full_time", "part_time", "contract", "temporary", "internship", "other")
SALARY_PERIODS = ("hour", "day", "week", "month", "year")
# The longest title kept (the application's role field holds 255 characters).
TITLE_MAX = 255


@lru_cache(maxsize=1)
def _vocabulary() -> dict:
    return json.loads((Path(__file__).with_name("vocabulary.json")).read_text(encoding="utf-8"))


@dataclass
class Posting:
    """What could be read; None (or empty) where nothing was found."""

    title: str | None = None
    company: str | None = None
    locations: list[str] = field(default_factory=list)
    description: str = ""
    work_mode: str | None = None
    employment_type: str | None = None
    salary_min: int | None = None
    salary_max: int | None = None
    salary_currency: str | None = None
    salary_period: str | None = None
    posted_at: date | None = None
    deadline: date | None = None
    # Which layers contributed, in order: "json-ld", "microdata", "meta", "page", "text".
    found_in: list[str] = field(default_factory=list)

    @property
    def location(self) -> str:
        return "; ".join(self.locations)

    def fill(self, other: "Posting", layer: str) -> None:
        """Take from `other` every field still empty here."""
        took = False
        for name, value in asdict(other).items():
            if name == "found_in":
                continue
            if value not in (None, "", []) and getattr(self, name) in (None, "", []):
                setattr(self, name, getattr(other, name))
                took = True
        if took and layer not in self.found_in:
            self.found_in.append(layer)


# --- Small normalisers -------------------------------------------------------------------


def _clean_text(value) -> str | None:
    """One line of text: entities decoded, tags and runs of whitespace gone."""
    if value is None:
        return None
    if isinstance(value, (int, float)):
        value = str(value)
    if not isinstance(value, str):
        return None
    text = html_lib.unescape(value)
    if "<" in text:
        text = _fragment_text(text)
    text = re.sub(r"\s+", " ", text).strip()
    return text or None


def _fragment_text(fragment: str) -> str:
    try:
        return lxml.html.fragment_fromstring(fragment, create_parent="div").text_content()
    except (etree.ParserError, ValueError):
        return fragment


def employment_type_of(value) -> str | None:
    """`FULL_TIME`, "Full-time", ["PART_TIME"] ... → one of `EMPLOYMENT_TYPES`."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str)), None)
    if not isinstance(value, str):
        return None
    key = value.strip().lower().replace("-", " ").replace("_", " ")
    for kind, spellings in _vocabulary()["employment_types"].items():
        if key in {s.replace("-", " ").replace("_", " ") for s in spellings}:
            return kind
    return None


def salary_period_of(value) -> str | None:
    if not isinstance(value, str):
        return None
    key = value.strip().lower()
    for period, spellings in _vocabulary()["salary_periods"].items():
        if key in spellings:
            return period
    return None


def _date_of(value) -> date | None:
    if not isinstance(value, str):
        return None
    match = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _number(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return round(value) if value >= 0 else None
    if isinstance(value, str):
        digits = re.sub(r"[,\s]", "", value)
        if re.fullmatch(r"\d+(\.\d+)?", digits):
            return round(float(digits))
    return None


def _currency_of(value) -> str | None:
    if not isinstance(value, str):
        return None
    match = re.match(r"\s*([A-Za-z]{3})\b", value)
    return match[1].upper() if match else None


# --- HTML → Markdown -----------------------------------------------------------------------

_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_BLOCKS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "dl",
    "dd",
    "dt",
    "body",
    "html",
}


def _squash(text: str) -> str:
    lines = [re.sub(r"[ \t\r\f\v\u00a0]+", " ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def _inline(node) -> str:
    """The node's content as inline Markdown."""
    parts = [node.text or ""]
    for child in node:
        parts.append(_inline_element(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _inline_element(child) -> str:
    tag = child.tag if isinstance(child.tag, str) else ""
    if tag == "br":
        return "\n"
    if tag in {"ul", "ol"}:
        return "\n" + _list(child, "") + "\n"
    if not tag:
        return ""
    inner = _inline(child)
    core = re.sub(r"\s+", " ", inner).strip()
    if not core:
        return inner
    if tag in {"strong", "b"}:
        wrapped = f"**{core}**"
    elif tag in {"em", "i"}:
        wrapped = f"*{core}*"
    elif tag == "code":
        wrapped = f"`{core}`"
    elif tag == "a":
        href = (child.get("href") or "").strip()
        if not href.lower().startswith(("http://", "https://")) or href == core:
            return inner
        wrapped = f"[{core}]({href})"
    else:
        return inner
    # Spaces inside the tag move outside the marks ("<b>Pay: </b>" → "**Pay:** ").
    lead = " " if inner[:1].isspace() else ""
    trail = " " if inner[-1:].isspace() else ""
    return lead + wrapped + trail


def _blocks(node) -> list[str]:
    blocks: list[str] = []
    buffer = [node.text or ""]

    def flush() -> None:
        text = _squash("".join(buffer))
        buffer.clear()
        if text:
            blocks.append(text)

    for child in node:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _HEADINGS:
            flush()
            text = re.sub(r"\s+", " ", child.text_content()).strip()
            if text:
                blocks.append("#" * min(_HEADINGS[tag] + 1, 6) + " " + text)
        elif tag in {"ul", "ol"}:
            flush()
            rendered = _list(child, "")
            if rendered:
                blocks.append(rendered)
        elif tag == "pre":
            flush()
            blocks.append("```\n" + child.text_content().strip("\n") + "\n```")
        elif tag == "hr":
            flush()
            blocks.append("---")
        elif tag == "li":
            flush()
            blocks.append(_list_item(child, "- ", ""))
        elif tag in _BLOCKS:
            flush()
            blocks.extend(_blocks(child))
        elif tag == "br":
            buffer.append("\n")
        elif tag:
            buffer.append(_inline_element(child))
        buffer.append(child.tail or "")
    flush()
    return blocks


def _list_item(item, marker: str, indent: str) -> str:
    inner_blocks = _blocks(item)
    if not inner_blocks:
        return ""
    pad = indent + " " * len(marker)
    first, *rest = inner_blocks
    lines = [indent + marker + first.replace("\n", "\n" + pad)]
    for block in rest:
        lines.append(pad + block.replace("\n", "\n" + pad))
    return "\n".join(lines)


def _list(node, indent: str) -> str:
    ordered = node.tag == "ol"
    items = []
    number = 1
    for child in node:
        if child.tag != "li":
            continue
        marker = f"{number}. " if ordered else "- "
        rendered = _list_item(child, marker, indent)
        if rendered:
            items.append(rendered)
            number += 1
    return "\n".join(items)


def html_to_markdown(fragment: str) -> str:
    """An HTML fragment as clean Markdown: paragraphs, headings, lists (nested ones
    indented), emphasis and http(s) links kept; everything else reduced to its text.
    The fragment first goes through the project's sanitiser (scripts, styles and
    unknown tags dropped)."""
    if not fragment or not fragment.strip():
        return ""
    # A description escaped twice (`&lt;p&gt;...`) is HTML once decoded.
    if "<" not in fragment and re.search(r"&lt;\s*/?\s*[a-zA-Z]", fragment):
        fragment = html_lib.unescape(fragment)
    cleaned = sanitize_html(fragment)
    try:
        root = lxml.html.fragment_fromstring(cleaned, create_parent="div")
    except (etree.ParserError, ValueError):
        return _squash(cleaned)
    text = "\n\n".join(_blocks(root))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


# --- JSON-LD ------------------------------------------------------------------------------


def _types(node: dict) -> list[str]:
    value = node.get("@type")
    values = value if isinstance(value, list) else [value]
    return [v.rsplit("/", 1)[-1].rsplit(":", 1)[-1] for v in values if isinstance(v, str)]


def _walk(value):
    """Every dict inside a JSON-LD value, depth first."""
    if isinstance(value, dict):
        yield value
        for inner in value.values():
            yield from _walk(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _walk(inner)


def _json_ld_blocks(document) -> list:
    blocks = []
    for script in document.xpath("//script[@type]"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        text = (script.text or "").strip()
        if not text:
            continue
        try:
            blocks.append(json.loads(text, strict=False))
        except ValueError:
            continue  # a malformed block is skipped; the next one may hold the posting
    return blocks


def _posting_from_schema(node: dict, index: dict[str, dict]) -> Posting:
    """A schema.org JobPosting (from JSON-LD, or microdata in the same shape)."""

    def resolve(value):
        if isinstance(value, dict) and "@id" in value and len(value) <= 2 and value["@id"] in index:
            return index[value["@id"]]
        return value

    def first(value):
        value = resolve(value)
        if isinstance(value, list):
            return resolve(value[0]) if value else None
        return value

    posting = Posting()
    posting.title = _clean_text(node.get("title")) or _clean_text(node.get("name"))
    organisation = first(node.get("hiringOrganization"))
    if isinstance(organisation, dict):
        posting.company = _clean_text(organisation.get("name")) or _clean_text(organisation.get("legalName"))
    else:
        posting.company = _clean_text(organisation)

    places = resolve(node.get("jobLocation"))
    for place in places if isinstance(places, list) else [places]:
        place = resolve(place)
        if isinstance(place, str):
            if text := _clean_text(place):
                posting.locations.append(text)
            continue
        if not isinstance(place, dict):
            continue
        address = first(place.get("address"))
        text = None
        if isinstance(address, dict):
            country = address.get("addressCountry")
            if isinstance(country, dict):
                country = country.get("name")
            parts = [_clean_text(address.get("addressLocality")), _clean_text(address.get("addressRegion"))]
            parts = [part for part in parts if part] or [_clean_text(country)]
            text = ", ".join(part for part in parts if part) or None
        elif isinstance(address, str):
            text = _clean_text(address)
        text = text or _clean_text(place.get("name"))
        if text and text not in posting.locations:
            posting.locations.append(text)

    location_type = node.get("jobLocationType")
    location_types = location_type if isinstance(location_type, list) else [location_type]
    if any(isinstance(t, str) and t.upper() == "TELECOMMUTE" for t in location_types):
        posting.work_mode = "remote"
    posting.employment_type = employment_type_of(node.get("employmentType"))

    salary = first(node.get("baseSalary")) or first(node.get("estimatedSalary"))
    currency = node.get("salaryCurrency")
    if isinstance(salary, dict):
        currency = salary.get("currency") or currency
        value = first(salary.get("value"))
        if isinstance(value, dict):
            low = _number(value.get("minValue"))
            high = _number(value.get("maxValue"))
            exact = _number(value.get("value"))
            posting.salary_period = salary_period_of(value.get("unitText"))
        else:
            low = high = None
            exact = _number(value)
        posting.salary_period = posting.salary_period or salary_period_of(salary.get("unitText"))
    else:
        low = high = None
        exact = _number(salary)
    if low is None and high is None and exact is not None:
        low = high = exact
    if low is not None or high is not None:
        posting.salary_min, posting.salary_max = low, high
        posting.salary_currency = _currency_of(currency)

    posting.posted_at = _date_of(node.get("datePosted"))
    posting.deadline = _date_of(node.get("validThrough"))
    description = node.get("description")
    if isinstance(description, str):
        posting.description = html_to_markdown(description)
    return posting


def _from_json_ld(document) -> Posting | None:
    return _posting_in_blocks(_json_ld_blocks(document))


def _posting_in_blocks(blocks: list) -> Posting | None:
    nodes = [node for block in blocks for node in _walk(block)]
    index = {node["@id"]: node for node in nodes if isinstance(node.get("@id"), str) and len(node) > 2}
    for node in nodes:
        if "JobPosting" in _types(node):
            return _posting_from_schema(node, index)
    return None


# --- Microdata ----------------------------------------------------------------------------


def _microdata_item(element) -> dict:
    """An itemscope element as a JSON-LD-shaped dict: its own properties only (those
    whose nearest enclosing item is this one), nested items as dicts."""
    item: dict = {"@type": (element.get("itemtype") or "").split()[0] if element.get("itemtype") else None}
    for prop in element.xpath(".//*[@itemprop]"):
        owner = prop.xpath("ancestor::*[@itemscope][1]")
        if not owner or owner[0] is not element:
            continue
        if prop.get("itemscope") is not None:
            value = _microdata_item(prop)
        elif prop.tag == "meta":
            value = prop.get("content")
        elif prop.tag in {"a", "link"}:
            value = prop.get("href")
        elif prop.tag == "time":
            value = prop.get("datetime") or prop.text_content()
        else:
            value = prop.get("content") or prop.text_content()
        for name in (prop.get("itemprop") or "").split():
            if name == "description" and prop.get("itemscope") is None:
                value = lxml.html.tostring(prop, encoding="unicode", with_tail=False)
            if name in item:
                existing = item[name]
                item[name] = [*existing, value] if isinstance(existing, list) else [existing, value]
            else:
                item[name] = value
    return item


def _from_microdata(document) -> Posting | None:
    for element in document.xpath("//*[@itemscope][@itemtype]"):
        if (element.get("itemtype") or "").rstrip("/").endswith("JobPosting"):
            return _posting_from_schema(_microdata_item(element), {})
    return None


# --- OpenGraph, <meta>, the page's own text ----------------------------------------------


def _meta(document, *names: str) -> str | None:
    for name in names:
        for element in document.xpath("//meta[@property=$n or @name=$n]", n=name):
            if text := _clean_text(element.get("content")):
                return text
    return None


def _site_company(site_name: str | None) -> str | None:
    """ "Acme Careers" → "Acme": a careers site is named after its company."""
    if not site_name:
        return None
    name = site_name
    for suffix in _vocabulary()["site_name_suffixes"]:
        name = re.sub(rf"[\s\-|:·]*\b{re.escape(suffix)}\s*$", "", name, flags=re.IGNORECASE)
    return name.strip() or None


_TITLE_SEPARATORS = re.compile(r"\s+(?:[-|–—·:]|at)\s+")


def _title_without_company(title: str | None, company: str | None) -> str | None:
    """ "Data Engineer - Acme" → "Data Engineer" when Acme is the company."""
    if not title:
        return None
    parts = _TITLE_SEPARATORS.split(title)
    if company and len(parts) > 1:
        kept = [part for part in parts if part.strip().lower() != company.lower()]
        if kept and len(kept) < len(parts):
            return " - ".join(kept).strip()
    return title


def _from_meta(document) -> Posting:
    posting = Posting()
    posting.company = _site_company(_meta(document, "og:site_name", "application-name"))
    title = _meta(document, "og:title", "twitter:title")
    posting.title = _title_without_company(title, posting.company)
    description = _meta(document, "og:description", "description", "twitter:description")
    if description:
        posting.description = description
    return posting


def _class_tokens(element) -> set[str]:
    return set(re.split(r"[\s_-]+", (element.get("class") or "").lower()))


_DROPPED_FROM_MAIN = ("script", "style", "nav", "header", "footer", "aside", "form", "noscript", "template")


def _main_element(document):
    for xpath in (
        "//main",
        "//*[@role='main']",
        "//article",
        "//*[contains(concat(' ', normalize-space(@class), ' '), ' description ')]",
    ):
        found = document.xpath(xpath)
        if found:
            return found[0]
    body = document.find("body")
    return body if body is not None else document


def _from_page(document) -> Posting:
    posting = Posting()
    headings = document.xpath("//h1")
    if headings:
        posting.title = _clean_text(headings[0].text_content())
    title_tag = document.find(".//title")
    if not posting.title and title_tag is not None:
        posting.title = _clean_text(title_tag.text_content())
    for element in document.xpath("//body//*[@class]"):
        tokens = _class_tokens(element)
        text = _clean_text(element.text_content())
        if not text or len(text) > 120:
            continue
        if not posting.company and tokens & {"company", "employer", "organization", "organisation"}:
            posting.company = text
        elif tokens & {"location", "locations"} and text not in posting.locations:
            posting.locations.append(text)
    main = _main_element(document)
    for dropped in main.xpath(".//" + " | .//".join(_DROPPED_FROM_MAIN)):
        dropped.drop_tree()
    # The description section when the page marks one, else the whole main content.
    sections = main.xpath(".//*[contains(concat(' ', normalize-space(@class), ' '), ' description ')]")
    source = sections[0] if sections else main
    posting.description = html_to_markdown(lxml.html.tostring(source, encoding="unicode", with_tail=False))
    return posting


def _parse(page: str | bytes):
    if isinstance(page, bytes):
        page = page.decode("utf-8", errors="replace")
    if not page.strip():
        return None
    try:
        return lxml.html.document_fromstring(page)
    except (etree.ParserError, ValueError):
        return None


def extract_from_html(page: str | bytes) -> Posting:
    """The posting in a page, read layer by layer (see the module's docstring)."""
    posting = Posting()
    document = _parse(page)
    if document is None:
        return posting
    for layer, reader in (("json-ld", _from_json_ld), ("microdata", _from_microdata)):
        found = reader(document)
        if found is not None:
            posting.fill(found, layer)
    posting.fill(_from_meta(document), "meta")
    page_posting = _from_page(document)
    # The page's own description is preferred over a <meta> summary, usually cut short.
    meta_only = posting.found_in == ["meta"]
    if meta_only and len(page_posting.description) > len(posting.description):
        posting.description = page_posting.description
    if not posting.title and page_posting.title:
        page_posting.title = _title_without_company(page_posting.title, posting.company)
    posting.fill(page_posting, "page")
    # Pay and work mode that only the text states are read from it; pay as a whole.
    from_text = extract_from_text(posting.description, with_heading=False)
    if posting.salary_min is not None or posting.salary_max is not None:
        from_text.salary_min = from_text.salary_max = from_text.salary_currency = from_text.salary_period = (
            None
        )
    from_text.description = ""
    posting.fill(from_text, "text")
    if posting.title and len(posting.title) > TITLE_MAX:
        posting.title = posting.title[:TITLE_MAX].rstrip()
    return posting


def extract_from_json(text: str) -> Posting:
    """The JobPosting in a JSON (JSON-LD) document, as a page's JSON-LD block would give it."""
    try:
        found = _posting_in_blocks([json.loads(text, strict=False)])
    except ValueError:
        found = None
    posting = Posting()
    if found is not None:
        posting.fill(found, "json-ld")
    return posting


# --- Plain text ---------------------------------------------------------------------------

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SYMBOLS = r"(?:CA\$|AU\$|C\$|A\$|[$€£¥₹])"
_CODES = r"\b(?:USD|EUR|GBP|CAD|AUD|CHF|JPY|INR|SEK|NOK|DKK|PLN|NZD|SGD|HKD|MXN|BRL|ZAR)\b"
_PAY = re.compile(
    rf"(?P<pre>{_SYMBOLS}|{_CODES})\s?(?P<lo>{_NUMBER})\s*(?P<lok>[kK]\b)?"
    rf"(?:\s*(?:-|–|—|to|and)\s*(?:{_SYMBOLS}|{_CODES})?\s?(?P<hi>{_NUMBER})\s*(?P<hik>[kK]\b)?)?"
    rf"(?P<post>\s*{_CODES})?"
    r"(?P<unit>\s*(?:/|per\b|an?\b)\s*(?:hour|hr|h|day|week|wk|month|mo|year|yr|annum)\b"
    r"|\s*(?:hourly|annually|yearly|per annum|p\.a\.))?"
)
_MAGNITUDE = re.compile(r"\s*(?:[mMbB]\b|mm\b|bn\b|million|billion|trillion)", re.IGNORECASE)
_PERIOD_WORDS = {
    "hour": "hour",
    "hr": "hour",
    "h": "hour",
    "hourly": "hour",
    "day": "day",
    "week": "week",
    "wk": "week",
    "month": "month",
    "mo": "month",
    "year": "year",
    "yr": "year",
    "annum": "year",
    "annually": "year",
    "yearly": "year",
    "a year": "year",
    "per annum": "year",
    "p.a.": "year",
}


def _amount(digits: str | None, thousands: str | None) -> int | None:
    if not digits:
        return None
    value = float(digits.replace(",", ""))
    return round(value * 1000 if thousands else value)


def pay_of(text: str) -> tuple[int | None, int | None, str | None, str | None]:
    """The first pay range or amount in the text: (min, max, currency, period).

    "$120k-150k", "$120-150k", "USD 90,000 to 100,000 per year", "€45/hour": a `k` on
    either end applies to both; with no unit written, small amounts are hourly and
    large ones yearly."""
    symbols = _vocabulary()["currency_symbols"]
    single = None
    for match in _PAY.finditer(text):
        if _MAGNITUDE.match(text, match.end("hi") if match["hi"] else match.end("lo")):
            continue  # "$36 billion", "$50M raised": money, not pay
        thousands = match["lok"] or match["hik"]
        low = _amount(match["lo"], thousands)
        high = _amount(match["hi"], thousands) if match["hi"] else low
        if low is None or high is None or high < low:
            continue
        pre = match["pre"].strip()
        currency = symbols.get(pre) or pre.upper()
        if match["post"]:
            currency = match["post"].strip().upper()
        unit = re.sub(r"^(?:/|per|an?)\s*", "", (match["unit"] or "").strip().lower())
        period = _PERIOD_WORDS.get(unit) if unit else None
        if period is None:
            period = "hour" if high < 500 else "year" if high >= 10000 else None
        if high < 7 or (period is None and not match["hi"]):
            continue  # "$5" or "$2,000" alone in prose is not pay
        if match["hi"]:
            return low, high, currency, period
        single = single or (low, high, currency, period)
    # A range anywhere is the pay; a lone amount only when no range is written.
    return single or (None, None, None, None)


def work_mode_of(text: str) -> str | None:
    lowered = text.lower()
    if re.search(r"\bhybrid\b", lowered):
        return "hybrid"
    if re.search(r"\b(?:fully |100% )?remote\b", lowered) and not re.search(
        r"\b(?:not|no|non)[ -]remote\b", lowered
    ):
        return "remote"
    if re.search(r"\b(?:on[- ]?site|in[- ]office|in[- ]person)\b", lowered):
        return "onsite"
    return None


def _employment_type_in(text: str) -> str | None:
    lowered = text.lower()
    for pattern, kind in (
        (r"\bfull[- ]?time\b", "full_time"),
        (r"\bpart[- ]?time\b", "part_time"),
        (r"\binternship\b", "internship"),
        (r"\bcontract(?:or)?\b(?! (?:management|manager|negotiation))", "contract"),
        (r"\btemporary\b", "temporary"),
    ):
        if re.search(pattern, lowered):
            return kind
    return None


_LOCATION_LINE = re.compile(
    r"^(?:(?:remote|hybrid|on-?site)\s*[-–(,]\s*)?"
    r"[A-Z][A-Za-zÀ-ÿ.'\- ]+,\s*(?:[A-Z]{2}|[A-Z][A-Za-zÀ-ÿ.' ]+)(?:\s*\((?i:remote|hybrid|on-?site)\))?$"
)


def _labelled(lines: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    labels = _vocabulary()["text_labels"]
    for line in lines[:60]:
        match = re.match(r"^\s*([A-Za-z ]{2,20})\s*[:：]\s*(.+)$", line)
        if not match:
            continue
        label, value = match[1].strip().lower(), match[2].strip()
        for name, spellings in labels.items():
            if label in spellings and name not in found and len(value) <= TITLE_MAX:
                found[name] = value
    return found


def extract_from_text(text: str, *, with_heading: bool = True) -> Posting:
    """Fields from pasted plain text. Labelled lines ("Company: Acme") win; else the
    first line is the title, "Role at Company" or "Role - Company" split, and a short
    line shaped like "City, ST" near the top is the location. Pay and work mode are
    read from anywhere in the text."""
    posting = Posting(description=(text or "").strip())
    if not posting.description:
        return posting
    lines = [line.strip() for line in posting.description.splitlines() if line.strip()]
    if with_heading:
        labelled = _labelled(lines)
        posting.title = labelled.get("title")
        posting.company = labelled.get("company")
        if labelled.get("location"):
            posting.locations = [labelled["location"]]
        head = [line for line in lines[:6] if len(line) <= 120 and not re.match(r"^[A-Za-z ]{2,20}:", line)]
        # "Company · Location" (or "Company | Location") on the lines under the title.
        for line in head[1:3]:
            pieces = [piece.strip() for piece in re.split(r"\s+[·•|]\s+", line) if piece.strip()]
            for piece in pieces:
                if not posting.locations and _LOCATION_LINE.match(piece):
                    posting.locations = [piece]
                elif not posting.company and piece is pieces[0] and len(pieces) > 1 and len(piece) <= 80:
                    posting.company = piece
        if head and not posting.title:
            first = head[0].lstrip("#").strip()
            split = re.match(r"^(.+?)\s+(?:at|@)\s+(.+)$", first) or re.match(
                r"^(.+?)\s+[|–—]\s+(.+)$", first
            )
            if split and not posting.company:
                posting.title, posting.company = split[1].strip(), split[2].strip()
            else:
                posting.title = first
        if not posting.company and len(head) > 1 and not _LOCATION_LINE.match(head[1]):
            candidate = head[1]
            if not re.search(r"[.!?:]$|\d", candidate) and len(candidate.split()) <= 6:
                posting.company = candidate
        if not posting.locations and len(head) > 2 and _LOCATION_LINE.match(head[2]):
            posting.locations = [head[2]]
        posting.found_in.append("text")
    posting.work_mode = work_mode_of(posting.description)
    posting.employment_type = _employment_type_in(posting.description)
    low, high, currency, period = pay_of(posting.description)
    posting.salary_min, posting.salary_max = low, high
    posting.salary_currency, posting.salary_period = currency, period
    return posting


def source_of(url: str | None) -> str | None:
    """The site a posting came from: its host name without `www.`."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or None
