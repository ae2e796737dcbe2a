"""Minutes: one model built from the store, and renderers that are pure functions of it."""

from __future__ import annotations

import re
from datetime import date, datetime

from pydantic import BaseModel

from facilitator.agenda import ItemKind
from facilitator.clock import Status
from facilitator.models import Attendance, AttendanceStatus, EntryKind, Person
from facilitator.session import replay
from facilitator.store import Store


class MinutesNote(BaseModel):
    text: str
    at: datetime


class MinutesDecision(BaseModel):
    text: str
    item: str
    outcome: str | None = None
    votes_for: int | None = None
    votes_against: int | None = None
    votes_abstain: int | None = None


class MinutesAction(BaseModel):
    text: str
    item: str
    owner: str | None = None
    organisation: str = ""
    due: date | None = None
    status: str = "open"


class MinutesItem(BaseModel):
    """One agenda item as it actually ran."""

    position: int
    title: str
    kind: ItemKind
    planned_minutes: int | None
    """As first planned; None for an item added during the meeting."""
    final_minutes: int
    """The time box at the end, after extensions and re-timing."""
    actual_minutes: float
    skipped: bool = False
    changes: list[str] = []
    notes: list[MinutesNote] = []
    ideas: list[MinutesNote] = []
    decisions: list[MinutesDecision] = []
    actions: list[MinutesAction] = []


class Minutes(BaseModel):
    """Everything the minutes say about one meeting."""

    title: str
    date: date
    place: str = ""
    series: str | None = None
    status: str
    started_at: datetime | None = None
    ended_at: datetime | None = None
    roles: dict[str, str] = {}
    ground_rules: list[str] = []
    attendance: list[Attendance] = []
    absent: list[Person] = []
    items: list[MinutesItem]
    parking_lot: list[MinutesNote] = []

    @property
    def decisions(self) -> list[MinutesDecision]:
        return [d for item in self.items for d in item.decisions]

    @property
    def actions(self) -> list[MinutesAction]:
        return [a for item in self.items for a in item.actions]


def build_minutes(store: Store, meeting_id: int, now: datetime) -> Minutes:
    """Gather one meeting's minutes from the store, timed as at `now`."""
    meeting = store.meeting(meeting_id)
    agenda = {item.id: item for item in store.agenda(meeting_id)}
    clock = replay(agenda.values(), store.clock_events(meeting_id), now)
    people = {p.id: p for p in store.roster(meeting.series_id)}
    by_item: dict[int, dict[str, list]] = {item_id: {"note": [], "idea": [], "d": [], "a": []} for item_id in agenda}
    parking = []
    for entry in store.entries(meeting_id):
        note = MinutesNote(text=entry.text, at=entry.created_at)
        if entry.kind is EntryKind.PARK:
            parking.append(note)
        else:
            by_item[entry.item_id][entry.kind.value].append(note)
    for d in store.decisions(meeting_id):
        by_item[d.item_id]["d"].append(
            MinutesDecision(
                text=d.text, item=agenda[d.item_id].title, outcome=d.outcome,
                votes_for=d.votes_for, votes_against=d.votes_against, votes_abstain=d.votes_abstain,
            )
        )
    for a in store.next_steps(meeting_id):
        owner = people.get(a.owner_id) if a.owner_id else None
        by_item[a.item_id]["a"].append(
            MinutesAction(
                text=a.text, item=agenda[a.item_id].title, owner=a.owner_name,
                organisation=owner.organisation if owner else "", due=a.due, status=a.status,
            )
        )
    items = []
    for position, box in enumerate(clock.boxes, start=1):
        item, found = agenda[box.item_id], by_item[box.item_id]
        items.append(
            MinutesItem(
                position=position,
                title=item.title,
                kind=item.kind,
                planned_minutes=box.original_seconds // 60 if box.original_seconds else None,
                final_minutes=box.box_minutes,
                actual_minutes=round(box.elapsed_seconds / 60, 1),
                skipped=box.skipped,
                changes=list(box.changes),
                notes=found["note"],
                ideas=found["idea"],
                decisions=found["d"],
                actions=found["a"],
            )
        )
    attendance = store.attendance(meeting_id)
    marked = {record.person.id for record in attendance}
    return Minutes(
        title=meeting.title,
        date=meeting.date,
        place=meeting.place,
        series=meeting.series_name,
        status=clock.status.value,
        started_at=clock.started_at,
        ended_at=clock.ended_at if clock.status is Status.ENDED else None,
        roles={role: person.name for role, person in store.roles(meeting_id).items()},
        ground_rules=meeting.ground_rules,
        attendance=[r for r in attendance if r.status is not AttendanceStatus.ABSENT],
        absent=[p for p in people.values() if p.id not in marked]
        + [r.person for r in attendance if r.status is AttendanceStatus.ABSENT],
        items=items,
        parking_lot=parking,
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


def _tally(decision: MinutesDecision) -> str:
    parts = [f"{label} {n}" for label, n in (("for", decision.votes_for), ("against", decision.votes_against), ("abstain", decision.votes_abstain)) if n is not None]
    return ", ".join(parts)


def _action_line(action: MinutesAction) -> str:
    owner = md_escape(action.owner) if action.owner else "**no owner yet**"
    due = action.due.isoformat() if action.due else "**no due date yet**"
    return f"{md_escape(action.text)} — {owner}, due {due}"


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
        line = f"- {md_escape(person.name)}" + (f" ({details})" if details else "") + f": {record.status.value}"
        if record.status in (AttendanceStatus.LATE, AttendanceStatus.LEFT_EARLY) and record.at:
            line += f" at {_clock_time(record.at)}"
        out.append(line)
    if minutes.absent:
        out.append("- Absent: " + ", ".join(md_escape(p.name) for p in minutes.absent))
    if not minutes.attendance and not minutes.absent:
        out.append("_No attendance was taken._")
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
        if item.ideas:
            out += ["Ideas:", ""] + [f"- {md_escape(idea.text)}" for idea in item.ideas] + [""]
            empty = False
        for decision in item.decisions:
            extra = ", ".join(filter(None, [decision.outcome, _tally(decision)]))
            out += [f"**Decision:** {md_escape(decision.text)}" + (f" ({extra})" if extra else ""), ""]
            empty = False
        if item.actions:
            out += ["Next steps:", ""] + [f"- {_action_line(action)}" for action in item.actions] + [""]
            empty = False
        if empty:
            out += ["_Nothing recorded._", ""]

    if minutes.decisions:
        out += ["## Decisions", ""]
        out += [
            f"- {md_escape(d.text)} — {d.outcome or 'no outcome recorded'}" + (f" ({_tally(d)})" if _tally(d) else "")
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
    if minutes.parking_lot:
        out += ["## Parking lot", ""] + [f"- {md_escape(note.text)}" for note in minutes.parking_lot] + [""]
    return "\n".join(out).rstrip() + "\n"
