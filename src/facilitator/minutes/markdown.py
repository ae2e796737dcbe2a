"""Minutes as Markdown: a pure function of the minutes model, every typed text escaped."""

from __future__ import annotations

import re

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

# Characters that start Markdown structure anywhere in a line, and at its start.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~!])")
_MD_LINE_START = re.compile(r"^(\s*)([#+\-=>]|\d+[.)])")


def md_escape(text: str) -> str:
    """Make typed text literal in Markdown: no heading, list, table, link or HTML can come from it,
    and no character a document may not hold (a terminal escape, a vertical tab). Only a line
    break typed or pasted breaks the line."""
    lines = []
    for line in clean(text.replace("\r\n", "\n").replace("\r", "\n")).split("\n"):
        line = _MD_INLINE.sub(r"\\\1", line)
        line = _MD_LINE_START.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], line)
        lines.append(line)
    return "  \n  ".join(lines)


def md_cell(text: str) -> str:
    """Typed text made literal in a Markdown table cell: inline structure escaped, line breaks as
    spaces (a cell is never at the start of a line, so `1.` and `-` need no escape there)."""
    return _MD_INLINE.sub(r"\\\1", clean(" ".join(text.splitlines())))


def _decision_lines(decision: MinutesDecision) -> list[str]:
    head = f"**Decision:** {md_escape(decision.text)} — **{decision.outcome or 'no outcome recorded'}**"
    facts = [f"- {md_escape(fact)}" for fact in decision_facts(decision)]
    return [head, ""] + (facts + [""] if facts else [])


def _action_line(action: MinutesAction) -> str:
    owner = md_escape(action.owner) if action.owner else f"**{NO_OWNER}**"
    return f"{md_escape(action.text)} — {owner}, {due(action) or f'**{NO_DUE}**'}" + _status(action)


def _status(action: MinutesAction) -> str:
    return f" ({action.status})" if action.status != "open" else ""


def _participation(minutes: Minutes) -> list[str]:
    p = minutes.participation
    out = ["## Participation", ""]
    if p.people:
        out += ["| Who | Turns | Minutes |", "|---|---|---|"]
        for row in p.people:
            who = md_escape(row.name) + (f" ({md_escape(row.detail)})" if row.detail else "")
            out.append(f"| {who} | {row.turns} | {row.minutes:g} |")
        out.append("")
        for label, groups in (("By organisation", p.organisations), ("By sector", p.sectors)):
            out.append(f"{label}: " + "; ".join(f"{md_escape(g.name)} {g.minutes:g} min" for g in groups))
            out.append("")
        out.append(f"Balance: {md_escape(balance(p))}")
        if community_share(p):
            out.append(str(community_share(p)))
        out.append("")
    else:
        out += [f"_{NO_SPEAKING}_", ""]
    if p.not_heard:
        out += ["Not heard: " + ", ".join(md_escape(name) for name in p.not_heard), ""]
    out.append("  \n".join(f"{label}: {md_escape(names)}" for label, names in sectors(p)))
    return out + [""]


