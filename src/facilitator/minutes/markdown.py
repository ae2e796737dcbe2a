"""Minutes as Markdown: a pure function of the minutes model, every typed text escaped."""

from __future__ import annotations

import re
from datetime import datetime

from facilitator.minutes.model import Minutes, MinutesAction, MinutesDecision
from facilitator.minutes.words import (
    NO_ATTENDANCE,
    NO_SPEAKING,
    attendance_status,
    balance,
    checkin_said,
    community_share,
    decision_facts,
    dots,
    idea_line,
    review_line,
    tally,
)

# Characters that start Markdown structure anywhere in a line, and at its start.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~!])")
_MD_LINE_START = re.compile(r"^(\s*)([#+\-=>]|\d+[.)])")


def md_escape(text: str) -> str:
    """Make typed text literal in Markdown: no heading, list, table, link or HTML can come from it."""
    lines = []
    for line in text.splitlines() or [""]:
        line = _MD_INLINE.sub(r"\\\1", line)
        line = _MD_LINE_START.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], line)
        lines.append(line)
    return "  \n  ".join(lines)


def _minutes_label(value: float) -> str:
    return f"{value:g} min"


def _clock_time(moment: datetime | None) -> str:
    """Wall time in the reader's local zone; the store keeps UTC."""
    return moment.astimezone().strftime("%H:%M") if moment else "—"


def _decision_lines(decision: MinutesDecision) -> list[str]:
    head = f"**Decision:** {md_escape(decision.text)} — **{decision.outcome or 'no outcome recorded'}**"
    facts = [f"- {md_escape(fact)}" for fact in decision_facts(decision)]
    return [head, ""] + (facts + [""] if facts else [])


def _action_line(action: MinutesAction) -> str:
    owner = md_escape(action.owner) if action.owner else "**no owner yet**"
    due = action.due.isoformat() if action.due else "**no due date yet**"
    return f"{md_escape(action.text)} — {owner}, due {due}"


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
    def listed(names: list[str]) -> str:
        return ", ".join(md_escape(name) for name in names)

    out.append("Sectors present: " + (listed(p.sectors_present) or "none recorded") + "  ")
    if p.sectors_absent:
        out.append("On the roster but absent: " + listed(p.sectors_absent) + "  ")
    if p.sectors_missing:
        out.append("Nobody on the roster from: " + listed(p.sectors_missing))
    return out + [""]


def render_markdown(minutes: Minutes) -> str:
    """The minutes as Markdown, every typed text escaped."""
    out = [f"# {md_escape(minutes.title)}", ""]
    out.append(f"- **Date:** {minutes.date.isoformat()}")
    if minutes.series:
        out.append(f"- **Series:** {md_escape(minutes.series)}")
    if minutes.place:
        out.append(f"- **Place:** {md_escape(minutes.place)}")
    out.append(f"- **Time:** {_clock_time(minutes.started_at)} to {_clock_time(minutes.ended_at)} ({minutes.status})")
    for role, name in minutes.roles.items():
        out.append(f"- **{role.capitalize()}:** {md_escape(name)}")
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
        planned = _minutes_label(item.planned_minutes) if item.planned_minutes is not None else "added"
        actual = "skipped" if item.skipped else _minutes_label(item.actual_minutes)
        changes = "; ".join(md_escape(change) for change in item.changes if change != "skipped")
        out.append(f"| {item.position} | {md_escape(item.title)} | {planned} | {actual} | {changes} |")
    out.append("")

    for item in minutes.items:
        out += [f"## {item.position}. {md_escape(item.title)}", ""]
        planned = f"planned {_minutes_label(item.planned_minutes)}" if item.planned_minutes is not None else "added during the meeting"
        timing = f"_{item.kind.value.replace('_', ' ')} · {planned}"
        timing += " · skipped_" if item.skipped else f" · actual {_minutes_label(item.actual_minutes)}_"
        out += [timing, ""]
        empty = True
        if item.notes:
            out += [f"- {md_escape(note.text)}" for note in item.notes] + [""]
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
        if empty:
            out += ["_Nothing recorded._", ""]

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
            owner = md_escape(action.owner) if action.owner else "**no owner yet**"
            if action.organisation:
                owner += f" ({md_escape(action.organisation)})"
            out.append(f"| {md_escape(action.text)} | {owner} | {action.due.isoformat() if action.due else '**no due date yet**'} |")
        out.append("")
    out += _participation(minutes)
    if minutes.parking_lot:
        out += ["## Parking lot", ""] + [f"- {md_escape(note.text)}" for note in minutes.parking_lot] + [""]
    return "\n".join(out).rstrip() + "\n"
