"""Minutes as Markdown: the outline laid out, every text escaped so that nothing typed becomes
structure (a heading, a list, a table, a link, HTML, an entity) or reorders the text around it."""

from __future__ import annotations

import re

from facilitator.minutes.model import Minutes
from facilitator.minutes.outline import (
    Airtime,
    Bullets,
    Decision,
    Facts,
    Heading,
    Line,
    Outline,
    Paragraph,
    Table,
    Timeline,
    outline,
)
from facilitator.text import clean, isolate

# Characters that start Markdown structure anywhere in a line (`&` an entity), and at its start.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~!&])")
_MD_LINE_START = re.compile(r"^(\s*)([#+\-=>]|\d+[.)])")


def md_escape(text: str) -> str:
    """Make typed text literal in Markdown: no heading, list, table, link, HTML or entity can come
    from it, no character a document may not hold (a terminal escape, a vertical tab), and no
    bidirectional control can reorder what follows it. Only a line break typed or pasted breaks
    the line."""
    lines = []
    for line in isolate(clean(text.replace("\r\n", "\n").replace("\r", "\n"))).split("\n"):
        line = _MD_INLINE.sub(r"\\\1", line)
        line = _MD_LINE_START.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], line)
        lines.append(line)
    return "  \n  ".join(lines)


def md_cell(text: str) -> str:
    """Typed text made literal in a Markdown table cell: inline structure escaped, line breaks as
    spaces (a cell is never at the start of a line, so `1.` and `-` need no escape there)."""
    return _MD_INLINE.sub(r"\\\1", isolate(clean(" ".join(text.splitlines()))))


def _spans(line: Line, *, cell: bool = False) -> str:
    out = []
    for span in line:
        text = md_cell(span.text) if cell else md_escape(span.text)
        if span.style in ("bold", "flag") and text.strip():
            out.append(f"**{text}**")
        elif span.style == "italic" and text.strip():
            out.append(f"_{text}_")
        else:
            out.append(text)
    return "".join(out)


def render_outline(doc: Outline) -> str:
    out: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            out += ["#" * block.level + " " + md_cell(block.text), ""]  # after the #s, nothing starts a list
        elif isinstance(block, Facts):
            out += [f"- **{md_escape(label)}:** {md_escape(value)}" for label, value in block.rows] + [""]
        elif isinstance(block, Paragraph):
            text = _spans(block.line)
            out += [f"_{text}_" if block.muted else text, ""]
        elif isinstance(block, Bullets):
            out += [f"- {_spans(item)}" for item in block.items] + [""]
        elif isinstance(block, Table):
            out += [_row([md_cell(h) for h in block.head]), "|" + "|".join("---" for _ in block.head) + "|"]
            out += [_row([_spans(cell, cell=True) for cell in row]) for row in block.rows] + [""]
        elif isinstance(block, Decision):
            out += [_spans(block.head), ""]
            out += [f"- {md_escape(fact)}" for fact in block.facts] + ([""] if block.facts else [])
        else:
            assert isinstance(block, Timeline | Airtime)  # pictures: the tables beside them give the same figures
    return "\n".join(out).rstrip() + "\n"


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def render_markdown(minutes: Minutes) -> str:
    """The minutes as Markdown."""
    return render_outline(outline(minutes))
