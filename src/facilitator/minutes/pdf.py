"""Minutes as a PDF to attach and print: the outline laid out on A4, set in DejaVu Sans
(embedded, subset to Latin, Greek, Cyrillic, Vietnamese and common symbols, so "Nguyễn" and
"Muñoz" print on any machine without system fonts or libraries).

Paragraphs and lists are broken into lines here, word by word with the font's own widths, and
each line is placed once: fpdf2's own line breaking measures a line again for every character
it adds, which took 2.3 s for a meeting of 2,000 notes. Tables use fpdf2's.

A character the font has no glyph for (an emoji, a Chinese name) is printed as □ and the PDF
says so at its end, pointing to the HTML and DOCX minutes, which keep every character.
"""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import TTFFont

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
    Span,
    Table,
    Timeline,
    outline,
)
from facilitator.text import clean

FONT = "DejaVu"
MISSING = "□"
SIZE = 10  # pt, the body text
LINE = 5.2  # mm, for 10 pt text
HEADING_SIZES = {1: 18, 2: 13, 3: 12}
_SEPARATORS = re.compile("( |\n)")
BULLET_INDENT = 6.0  # mm from the margin to a bullet's text


def _font_path(name: str) -> Path:
    return Path(str(files("facilitator.minutes") / "fonts" / name))


class _Pdf(FPDF):
    def __init__(self, title: str) -> None:
        super().__init__(format="A4")
        self.minutes_title = title
        self.replaced = 0
        self.set_margins(18, 16, 18)
        self.set_auto_page_break(True, margin=16)
        self.add_font(FONT, "", _font_path("DejaVuSans.ttf"))
        self.add_font(FONT, "B", _font_path("DejaVuSans-Bold.ttf"))
        self.set_font(FONT, size=SIZE)
        regular, bold = self.fonts[FONT.lower()], self.fonts[FONT.lower() + "B"]
        assert isinstance(regular, TTFFont) and isinstance(bold, TTFFont)
        self.covered = frozenset(regular.cmap)
        """The code points the embedded font can print."""
        self._widths = {"": regular.cw, "B": bold.cw}
        self._measured: dict[tuple[str, str], float] = {}

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, size=8)
        self.set_text_color(110)
        self.cell(0, 5, self.printable(f"{self.minutes_title} · minutes · page {self.page_no()} of {{nb}}", count=False), align="C")
        self.set_text_color(0)

    def printable(self, value: str | None, *, count: bool = True) -> str:
        """Text as this PDF can print it: cleaned, and a □ for what the font cannot show
        (counted, unless `count` is off: the footer repeats the title on every page)."""
        text = clean(value or "").replace("\t", "    ")  # the font has no glyph for a tab: a pasted tab is four spaces
        if all(ord(char) in self.covered or char == "\n" for char in text):
            return text
        out = []
        for char in text:
            if ord(char) in self.covered or char == "\n":
                out.append(char)
            else:
                out.append(MISSING)
                self.replaced += count
        return "".join(out)

    # Laying out text ---------------------------------------------------

    def width(self, word: str, style: str, size: float) -> float:
        """A word's width in mm, from the font's own widths (cached per word and style)."""
        key = (word, style)
        found = self._measured.get(key)
        if found is None:
            widths = self._widths[style]
            found = self._measured[key] = sum(widths[ord(char)] for char in word) * 0.001 / self.k
        return found * size

    def lines(self, line: Line, width: float, size: float, bold: bool = False) -> list[list[tuple[str, str]]]:
        """`line` broken into lines no wider than `width`: each a list of (text, font style) runs.
        Words are what lies between spaces, whatever span they come from (`yet,` may be a bold
        `yet` and a plain comma); a typed line break breaks the line; a word longer than a line is cut."""
        words: list[list[tuple[str, str]] | None] = []  # None: a line break
        word: list[tuple[str, str]] = []
        for span in line:
            style = "B" if bold or span.style in ("bold", "flag") else ""
            for part in _SEPARATORS.split(self.printable(span.text)):
                if part == " ":
                    words.append(word)
                    word = []
                elif part == "\n":
                    words += [word, None]
                    word = []
                elif part:
                    word.append((part, style))
        words.append(word)
        out: list[list[tuple[str, str]]] = []
        current: list[tuple[str, str]] = []
        used = 0.0
        space = self.width(" ", "", size)
        for found in words:
            if found is None:
                out.append(current)
                current, used = [], 0.0
                continue
            for piece in self._fitted(found, width, size):
                size_of = sum(self.width(text, style, size) for text, style in piece)
                if current and used + space + size_of > width:
                    out.append(current)
                    current, used = [], 0.0
                if current:
                    current.append((" ", ""))
                    used += space
                current += piece
                used += size_of
        out.append(current)
        return out

    def _fitted(self, word: list[tuple[str, str]], width: float, size: float) -> list[list[tuple[str, str]]]:
        """A word as it is, or cut into pieces that each fit on a line."""
        if sum(self.width(text, style, size) for text, style in word) <= width:
            return [word]
        pieces: list[list[tuple[str, str]]] = []
        current: list[tuple[str, str]] = []
        used = 0.0
        for text, style in word:
            for char in text:
                step = self.width(char, style, size)
                if current and used + step > width:
                    pieces.append(current)
                    current, used = [], 0.0
                current.append((char, style))
                used += step
        pieces.append(current)
        return pieces

    def place(self, x: float, runs: list[tuple[str, str]], size: float, height: float) -> None:
        """One laid-out line at `x`, on a new page first if it would not fit."""
        if self.y + height > self.page_break_trigger:
            self.add_page()
        baseline = self.y + height * 0.72
        at = x
        for style, text in _merged(runs):
            self.set_font(FONT, style, size)
            self.text(at, baseline, text)
            at += self.width(text, style, size)
        self.set_font(FONT, "", SIZE)
        self.y += height

    def para(self, line: Line, *, muted: bool = False, bold: bool = False, size: float = SIZE) -> None:
        if muted:
            self.set_text_color(90)
        height = LINE * size / SIZE
        for runs in self.lines(line, self.epw, size, bold):
            self.place(self.l_margin, runs, size, height)
        self.set_text_color(0)

    def bullets(self, items: list[Line]) -> None:
        for item in items:
            for index, runs in enumerate(self.lines(item, self.epw - BULLET_INDENT, SIZE)):
                if index == 0:
                    if self.y + LINE > self.page_break_trigger:
                        self.add_page()
                    self.text(self.l_margin + 2, self.y + LINE * 0.72, "•")
                self.place(self.l_margin + BULLET_INDENT, runs, SIZE, LINE)
        if items:
            self.ln(1)

    def heading(self, text: str, level: int) -> None:
        size = HEADING_SIZES.get(level, SIZE)
        self.ln(2)
        if self.y + size * 0.5 * 2 > self.page_break_trigger:  # a heading is never the last line of a page
            self.add_page()
        self.para([Span(text)], bold=True, size=size)
        self.ln(1)

    def grid(self, table: Table) -> None:
        self.set_font(FONT, size=9)
        with self.table(col_widths=tuple(table.widths), text_align="LEFT", line_height=4.6, padding=1.2) as grid:
            row = grid.row()
            for title in table.head:
                row.cell(self.printable(title))
            for cells in table.rows:
                row = grid.row()
                for cell in cells:
                    row.cell(self.printable("".join(span.text for span in cell)))
        self.set_font(FONT, size=SIZE)
        self.ln(2)


