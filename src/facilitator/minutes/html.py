"""Minutes as one self-contained HTML page: inline CSS, two inline SVG pictures, no requests.

A pure function of the minutes model. Every typed text goes through `text()`, which
escapes HTML and replaces what no document should carry (control characters, lone
surrogates), so no element can come from content.
"""

from __future__ import annotations

import html

from facilitator.minutes.model import Minutes, MinutesAction, MinutesAirtime, MinutesDecision
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
from facilitator.text import clean

CSS = """
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1b1b; margin: 0; }
main { max-width: 860px; margin: 0 auto; padding: 24px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 28px 0 8px; border-bottom: 2px solid #d8dde6; padding-bottom: 2px; }
h3 { font-size: 16px; margin: 18px 0 4px; }
.facts { color: #444; margin: 0 0 8px; }
.meta { color: #555; font-style: italic; margin: 0 0 6px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; }
th, td { border: 1px solid #c9d0da; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #eef1f5; }
.flag { font-weight: bold; }
.decision { border-left: 4px solid #2f6f4e; padding: 2px 10px; margin: 8px 0; }
figure { margin: 8px 0 12px; }
figcaption { color: #555; font-size: 13px; }
svg text { font: 12px system-ui, sans-serif; fill: #1b1b1b; }
@media print { main { padding: 0; } h2 { break-after: avoid; } figure, table, .decision { break-inside: avoid; } }
"""


FLAG_NO_OWNER = f'<span class="flag">{NO_OWNER}</span>'
FLAG_NO_DUE = f'<span class="flag">{NO_DUE}</span>'


def text(value: str | None) -> str:
    """Typed text made literal for HTML."""
    return html.escape(clean(value or ""), quote=True)


def _list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>" if items else ""


def _table(head: list[str], rows: list[list[str]]) -> str:
    header = "".join(f"<th>{h}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{header}</tr></thead><tbody>{body}</tbody></table>"


def _minutes(value: float | None) -> str:
    return "–" if value is None else f"{value:g} min"


def timeline_svg(minutes: Minutes) -> str:
    """Planned and actual minutes per item as paired bars, each labelled with its number."""
    items = minutes.items
    longest = max([1.0] + [float(i.plan_minutes) for i in items] + [i.actual_minutes for i in items])
    label_w, bar_w, row_h = 230, 470, 34
    height = 24 + row_h * len(items)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{label_w + bar_w + 90}" height="{height}" '
        f'viewBox="0 0 {label_w + bar_w + 90} {height}"><title>Planned and actual minutes per agenda item</title>',
        f'<text x="{label_w}" y="14">light bar: planned · dark bar: actual (minutes)</text>',
    ]
    for row, item in enumerate(items):
        y = 24 + row * row_h
        name = f"{item.position}. {item.title}"
        short = name if len(name) <= 34 else name[:33] + "…"
        parts.append(f'<text x="0" y="{y + 17}">{text(short)}</text>')
        for offset, value, fill, word in ((0, item.plan_minutes, "#b9c7dc", "planned"), (14, item.actual_minutes, "#2b4f81", "actual")):
            width = max(1.0, bar_w * value / longest) if value else 0
            parts.append(f'<rect x="{label_w}" y="{y + offset}" width="{width:.1f}" height="11" fill="{fill}"/>')
            shown = actual(item) if word == "actual" and actual(item) in ("skipped", "not reached") else f"{word} {value:g}"
            parts.append(f'<text x="{label_w + width + 6:.1f}" y="{y + offset + 10}">{shown}</text>')
    parts.append("</svg>")
    return "".join(parts)