def render_markdown(minutes: Minutes) -> str:
    """The minutes as Markdown, every typed text escaped."""
    out = [f"# {md_escape(minutes.title)}", ""]
    out += [f"- **{label}:** {md_escape(value)}" for label, value in header_facts(minutes)]
    out.append("")

    out += ["## Attendance", ""]
    for record in minutes.attendance:
        person = record.person
        details = ", ".join(md_escape(part) for part in (person.organisation, person.sector) if part)
        out.append(f"- {md_escape(person.name)}" + (f" ({details})" if details else "") + f": {attendance_status(record)}")
    if minutes.absent:
        out.append("- Absent: " + ", ".join(md_escape(p.name) for p in minutes.absent))
    if minutes.unmarked:
        out.append("- Not marked: " + ", ".join(md_escape(p.name) for p in minutes.unmarked))
    if not minutes.attendance and not minutes.absent and not minutes.unmarked:
        out.append(f"_{NO_ATTENDANCE}_")
    out.append("")

    if minutes.ground_rules:
        out += ["## Ground rules", ""] + [f"- {md_escape(rule)}" for rule in minutes.ground_rules] + [""]

    out += ["## Agenda", "", "| # | Item | Planned | Actual | Changes |", "|---|---|---|---|---|"]
    for item in minutes.items:
        out.append(f"| {item.position} | {md_escape(item.title)} | {planned(item)} | {actual(item)} | {md_escape(changes(item))} |")
    out.append("")

    for item in minutes.items:
        out += [f"## {item.position}. {md_escape(item.title)}", ""]
        out += [f"_{timing(item)}_", ""]
        empty = True
        if item.notes:
            out += [f"- {md_escape(note_line(note))}" for note in item.notes] + [""]
            empty = False
        if item.checkins:
            out += ["Check-in:", ""]
            for c in item.checkins:
                out.append(f"- {md_escape(c.name)}: {md_escape(checkin_said(c))}")
            out.append("")
            empty = False
        if item.ideas:
            out += ["Ideas:", ""] + [f"- {md_escape(idea.text)}" for idea in item.ideas] + [""]
            empty = False
        for theme in item.themes:
            out += [f"**{md_escape(theme.name)}** ({dots(theme.dots)})", ""]
            out += [f"- {md_escape(idea_line(idea))}" for idea in theme.ideas]
            out.append("")
            empty = False
        for decision in item.decisions:
            out += _decision_lines(decision)
            empty = False
        if item.evaluation and (item.evaluation.responses or item.evaluation.went_well or item.evaluation.to_change):
            ev = item.evaluation
            out += [f"Ratings (1–5, {ev.responses} responses):", ""]
            for question, average in zip(ev.questions, ev.averages, strict=True):
                out.append(f"- {md_escape(question)}: {'–' if average is None else f'{average:.1f}'}")
            out.append("")
            if ev.went_well:
                out += ["Went well:", ""] + [f"- {md_escape(t)}" for t in ev.went_well] + [""]
            if ev.to_change:
                out += ["To change:", ""] + [f"- {md_escape(t)}" for t in ev.to_change] + [""]
            empty = False
        if item.actions:
            out += ["Next steps:", ""] + [f"- {_action_line(action)}" for action in item.actions] + [""]
            empty = False
        if item.drafts:
            out += ["Drafted:", ""] + [f"- {md_escape(draft_line(d))}" for d in item.drafts] + [""]
            empty = False
        if empty:
            out += ["_Nothing recorded._", ""]

    if minutes.documents:
        out += ["## Workshop documents", ""]
        for document in minutes.documents:
            out += [f"### {md_escape(document_heading(document))}", "", f"_{md_escape(document.status)}_", ""]
            out += [f"- **{md_escape(p.part)}:** {md_escape(p.text)}" for p in document.parts] + [""]
    if minutes.reviews:
        out += ["## From earlier meetings", ""]
        for review in minutes.reviews:
            out.append(f"- {md_escape(review_line(review))}")
        out.append("")
    if minutes.decisions:
        out += ["## Decisions", ""]
        out += [
            f"- {md_escape(d.text)} — {d.outcome or 'no outcome recorded'}" + (f" ({md_escape(tally(d))})" if tally(d) else "")
            for d in minutes.decisions
        ] + [""]
    if minutes.actions:
        out += ["## Next steps", "", "| Action | Owner | Due |", "|---|---|---|"]
        for action in minutes.actions:
            owner = md_escape(action.owner) if action.owner else f"**{NO_OWNER}**"
            if action.organisation:
                owner += f" ({md_escape(action.organisation)})"
            when = action.due.isoformat() if action.due else f"**{NO_DUE}**"
            out.append(f"| {md_escape(action.text)}{_status(action)} | {owner} | {when} |")
        out.append("")
    out += _participation(minutes)
    if minutes.parking_lot:
        out += ["## Parking lot", ""] + [f"- {md_escape(note.text)}" for note in minutes.parking_lot] + [""]
    return "\n".join(out).rstrip() + "\n"
