"""Minutes as a PDF to attach and print: the same sections as the Markdown, set in DejaVu Sans
(embedded, subset to Latin, Greek, Cyrillic, Vietnamese and common symbols, so "Nguyễn" and
"Muñoz" print on any machine without system fonts or libraries).

A character the font has no glyph for (an emoji, a Chinese name) is printed as □ and the PDF
says so at its end, pointing to the HTML and DOCX minutes, which keep every character.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import TTFFont

from facilitator.minutes.model import Minutes, MinutesAction, MinutesDecision
from facilitator.minutes.words import (
    NO_ATTENDANCE,
    NO_DUE,
    NO_OWNER,
    NO_SPEAKING,
    actual,
    attendance_status,
    balance,
    changes,
    checkin_said,
    community_share,
    decision_facts,
    document_heading,
    dots,
    draft_line,
    due,
    header_facts,
    idea_line,
    note_line,
    planned,
    review_line,
    sectors,
    tally,
    timing,
)
from facilitator.text import clean

FONT = "DejaVu"
MISSING = "□"
LINE = 5.2  # mm, for 10 pt text


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
        self.set_font(FONT, size=10)
        font = self.fonts[FONT.lower()]
        assert isinstance(font, TTFFont)
        self.covered = frozenset(font.cmap)
        """The code points the embedded font can print."""

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, size=8)
        self.set_text_color(110)
        self.cell(0, 5, self.printable(f"{self.minutes_title} · minutes · page {self.page_no()} of {{nb}}", count=False), align="C")
        self.set_text_color(0)

    def printable(self, value: str | None, *, count: bool = True) -> str:
        """Typed text as this PDF can print it: cleaned, and a □ for what the font cannot show
        (counted, unless `count` is off: the footer repeats the title on every page)."""
        out = []
        for char in clean(value or ""):
            if ord(char) in self.covered or char == "\n":
                out.append(char)
            else:
                out.append(MISSING)
                self.replaced += count
        return "".join(out)

    def heading(self, text: str, size: int = 13) -> None:
        self.ln(2)
        self.set_font(FONT, "B", size)
        self.multi_cell(0, size * 0.5, self.printable(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(FONT, size=10)
        self.ln(1)

    def para(self, text: str, *, bold: bool = False, muted: bool = False) -> None:
        self.set_font(FONT, "B" if bold else "", 10)
        if muted:
            self.set_text_color(90)
        self.multi_cell(0, LINE, self.printable(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(0)
        self.set_font(FONT, size=10)

    def bullets(self, lines: list[str]) -> None:
        for line in lines:
            self.set_x(self.l_margin + 2)
            self.cell(4, LINE, "•")
            self.multi_cell(self.epw - 6, LINE, self.printable(line), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if lines:
            self.ln(1)

    def grid(self, head: list[str], rows: list[list[str]], widths: tuple[float, ...]) -> None:
        self.set_font(FONT, size=9)
        with self.table(col_widths=widths, text_align="LEFT", line_height=4.6, padding=1.2) as table:
            for cells in [head, *rows]:
                row = table.row()
                for value in cells:
                    row.cell(self.printable(value))
        self.set_font(FONT, size=10)
        self.ln(2)


def _decision(pdf: _Pdf, decision: MinutesDecision) -> None:
    pdf.para(f"Decision: {decision.text} — {decision.outcome or 'no outcome recorded'}", bold=True)
    pdf.bullets(decision_facts(decision))


def _action(action: MinutesAction) -> str:
    status = f" ({action.status})" if action.status != "open" else ""
    return f"{action.text} — {action.owner or NO_OWNER}, {due(action) or NO_DUE}{status}"


def render_pdf(minutes: Minutes) -> bytes:
    pdf = _Pdf(minutes.title)
    pdf.set_title(pdf.printable(f"{minutes.title} — minutes"))
    pdf.set_creator("Facilitator")
    if minutes.ended_at or minutes.started_at:
        pdf.set_creation_date(minutes.ended_at or minutes.started_at)
    pdf.add_page()
    pdf.heading(minutes.title, size=18)
    for label, value in header_facts(minutes):
        pdf.para(f"{label}: {value}")

    pdf.heading("Attendance")
    rows = [
        [r.person.name, r.person.organisation, r.person.sector, attendance_status(r)] for r in minutes.attendance
    ]
    rows += [[p.name, p.organisation, p.sector, "absent"] for p in minutes.absent]
    rows += [[p.name, p.organisation, p.sector, "not marked"] for p in minutes.unmarked]
    if rows:
        pdf.grid(["Name", "Organisation", "Sector", "Attendance"], rows, (3, 3, 2.4, 2))
    else:
        pdf.para(NO_ATTENDANCE, muted=True)

    if minutes.ground_rules:
        pdf.heading("Ground rules")
        pdf.bullets(minutes.ground_rules)

    pdf.heading("Agenda: planned and actual")
    pdf.grid(
        ["#", "Item", "Planned", "Actual", "Changes"],
        [[str(i.position), i.title, planned(i), actual(i), changes(i)] for i in minutes.items],
        (0.6, 4, 1.6, 1.6, 3),
    )

    for item in minutes.items:
        pdf.heading(f"{item.position}. {item.title}", size=12)
        pdf.para(timing(item), muted=True)
        empty = True
        if item.notes:
            pdf.bullets([note_line(n) for n in item.notes])
            empty = False
        if item.checkins:
            pdf.para("Check-in:")
            pdf.bullets([f"{c.name}: {checkin_said(c)}" for c in item.checkins])
            empty = False
        if item.ideas:
            pdf.para("Ideas:")
            pdf.bullets([i.text for i in item.ideas])
            empty = False
        for theme in item.themes:
            pdf.para(f"{theme.name} ({dots(theme.dots)})", bold=True)
            pdf.bullets([idea_line(i) for i in theme.ideas])
            empty = False
        for decision in item.decisions:
            _decision(pdf, decision)
            empty = False
        ev = item.evaluation
        if ev and (ev.responses or ev.went_well or ev.to_change):
            pdf.para(f"Ratings (1–5, {ev.responses} responses):")
            pdf.bullets([f"{q}: {'–' if a is None else f'{a:.1f}'}" for q, a in zip(ev.questions, ev.averages, strict=True)])
            if ev.went_well:
                pdf.para("Went well:")
                pdf.bullets(ev.went_well)
            if ev.to_change:
                pdf.para("To change:")
                pdf.bullets(ev.to_change)
            empty = False
        if item.actions:
            pdf.para("Next steps:")
            pdf.bullets([_action(a) for a in item.actions])
            empty = False
        if item.drafts:
            pdf.para("Drafted:")
            pdf.bullets([draft_line(d) for d in item.drafts])
            empty = False
        if empty:
            pdf.para("Nothing recorded.", muted=True)

    if minutes.documents:
        pdf.heading("Workshop documents")
        for document in minutes.documents:
            pdf.heading(document_heading(document), size=11)
            pdf.para(document.status, muted=True)
            pdf.bullets([f"{p.part}: {p.text}" for p in document.parts])
    if minutes.reviews:
        pdf.heading("From earlier meetings")
        pdf.bullets([review_line(r) for r in minutes.reviews])
    if minutes.decisions:
        pdf.heading("Decisions")
        pdf.bullets([
            f"{d.text} — {d.outcome or 'no outcome recorded'}" + (f" ({tally(d)})" if tally(d) else "") for d in minutes.decisions
        ])
    if minutes.actions:
        pdf.heading("Next steps")
        pdf.grid(
            ["Action", "Owner", "Due"],
            [
                [
                    a.text + (f" ({a.status})" if a.status != "open" else ""),
                    (a.owner + (f" ({a.organisation})" if a.organisation else "")) if a.owner else NO_OWNER,
                    a.due.isoformat() if a.due else NO_DUE,
                ]
                for a in minutes.actions
            ],
            (5, 3, 1.6),
        )

    p = minutes.participation
    pdf.heading("Participation")
    if p.people:
        pdf.grid(
            ["Who", "Turns", "Minutes"],
            [[r.name + (f" ({r.detail})" if r.detail else ""), str(r.turns), f"{r.minutes:g}"] for r in p.people],
            (6, 1, 1),
        )
        for label, groups in (("By organisation", p.organisations), ("By sector", p.sectors)):
            pdf.para(f"{label}: " + "; ".join(f"{g.name} {g.minutes:g} min" for g in groups))
        pdf.para(f"Balance: {balance(p)}")
        if community_share(p):
            pdf.para(str(community_share(p)))
    else:
        pdf.para(NO_SPEAKING, muted=True)
    if p.not_heard:
        pdf.para("Not heard: " + ", ".join(p.not_heard))
    for label, names in sectors(p):
        pdf.para(f"{label}: {names}")
    if minutes.parking_lot:
        pdf.heading("Parking lot")
        pdf.bullets([n.text for n in minutes.parking_lot])
    if pdf.replaced:
        pdf.ln(3)
        pdf.para(
            f"{pdf.replaced} character{'s' if pdf.replaced != 1 else ''} this PDF's font cannot print "
            f"{'are' if pdf.replaced != 1 else 'is'} shown as {MISSING}; the HTML and DOCX minutes keep them.",
            muted=True,
        )
    return bytes(pdf.output())
