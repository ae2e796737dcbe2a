"""Minutes as a Word document with real headings, tables and lists, editable in Word and LibreOffice."""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocumentObject
from docx.shared import Pt

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
    draft_line,
    due,
    header_facts,
    idea_line,
    note_line,
    planned,
    review_line,
    sectors,
    theme_heading,
    timing,
)
from facilitator.text import clean


def _bullets(doc: DocumentObject, lines: list[str]) -> None:
    # Looking a style up by name costs python-docx ~1.7 ms a paragraph (4.5 s for a big
    # meeting); setting the style id on the paragraph's XML directly costs almost nothing.
    style_id = doc.styles["List Bullet"].style_id
    for line in lines:
        doc.add_paragraph(clean(line))._p.style = style_id


def _table(doc: DocumentObject, head: list[str], rows: list[list[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(head))
    table.style = "Table Grid"
    for cell, title in zip(table.rows[0].cells, head, strict=True):
        cell.text = title
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = clean(value)


def _status(action: MinutesAction) -> str:
    """Flagged words are capitals in Word (a bullet is one run): an open action says nothing more."""
    return f" ({action.status})" if action.status != "open" else ""


def _decision(doc: DocumentObject, decision: MinutesDecision) -> None:
    para = doc.add_paragraph()
    para.add_run("Decision: ").bold = True
    para.add_run(clean(decision.text) + " — ")
    para.add_run(decision.outcome or "no outcome recorded").bold = True
    _bullets(doc, decision_facts(decision))


def render_docx(minutes: Minutes) -> bytes:
    doc = Document()
    doc.styles["Normal"].font.size = Pt(11)
    doc.add_heading(clean(minutes.title), level=0)
    for label, value in header_facts(minutes):
        doc.add_paragraph(clean(f"{label}: {value}"))

    doc.add_heading("Attendance", level=1)
    rows = []
    for record in minutes.attendance:
        rows.append([record.person.name, record.person.organisation, record.person.sector, attendance_status(record)])
    rows += [[p.name, p.organisation, p.sector, "absent"] for p in minutes.absent]
    rows += [[p.name, p.organisation, p.sector, "not marked"] for p in minutes.unmarked]
    if rows:
        _table(doc, ["Name", "Organisation", "Sector", "Attendance"], rows)
    else:
        doc.add_paragraph(NO_ATTENDANCE)

    if minutes.ground_rules:
        doc.add_heading("Ground rules", level=1)
        _bullets(doc, minutes.ground_rules)

    doc.add_heading("Agenda: planned and actual", level=1)
    _table(doc, ["#", "Item", "Planned", "Actual", "Changes"], [
        [str(i.position), i.title, planned(i), actual(i), changes(i)]
        for i in minutes.items
    ])
    for item in minutes.items:
        doc.add_heading(clean(f"{item.position}. {item.title}"), level=2)
        doc.add_paragraph(clean(timing(item))).runs[0].italic = True
        _bullets(doc, [note_line(n) for n in item.notes])
        if item.checkins:
            doc.add_paragraph("Check-in:")
            _bullets(doc, [f"{c.name}: {checkin_said(c)}" for c in item.checkins])
        if item.ideas:
            doc.add_paragraph("Ideas:")
            _bullets(doc, [i.text for i in item.ideas])
        for theme in item.themes:
            doc.add_paragraph().add_run(clean(theme_heading(theme))).bold = True
            _bullets(doc, [idea_line(i) for i in theme.ideas])
        for decision in item.decisions:
            _decision(doc, decision)
        if item.actions:
            doc.add_paragraph("Next steps:")
            _bullets(doc, [
                f"{a.text} — {a.owner or NO_OWNER.upper()}, {due(a) or NO_DUE.upper()}{_status(a)}"
                for a in item.actions
            ])
        if item.drafts:
            doc.add_paragraph("Drafted:")
            _bullets(doc, [draft_line(d) for d in item.drafts])
        if item.evaluation and item.evaluation.responses:
            ev = item.evaluation
            _table(doc, ["Rated 1–5", f"Average of {ev.responses}"], [
                [q, "–" if a is None else f"{a:.1f}"] for q, a in zip(ev.questions, ev.averages, strict=True)
            ])
        if item.evaluation and item.evaluation.went_well:
            doc.add_paragraph("Went well:")
            _bullets(doc, item.evaluation.went_well)
        if item.evaluation and item.evaluation.to_change:
            doc.add_paragraph("To change:")
            _bullets(doc, item.evaluation.to_change)

    if minutes.documents:
        doc.add_heading("Workshop documents", level=1)
        for document in minutes.documents:
            doc.add_heading(clean(document_heading(document)), level=2)
            doc.add_paragraph(clean(document.status)).runs[0].italic = True
            _bullets(doc, [f"{p.part}: {p.text}" for p in document.parts])
    if minutes.reviews:
        doc.add_heading("From earlier meetings", level=1)
        _bullets(doc, [review_line(r) for r in minutes.reviews])
    if minutes.decisions:
        doc.add_heading("Decisions", level=1)
        for decision in minutes.decisions:
            _decision(doc, decision)
    if minutes.actions:
        doc.add_heading("Next steps", level=1)
        _table(doc, ["Action", "Owner", "Due"], [
            [
                a.text + _status(a), (a.owner or NO_OWNER.upper()) + (f" ({a.organisation})" if a.organisation else ""),
                a.due.isoformat() if a.due else NO_DUE.upper(),
            ]
            for a in minutes.actions
        ])
    p = minutes.participation
    doc.add_heading("Participation", level=1)
    if p.people:
        _table(doc, ["Who", "Turns", "Minutes"], [
            [f"{r.name} ({r.detail})" if r.detail else r.name, str(r.turns), f"{r.minutes:g}"] for r in p.people
        ])
        doc.add_paragraph(clean(balance(p)))
        if community_share(p):
            doc.add_paragraph(str(community_share(p)))
    else:
        doc.add_paragraph(NO_SPEAKING)
    if p.not_heard:
        doc.add_paragraph(clean("Not heard: " + ", ".join(p.not_heard)))
    for label, names in sectors(p):
        doc.add_paragraph(clean(f"{label}: {names}"))
    if minutes.parking_lot:
        doc.add_heading("Parking lot", level=1)
        _bullets(doc, [n.text for n in minutes.parking_lot])
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
