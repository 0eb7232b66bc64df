"""The TXT export: a clean plain-text layout of the document's blocks."""

from itertools import groupby

from documents.rendering import Block, Run, markdown_to_blocks


def _runs_text(runs: list[Run]) -> str:
    """Runs as text; a link shows its target after its text unless the text already is it."""
    parts = []
    for href, group in groupby(runs, key=lambda run: run.href):
        text = "".join(run.text for run in group)
        parts.append(text)
        if href and text.strip():
            target = href.removeprefix("mailto:")
            if target not in text:
                parts.append(f" ({target})")
    return "".join(parts)


def markdown_to_plain_text(text: str) -> str:
    """A clean plain-text rendering: no Markdown syntax, structure kept by layout.

    Headings stand on their own line (the top two underlined), list items keep a
    "-" or "1." marker and their indentation, links show their target in
    parentheses, tables become rows of cells separated by " | ".
    """
    lines: list[str] = []
    previous: Block | None = None
    for block in markdown_to_blocks(text):
        quote = "> " * block.quote_depth
        indent = "   " * max(0, block.list_depth - 1)
        # Items of one list follow each other line by line; anything else gets a blank line.
        tight = (
            previous is not None
            and previous.list_depth
            and block.list_depth
            and (previous.list_depth != block.list_depth or previous.list_id == block.list_id)
        )
        if lines and not tight:
            lines.append(("> " * min(block.quote_depth, previous.quote_depth)).rstrip())
        if block.kind == "heading":
            heading = " ".join(_runs_text(block.runs).split())
            lines.append(quote + heading)
            if block.level <= 2 and heading:
                lines.append(quote + ("=" if block.level == 1 else "-") * len(heading))
        elif block.kind == "rule":
            lines.append(quote + "-" * 40)
        elif block.kind == "code":
            body_indent = indent + ("   " if block.list_depth else "")
            lines.extend(f"{quote}{body_indent}    {line}".rstrip() for line in block.text.split("\n"))
        elif block.kind == "table":
            for is_header, cells in block.rows:
                row_text = " | ".join(" ".join(_runs_text(cell).split()) for cell in cells)
                lines.append(quote + row_text)
                if is_header:
                    lines.append(quote + "-" * len(row_text))
        else:
            body = _runs_text(block.runs).split("\n")
            if block.list_depth:
                if block.marker == "number":
                    marker = f"{block.number}. "
                elif block.marker == "bullet":
                    marker = "- "
                else:
                    marker = "   "
                first = indent + marker
                rest = indent + " " * len(marker)
            else:
                first = rest = ""
            lines.append(quote + first + body[0].strip())
            lines.extend(quote + rest + line.strip() for line in body[1:])
        previous = block
    return "\n".join(line.rstrip() for line in lines).strip("\n") + "\n"
