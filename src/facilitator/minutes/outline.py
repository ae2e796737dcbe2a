"""The minutes as one outline: headings, facts, paragraphs, lists, tables and decisions, in the
order they are read, built once from the minutes model. Markdown, HTML, Word and PDF only lay
it out, so a fact cannot read differently in two formats; the pictures HTML draws (planned
against actual time, speaking time) carry figures the tables beside them also give.

Every text in it is literal: what people typed and our own words alike. A renderer escapes it
for its format and styles a span by its `style`. An outline is plain data (msgspec), stored as
it was when minutes are approved, and rendered again from that snapshot byte for byte.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

import msgspec

from facilitator.minutes.model import Minutes, MinutesAction, MinutesDecision, MinutesItem
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
    timing,
)
from facilitator.words import plural, tally

OUTLINE_VERSION = 1

Style = Literal["", "bold", "italic", "flag"]


class Span(msgspec.Struct, frozen=True, array_like=True):
    text: str
    style: Style = ""
    """bold (a label, a theme), italic, or flag (what is missing: no owner, no due date)."""


Line = list[Span]


def plain(text: str) -> Line:
    return [Span(text)]


class Heading(msgspec.Struct, frozen=True, tag="heading"):
    level: int
    """1 the title, 2 a section, 3 an agenda item or a document."""
    text: str


class Facts(msgspec.Struct, frozen=True, tag="facts"):
    """The opening lines: (label, what)."""

    rows: list[tuple[str, str]]


class Paragraph(msgspec.Struct, frozen=True, tag="paragraph"):
    line: Line
    muted: bool = False
    """A line about the text rather than of it (an item's timing, a document's status)."""


class Bullets(msgspec.Struct, frozen=True, tag="bullets"):
    items: list[Line]


class Table(msgspec.Struct, frozen=True, tag="table"):
    head: list[str]
    rows: list[list[Line]]
    widths: list[float]
    """Each column's share of the width, for formats that lay out pages (PDF)."""


class Decision(msgspec.Struct, frozen=True, tag="decision"):
    """A decision: the proposal and outcome, then its facts (method, tally, quorum...)."""

    head: Line
    facts: list[str]


class Timeline(msgspec.Struct, frozen=True, tag="timeline"):
    """Planned against actual minutes per item: (label, planned, actual, what to write for actual)."""

    rows: list[tuple[str, float, float, str]]


class Airtime(msgspec.Struct, frozen=True, tag="airtime"):
    """Speaking minutes as bars: (name, minutes, turns)."""

    title: str
    rows: list[tuple[str, float, int]]


Block = Heading | Facts | Paragraph | Bullets | Table | Decision | Timeline | Airtime


class Outline(msgspec.Struct, frozen=True):
    title: str
    blocks: list[Block]
    dated: datetime | None = None
    """The meeting's end (or start): the date DOCX and PDF files carry, so the same outline gives the same bytes."""
    version: int = OUTLINE_VERSION


def encode(outline: Outline) -> bytes:
    return msgspec.json.encode(outline)


def decode(data: bytes | str) -> Outline:
    return msgspec.json.decode(data, type=Outline)


def outline(minutes: Minutes) -> Outline:
    """Everything the minutes say, in reading order."""
    blocks: list[Block] = [Heading(1, minutes.title), Facts(header_facts(minutes))]
    blocks += _attendance(minutes)
    if minutes.ground_rules:
        blocks += [Heading(2, "Ground rules"), Bullets([plain(rule) for rule in minutes.ground_rules])]
    blocks += _agenda(minutes)
    for item in minutes.items:
        blocks += _item(item)
    if minutes.documents:
        blocks.append(Heading(2, "Workshop documents"))
        for document in minutes.documents:
            blocks += [Heading(3, document_heading(document)), Paragraph(plain(document.status), muted=True)]
            if document.parts:
                blocks.append(Bullets([[Span(f"{part.part}:", "bold"), Span(f" {part.text}")] for part in document.parts]))
            for adopted in document.versions:
                blocks += [
                    Paragraph([Span(f"Version {adopted.number}", "bold"), Span(f", {adopted.adopted}")]),
                    Bullets([[Span(f"{part.part}:", "bold"), Span(f" {part.text}")] for part in adopted.parts]),
                ]
    if minutes.reviews:
        blocks += [Heading(2, "From earlier meetings"), Bullets([plain(review_line(r)) for r in minutes.reviews])]
    if minutes.decisions:
        blocks += [Heading(2, "Decisions"), Bullets([plain(_decision_summary(d)) for d in minutes.decisions])]
    if minutes.actions:
        rows = [[_with_status(a), _owner(a, with_organisation=True), _due_cell(a)] for a in minutes.actions]
        blocks += [Heading(2, "Next steps"), Table(["Action", "Owner", "Due"], rows, [5, 3, 1.6])]
    blocks += _participation(minutes)
    if minutes.parking_lot:
        blocks += [Heading(2, "Parking lot"), Bullets([plain(note.text) for note in minutes.parking_lot])]
    return Outline(minutes.title, blocks, minutes.ended_at or minutes.started_at)


def _attendance(minutes: Minutes) -> list[Block]:
    rows = [[r.person.name, r.person.organisation, r.person.sector, attendance_status(r)] for r in minutes.attendance]
    rows += [[p.name, p.organisation, p.sector, "absent"] for p in minutes.absent]
    rows += [[p.name, p.organisation, p.sector, "not marked"] for p in minutes.unmarked]
    if not rows:
        return [Heading(2, "Attendance"), Paragraph(plain(NO_ATTENDANCE), muted=True)]
    return [Heading(2, "Attendance"), Table(["Name", "Organisation", "Sector", "Attendance"], _cells(rows), [3, 3, 2.4, 2])]