def airtime_svg(rows: list[MinutesAirtime], title: str) -> str:
    """Horizontal bars of speaking minutes, each with its name and figure written out."""
    longest = max([0.1] + [r.minutes for r in rows])
    label_w, bar_w, row_h = 230, 430, 20
    height = 8 + row_h * len(rows)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{label_w + bar_w + 110}" height="{height}" '
        f'viewBox="0 0 {label_w + bar_w + 110} {height}"><title>{text(title)}</title>'
    ]
    for row, entry in enumerate(rows):
        y = 4 + row * row_h
        name = entry.name if len(entry.name) <= 34 else entry.name[:33] + "…"
        width = max(1.0, bar_w * entry.minutes / longest)
        parts.append(f'<text x="0" y="{y + 12}">{text(name)}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 2}" width="{width:.1f}" height="12" fill="#2f6f4e"/>')
        figure = f'{entry.minutes:g} min, {entry.turns} turn{"" if entry.turns == 1 else "s"}'
        parts.append(f'<text x="{label_w + width + 6:.1f}" y="{y + 12}">{figure}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _status(action: MinutesAction) -> str:
    return f" ({text(action.status)})" if action.status != "open" else ""


def _decision(decision: MinutesDecision) -> str:
    head = f"<p><strong>Decision:</strong> {text(decision.text)} — <strong>{text(decision.outcome or 'no outcome recorded')}</strong></p>"
    return f'<div class="decision">{head}{_list([text(fact) for fact in decision_facts(decision)])}</div>'


def render_html(minutes: Minutes) -> str:
    out = [
        '<!doctype html><html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{text(minutes.title)} — minutes</title><style>{CSS}</style></head><body><main>",
        f"<h1>{text(minutes.title)}</h1>",
    ]
    facts = [f"{text(label)}: {text(value)}" for label, value in header_facts(minutes)]
    out.append(f'<p class="facts">{"<br>".join(facts)}</p>')

    out.append("<h2>Attendance</h2>")
    rows = []
    for record in minutes.attendance:
        person = record.person
        rows.append([text(person.name), text(person.organisation), text(person.sector), text(attendance_status(record))])
    rows += [[text(p.name), text(p.organisation), text(p.sector), "absent"] for p in minutes.absent]
    rows += [[text(p.name), text(p.organisation), text(p.sector), "not marked"] for p in minutes.unmarked]
    out.append(_table(["Name", "Organisation", "Sector", "Attendance"], rows) if rows else f"<p>{NO_ATTENDANCE}</p>")

    if minutes.ground_rules:
        out.append("<h2>Ground rules</h2>" + _list([text(rule) for rule in minutes.ground_rules]))

    out.append("<h2>Agenda: planned and actual</h2>")
    out.append(f"<figure>{timeline_svg(minutes)}<figcaption>Planned against actual minutes for each item.</figcaption></figure>")
    out.append(_table(
        ["#", "Item", "Planned", "Actual", "Changes"],
        [
            [str(i.position), text(i.title), planned(i), actual(i), text(changes(i))]
            for i in minutes.items
        ],
    ))

    for item in minutes.items:
        out.append(f"<h3>{item.position}. {text(item.title)}</h3>")
        out.append(f'<p class="meta">{text(timing(item))}</p>')
        out.append(_list([text(note_line(n)) for n in item.notes]))
        if item.checkins:
            out.append("<p>Check-in:</p>" + _list([
                f"{text(c.name)}: {text(checkin_said(c))}" for c in item.checkins
            ]))
        if item.ideas:
            out.append("<p>Ideas:</p>" + _list([text(i.text) for i in item.ideas]))
        for theme in item.themes:
            out.append(f"<p><strong>{text(theme.name)}</strong> ({dots(theme.dots)})</p>")
            out.append(_list([text(idea_line(i)) for i in theme.ideas]))
        out += [_decision(d) for d in item.decisions]
        if item.actions:
            out.append("<p>Next steps:</p>" + _list([
                f"{text(a.text)} — {text(a.owner) if a.owner else FLAG_NO_OWNER}, {due(a) or FLAG_NO_DUE}" + _status(a)
                for a in item.actions
            ]))
        if item.drafts:
            out.append("<p>Drafted:</p>" + _list([text(draft_line(d)) for d in item.drafts]))
        if item.evaluation and item.evaluation.responses:
            ev = item.evaluation
            out.append(_table(["Rated 1–5", f"Average of {ev.responses}"], [
                [text(q), "–" if a is None else f"{a:.1f}"] for q, a in zip(ev.questions, ev.averages, strict=True)
            ]))
        if item.evaluation and item.evaluation.went_well:
            out.append("<p>Went well:</p>" + _list([text(t) for t in item.evaluation.went_well]))
        if item.evaluation and item.evaluation.to_change:
            out.append("<p>To change:</p>" + _list([text(t) for t in item.evaluation.to_change]))

    if minutes.documents:
        out.append("<h2>Workshop documents</h2>")
        for document in minutes.documents:
            out.append(f"<h3>{text(document_heading(document))}</h3><p class=\"meta\">{text(document.status)}</p>")
            out.append(_list([f"<strong>{text(p.part)}:</strong> {text(p.text)}" for p in document.parts]))
    if minutes.reviews:
        out.append("<h2>From earlier meetings</h2>" + _list([
            text(review_line(r)) for r in minutes.reviews
        ]))
    if minutes.decisions:
        out.append("<h2>Decisions</h2>" + "".join(_decision(d) for d in minutes.decisions))
    if minutes.actions:
        out.append("<h2>Next steps</h2>" + _table(["Action", "Owner", "Due"], [
            [
                text(a.text) + _status(a),
                (text(a.owner) + (f" ({text(a.organisation)})" if a.organisation else "")) if a.owner else FLAG_NO_OWNER,
                a.due.isoformat() if a.due else FLAG_NO_DUE,
            ]
            for a in minutes.actions
        ]))

    p = minutes.participation
    out.append("<h2>Participation</h2>")
    if p.people:
        out.append(f"<figure>{airtime_svg(p.people, 'Speaking time by person')}<figcaption>Speaking time by person.</figcaption></figure>")
        out.append(f"<figure>{airtime_svg(p.sectors, 'Speaking time by sector')}<figcaption>Speaking time by sector.</figcaption></figure>")
        out.append(f"<p>{text(balance(p))}</p>")
        if community_share(p):
            out.append(f"<p>{community_share(p)}</p>")
    else:
        out.append(f"<p>{NO_SPEAKING}</p>")
    if p.not_heard:
        out.append(f"<p>Not heard: {text(', '.join(p.not_heard))}</p>")
    out += [f"<p>{text(label)}: {text(names)}</p>" for label, names in sectors(p)]
    if minutes.parking_lot:
        out.append("<h2>Parking lot</h2>" + _list([text(n.text) for n in minutes.parking_lot]))
    out.append("</main></body></html>\n")
    return "".join(out)
