"""Markdown rendering: safe HTML for pages and PDFs, clean plain text, bounded work."""

from html.parser import HTMLParser

import pytest

from documents.export.budget import layout_cost
from documents.export.text import markdown_to_plain_text
from documents.rendering import (
    ALLOWED_TAGS,
    MAX_INPUT_CHARS,
    markdown_to_safe_html,
    sanitize_html,
)

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '<img src="x" onerror="alert(1)" alt="pic">',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<body onload=alert(1)>",
    "<div onclick=alert(1)>click</div>",
    "<details open ontoggle=alert(1)>x</details>",
    "<a href=https://ok.example onmouseover=alert(1)>ok</a>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](java\tscript:alert(1))",
    "[click](jav&#x09;ascript:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click]( javascript:alert(1))",
    "[click](<javascript:alert(1)>)",
    "[ref][x]\n\n[x]: javascript:alert(1)",
    "<javascript:alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="&#x6A;avascript&#x3A;alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="jav&#x0A;ascript:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "[f](file:///etc/passwd)",
    '<a href="file:///etc/passwd">f</a>',
    "<iframe src=https://evil.example></iframe>",
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "<object data=x.swf></object>",
    "<embed src=x.swf>",
    '<p style="background:url(javascript:alert(1))">styled</p>',
    '<span style="position:fixed;top:0">overlay</span>',
    "<style>body{display:none}</style>",
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    "<form action=https://evil.example><input name=p><button>go</button></form>",
    '<input autofocus onfocus="alert(1)">',
    '<textarea onfocus="alert(1)">t</textarea>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<base href="https://evil.example/">',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<!--<img src=x onerror=alert(1)>-->",
    "<img src=`x` onerror=alert(1)>",
    '<a href="https://ok.example" target="_blank">t</a>',
    '<video><source onerror="alert(1)"></video>',
    "<audio src=x onerror=alert(1)>",
    '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
    '<marquee onstart="alert(1)">m</marquee>',
]

SAFE_SCHEMES = ("http://", "https://", "mailto:")


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def assert_safe(html: str) -> None:
    collector = _Collector()
    collector.feed(html)
    for tag, attrs in collector.tags:
        assert tag in ALLOWED_TAGS, tag
        for name, value in attrs.items():
            assert not name.startswith("on"), name
            assert name not in {"style", "src", "srcdoc", "action", "formaction", "background", "target"}
            if name == "href":
                assert value.startswith(SAFE_SCHEMES), value
    # Text that merely reads "javascript:" is harmless; markup is what must not survive.
    lowered = html.lower()
    for needle in ("<script", "<iframe", "<style", "<object", "<embed", "<svg", "<img", "<form"):
        assert needle not in lowered, needle


class TestSanitizer:
    @pytest.mark.parametrize("payload", XSS_PAYLOADS)
    def test_it_neutralises_each_payload(self, payload):
        assert_safe(markdown_to_safe_html(payload))

    @pytest.mark.parametrize("payload", XSS_PAYLOADS)
    def test_it_neutralises_each_payload_inside_a_document(self, payload):
        html = markdown_to_safe_html(
            f"# Resume\n\n- item {payload} after\n\n> {payload}\n\n| a |\n|---|\n| {payload} |"
        )
        assert_safe(html)
        assert "<h1>Resume</h1>" in html

    def test_it_shows_raw_html_as_the_text_the_writer_typed(self):
        html = markdown_to_safe_html(
            'Before <script>alert(1)</script> and <div onclick="x()">Led a team</div>'
        )
        assert "<p>Before &lt;script&gt;alert(1)&lt;/script&gt; and &lt;div" in html
        assert "Led a team&lt;/div&gt;</p>" in html

    @pytest.mark.parametrize("payload", XSS_PAYLOADS)
    def test_its_second_layer_cleans_each_payload_as_raw_html(self, payload):
        # The sanitizer must hold on its own, should the Markdown layer ever let HTML through.
        assert_safe(sanitize_html(payload))

    def test_its_second_layer_keeps_document_text_and_drops_script_contents(self):
        html = sanitize_html(
            '<div onclick="x()">Led a team</div> <script>var secret = 1;</script><style>p{}</style> after'
        )
        assert "Led a team" in html and "after" in html
        assert "secret" not in html and "p{}" not in html


