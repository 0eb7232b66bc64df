"""The layout budget: what it counts, and that PDF, DOCX and the preview refuse what is over it.

Render times are measured in `bench/export.py`; these tests pin the counting that bounds them.
"""

from datetime import date
from pathlib import Path

import pytest

from documents.export import ExportContext, LayoutTooLarge, document_docx, document_pdf
from documents.export.budget import (
    LINE_WIDTH,
    LINK_UNITS,
    LIST_ITEM_UNITS,
    MAX_LAYOUT_UNITS,
    MAX_MARKUP_CHARS,
    MAX_SOURCE_LINES,
    PIECE_UNITS,
    WIDE_WIDTH,
    layout_check,
    layout_cost,
)
from tests.factories import RESUME_MARKDOWN

TWO_PAGE_RESUME = (Path(__file__).parent / "samples" / "two_page_resume.md").read_text(encoding="utf-8")


def units(markdown: str) -> int:
    return layout_cost(markdown)[0].units


class TestCounting:
    def test_each_hard_line_break_is_a_piece_and_a_line(self):
        # One paragraph: its block, n lines, and the n - 1 breaks between them.
        assert units("x  \n" * 100) == 1 + 100 + 99 * PIECE_UNITS

    def test_soft_line_breaks_are_spaces_in_one_line(self):
        assert units("x\n" * 20) == 1 + 1

    def test_each_paragraph_is_a_block_and_its_lines(self):
        assert units("x\n\n" * 50) == 50 * 2

    def test_each_list_item_is_an_item_a_paragraph_and_a_line(self):
        assert units("- x\n" * 40) == 1 + 40 * (LIST_ITEM_UNITS + 1 + 1)

    def test_each_table_cell_is_a_block_and_a_line(self):
        table = "|a|b|\n|-|-|\n" + "|x|y|\n" * 10
        # table, thead, tbody, 11 rows, 22 cells with one line each.
        assert units(table) == 1 + 2 + 11 + 22 * 2

    def test_inline_pieces_count_and_links_count_double(self):
        assert units("*a* **b** `c` ~~d~~ x") == 1 + 4 * PIECE_UNITS + 1
        assert units("[a](https://example.org) [b](https://example.org)") == 1 + 2 * LINK_UNITS + 1

    def test_text_counts_its_printed_lines(self):
        prose = "word " * 1000  # 4,999 characters once the paragraph is trimmed
        assert units(prose) == 1 + -(-4999 // LINE_WIDTH)

    def test_wide_characters_take_more_of_a_line(self):
        assert units("東" * LINE_WIDTH) == 1 + WIDE_WIDTH

    def test_every_code_line_is_at_least_one_line(self):
        assert units("```\n" + "x\n" * 300 + "```") == 1 + 300

    def test_the_characters_of_plain_prose_cost_far_less_than_their_structure(self):
        prose, items = "word " * 9000, "- x\n" * 900
        assert len(prose) > 10 * len(items)
        assert layout_cost(prose)[0].within_budget
        assert not layout_cost(items)[0].within_budget


class TestBounds:
    def test_a_two_page_resume_uses_a_small_share_of_the_budget(self):
        for markdown in (TWO_PAGE_RESUME, RESUME_MARKDOWN):
            assert units(markdown) * 5 < MAX_LAYOUT_UNITS

    def test_a_full_length_prose_document_fits(self):
        paragraphs = "\n\n".join(["A sentence of plain prose that runs on. " * 10] * 120)
        assert len(paragraphs) <= 50_000
        assert layout_cost(paragraphs)[0].within_budget

    def test_too_many_source_lines_are_refused_before_parsing(self):
        cost, tokens = layout_cost("\n" * MAX_SOURCE_LINES + "x")
        assert (cost.source_lines, cost.units, tokens) == (MAX_SOURCE_LINES + 1, None, None)
        assert not cost.within_budget

    def test_too_many_markup_characters_are_refused_before_parsing(self):
        cost, tokens = layout_cost("[" * (MAX_MARKUP_CHARS + 1))
        assert (cost.markup_chars, cost.units, tokens) == (MAX_MARKUP_CHARS + 1, None, None)
        assert not cost.within_budget

    def test_the_5000_line_hard_break_document_is_refused(self):
        with pytest.raises(LayoutTooLarge) as refused:
            layout_check("line  \n" * 5000)
        assert "export it as Markdown or plain text" in refused.value.message
        assert refused.value.details == {"format": ["Too long for PDF or DOCX; md and txt are available."]}

    @pytest.mark.parametrize(
        "make",
        [
            lambda n: "x  \n" * n,
            lambda n: "- x\n" * n,
            lambda n: "## x\n" * n,
            lambda n: "*a* " * n,
            lambda n: "```\n" + "x\n" * n + "```\n",
            lambda n: "東京" * n,
        ],
        ids=["hard-breaks", "list-items", "headings", "emphasis", "code-lines", "cjk"],
    )
    def test_the_largest_accepted_document_of_each_kind_sits_at_the_budget(self, make):
        # One more line, item or piece crosses the budget: no kind gets in beyond it.
        low, high = 1, 20_000
        while low < high:
            middle = (low + high + 1) // 2
            low, high = (middle, high) if layout_cost(make(middle))[0].within_budget else (low, middle - 1)
        assert MAX_LAYOUT_UNITS - 4 <= units(make(low)) <= MAX_LAYOUT_UNITS
        assert not layout_cost(make(low + 1))[0].within_budget


class TestRenderers:
    CONTEXT = ExportContext(
        document_type="cover_letter",
        author="Alice Archer",
        author_email="alice@example.com",
        company="Acme",
        role="Engineer",
        date=date(2025, 7, 1),
    )

    @pytest.mark.parametrize("render", [document_pdf, document_docx], ids=["pdf", "docx"])
    def test_pdf_and_docx_refuse_a_letter_over_the_budget(self, render):
        with pytest.raises(LayoutTooLarge):
            render(markdown="Dear team,\n\n" + "- x\n" * (MAX_LAYOUT_UNITS // 3 + 1), context=self.CONTEXT)