def _agenda(minutes: Minutes) -> list[Block]:
    timeline = [(f"{i.position}. {i.title}", float(i.plan_minutes), i.actual_minutes, _actual_said(i)) for i in minutes.items]
    rows = [[str(i.position), i.title, planned(i), actual(i), changes(i)] for i in minutes.items]
    return [
        Heading(2, "Agenda: planned and actual"),
        Timeline(timeline),
        Table(["#", "Item", "Planned", "Actual", "Changes"], _cells(rows), [0.6, 4, 1.6, 1.6, 3]),
    ]


def _actual_said(item: MinutesItem) -> str:
    ran = actual(item)
    return ran if ran in ("skipped", "not reached") else f"actual {item.actual_minutes:g}"


def _item(item: MinutesItem) -> list[Block]:
    found: list[Block] = []
    if item.notes:
        found.append(Bullets([plain(note_line(n)) for n in item.notes]))
    if item.checkins:
        found += [Paragraph(plain("Check-in:")), Bullets([plain(f"{c.name}: {checkin_said(c)}") for c in item.checkins])]
    if item.ideas:
        found += [Paragraph(plain("Ideas:")), Bullets([plain(i.text) for i in item.ideas])]
    for theme in item.themes:
        heading = Paragraph([Span(theme.name, "bold"), Span(f" ({dots(theme.dots)})")])
        found += [heading, Bullets([plain(idea_line(i)) for i in theme.ideas])]
    found += [_decision(d) for d in item.decisions]
    evaluation = item.evaluation
    if evaluation and (evaluation.responses or evaluation.went_well or evaluation.to_change):
        found += [
            Paragraph(plain(f"Ratings (1–5, {plural(evaluation.responses, 'response')}):")),
            Bullets([plain(f"{q}: {_average(a)}") for q, a in zip(evaluation.questions, evaluation.averages, strict=True)]),
        ]
        if evaluation.went_well:
            found += [Paragraph(plain("Went well:")), Bullets([plain(t) for t in evaluation.went_well])]
        if evaluation.to_change:
            found += [Paragraph(plain("To change:")), Bullets([plain(t) for t in evaluation.to_change])]
    if item.actions:
        found += [Paragraph(plain("Next steps:")), Bullets([_action_line(a) for a in item.actions])]
    if item.drafts:
        found += [Paragraph(plain("Drafted:")), Bullets([plain(draft_line(d)) for d in item.drafts])]
    if not found:
        found.append(Paragraph(plain("Nothing recorded."), muted=True))
    return [Heading(3, f"{item.position}. {item.title}"), Paragraph(plain(timing(item)), muted=True), *found]


def _average(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def _decision(decision: MinutesDecision) -> Decision:
    head = [Span("Decision:", "bold"), Span(f" {decision.text} — "), Span(decision.outcome or "no outcome recorded", "bold")]
    return Decision(head, decision_facts(decision))


def _decision_summary(decision: MinutesDecision) -> str:
    counted = tally(decision)
    return f"{decision.text} — {decision.outcome or 'no outcome recorded'}" + (f" ({counted})" if counted else "")


def _owner(action: MinutesAction, *, with_organisation: bool = False) -> Line:
    if not action.owner:
        return [Span(NO_OWNER, "flag")]
    return plain(action.owner + (f" ({action.organisation})" if with_organisation and action.organisation else ""))


def _due_cell(action: MinutesAction) -> Line:
    return plain(action.due.isoformat()) if action.due else [Span(NO_DUE, "flag")]


def _status(action: MinutesAction) -> str:
    return f" ({action.status})" if action.status != "open" else ""


def _with_status(action: MinutesAction) -> Line:
    return plain(action.text + _status(action))


def _action_line(action: MinutesAction) -> Line:
    when = due(action)
    return [
        Span(f"{action.text} — "), *_owner(action), Span(", "),
        Span(when) if when else Span(NO_DUE, "flag"), *([Span(_status(action))] if _status(action) else []),
    ]


def _participation(minutes: Minutes) -> list[Block]:
    p = minutes.participation
    found: list[Block] = [Heading(2, "Participation")]
    if p.people:
        found += [
            Airtime("Speaking time by person", [(r.name, r.minutes, r.turns) for r in p.people]),
            Airtime("Speaking time by sector", [(r.name, r.minutes, r.turns) for r in p.sectors]),
            Table(
                ["Who", "Turns", "Minutes"],
                _cells([[r.name + (f" ({r.detail})" if r.detail else ""), str(r.turns), f"{r.minutes:g}"] for r in p.people]),
                [6, 1, 1],
            ),
        ]
        for label, groups in (("By organisation", p.organisations), ("By sector", p.sectors)):
            found.append(Paragraph(plain(f"{label}: " + "; ".join(f"{g.name} {g.minutes:g} min" for g in groups))))
        found.append(Paragraph(plain(f"Balance: {balance(p)}")))
        share = community_share(p)
        if share:
            found.append(Paragraph(plain(share)))
    else:
        found.append(Paragraph(plain(NO_SPEAKING), muted=True))
    if p.not_heard:
        found.append(Paragraph(plain("Not heard: " + ", ".join(p.not_heard))))
    found += [Paragraph(plain(f"{label}: {names}")) for label, names in sectors(p)]
    return found


def _cells(rows: list[list[str]]) -> list[list[Line]]:
    return [[plain(cell) for cell in row] for row in rows]