def _merged(runs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Neighbouring runs in one style joined: (style, text)."""
    merged: list[tuple[str, str]] = []
    for text, style in runs:
        if merged and merged[-1][0] == style:
            merged[-1] = (style, merged[-1][1] + text)
        else:
            merged.append((style, text))
    return merged


def render_outline(doc: Outline) -> bytes:
    """The outline as PDF bytes; its creation date is the outline's, so the same outline always
    gives the same file."""
    when = doc.dated
    pdf = _Pdf(doc.title)
    pdf.set_title(pdf.printable(f"{doc.title} — minutes", count=False))
    pdf.set_creator("Facilitator")
    if when is not None:
        pdf.set_creation_date(when)
    pdf.add_page()
    for block in doc.blocks:
        if isinstance(block, Heading):
            pdf.heading(block.text, block.level)
        elif isinstance(block, Facts):
            for label, value in block.rows:
                pdf.para([Span(f"{label}: {value}")])
        elif isinstance(block, Paragraph):
            pdf.para(block.line, muted=block.muted)
        elif isinstance(block, Bullets):
            pdf.bullets(block.items)
        elif isinstance(block, Table):
            pdf.grid(block)
        elif isinstance(block, Decision):
            pdf.para(block.head)
            pdf.bullets([[Span(fact)] for fact in block.facts])
        else:
            assert isinstance(block, Timeline | Airtime)  # pictures: the tables beside them give the same figures
    if pdf.replaced:
        pdf.ln(3)
        count = pdf.replaced
        pdf.para(
            [Span(f"{count} character{'s' if count != 1 else ''} this PDF's font cannot print "
                  f"{'are' if count != 1 else 'is'} shown as {MISSING}; the HTML and DOCX minutes keep them.")],
            muted=True,
        )
    return bytes(pdf.output())


def render_pdf(minutes: Minutes) -> bytes:
    """The minutes as a PDF."""
    return render_outline(outline(minutes))