class TestHtml:
    def test_it_renders_the_document_structure(self):
        html = markdown_to_safe_html(
            "# Name\n\n## Experience\n\n### Role\n\nSome **bold**, *italic*, ~~struck~~ and `code`.\n\n"
            "- one\n- two\n\n3. three\n4. four\n\n> quote\n\n---\n\n```\nblock\n```"
        )
        for fragment in (
            "<h1>Name</h1>",
            "<h2>Experience</h2>",
            "<h3>Role</h3>",
            "<strong>bold</strong>",
            "<em>italic</em>",
            "<s>struck</s>",
            "<code>code</code>",
            "<ul>\n<li>one</li>",
            '<ol start="3">\n<li>three</li>',
            "<blockquote>",
            "<hr>",
            "<pre><code>block\n</code></pre>",
        ):
            assert fragment in html, fragment

    def test_it_renders_tables_with_alignment_as_classes(self):
        html = markdown_to_safe_html("| Skill | Years |\n|:--|--:|\n| Python | 7 |")
        assert '<th class="align-left">Skill</th>' in html
        assert '<td class="align-right">7</td>' in html
        assert "style" not in html

    @pytest.mark.parametrize(
        "markdown, href",
        [
            ("[site](https://jane.example/a?b=1)", "https://jane.example/a?b=1"),
            ("[site](http://jane.example)", "http://jane.example"),
            ("[mail](mailto:jane@example.com)", "mailto:jane@example.com"),
            ("<https://jane.example>", "https://jane.example"),
        ],
    )
    def test_it_keeps_safe_links_with_a_safe_rel(self, markdown, href):
        html = markdown_to_safe_html(markdown)
        assert f'href="{href}"' in html
        assert 'rel="nofollow noopener noreferrer"' in html

    def test_it_drops_relative_links_and_images(self):
        html = markdown_to_safe_html("[cv](cv.pdf) ![me](me.png)")
        assert "href" not in html and "<img" not in html and "cv" in html

    def test_it_escapes_text_that_looks_like_html(self):
        assert "<p>5 &lt; 6 &amp; 7 &gt; 2</p>" in markdown_to_safe_html("5 < 6 & 7 > 2")

    def test_it_renders_nothing_for_nothing(self):
        assert markdown_to_safe_html("") == ""
        assert markdown_to_safe_html(None) == ""  # a document field that is empty


class TestBounds:
    def test_it_cuts_input_beyond_the_document_limit(self):
        html = markdown_to_safe_html("a" * MAX_INPUT_CHARS + "TAIL")
        assert "TAIL" not in html and "a" * 1000 in html
        assert "TAIL" not in markdown_to_plain_text("a" * MAX_INPUT_CHARS + "TAIL")

    def test_it_drops_null_characters(self):
        assert "\x00" not in markdown_to_safe_html("a\x00b") and "ab" in markdown_to_safe_html("a\x00b")

    @pytest.mark.parametrize(
        ("markdown", "within_budget"),
        [
            # Nesting beyond MAX_NESTING is text: a few units, whatever the depth.
            ("> " * 5000 + "deep", True),
            ("".join("  " * depth + "- item\n" for depth in range(400)), True),
            # Too many markup characters or lines: refused before the parser runs.
            ("[" * MAX_INPUT_CHARS, False),
            ("*a **b " * 7000, False),
            ("<div>" * 10000, False),
            ("|a|\n|-|\n" + "|x|\n" * 12000, False),
        ],
        ids=["quotes", "lists", "brackets", "emphasis", "divs", "table"],
    )
    def test_pathological_input_renders_safely_and_the_budget_bounds_its_layout(
        self, markdown, within_budget
    ):
        # Their render time is measured in bench/export.py; here: what the budget decides.
        assert layout_cost(markdown)[0].within_budget is within_budget
        html = markdown_to_safe_html(markdown)
        markdown_to_plain_text(markdown)
        assert_safe(html)


class TestPlainText:
    def test_it_lays_out_a_resume_without_markdown_syntax(self):
        text = markdown_to_plain_text(
            "# Jane Doe\n\n[jane@example.com](mailto:jane@example.com) · [site](https://jane.example)\n\n"
            "## Experience\n\n### Dev — Acme (2020–2024)\n\n- Built **fast** and *safe* things\n"
            "  - nested item\n- Second with `code`\n\n1. one\n2. two\n\n> Quoted\n\n"
            "| Skill | Years |\n|---|---|\n| Python | 7 |\n\n---\n\n```\ncode block\n```\n"
        )
        assert text == (
            "Jane Doe\n"
            "========\n"
            "\n"
            "jane@example.com · site (https://jane.example)\n"
            "\n"
            "Experience\n"
            "----------\n"
            "\n"
            "Dev — Acme (2020–2024)\n"
            "\n"
            "- Built fast and safe things\n"
            "   - nested item\n"
            "- Second with code\n"
            "\n"
            "1. one\n"
            "2. two\n"
            "\n"
            "> Quoted\n"
            "\n"
            "Skill | Years\n"
            "-------------\n"
            "Python | 7\n"
            "\n"
            "----------------------------------------\n"
            "\n"
            "    code block\n"
        )

    def test_it_keeps_raw_html_as_the_text_the_writer_typed(self):
        text = markdown_to_plain_text("Hello <b>world</b>\n\n<div>Block text</div>")
        assert text == "Hello <b>world</b>\n\n<div>Block text</div>\n"

    def test_it_keeps_hard_line_breaks(self):
        assert markdown_to_plain_text("Jane Doe  \njane@example.com") == "Jane Doe\njane@example.com\n"

    def test_it_does_not_show_unsafe_link_targets(self):
        text = markdown_to_plain_text("[click](ftp://files.example/cv) [x](https://ok.example)")
        assert text == "click x (https://ok.example)\n"

    def test_it_keeps_an_ordered_lists_start_number(self):
        assert markdown_to_plain_text("7. seven\n8. eight") == "7. seven\n8. eight\n"
