"""Minutes: one model built from the store, and renderers that are pure functions of it."""

from __future__ import annotations

import re
from datetime import date, datetime

from pydantic import BaseModel

from facilitator.agenda import ItemKind
from facilitator.clock import MeetingClock, Status, clock_state
from facilitator.models import Attendance
from facilitator.store import Store


class MinutesNote(BaseModel):
    text: str
    at: datetime


class MinutesItem(BaseModel):
    """One agenda item as it actually ran."""

    position: int
    title: str
    kind: ItemKind
    planned_minutes: int
    actual_minutes: float
    extended_minutes: int = 0
    skipped: bool = False
    notes: list[MinutesNote] = []


class Minutes(BaseModel):
    """Everything the minutes say about one meeting."""

    title: str
    date: date
    place: str = ""
    series: str | None = None
    status: str
    started_at: datetime | None = None
    ended_at: datetime | None = None
    ground_rules: list[str] = []
    attendance: list[Attendance] = []
    items: list[MinutesItem]


def build_minutes(store: Store, meeting_id: int, now: datetime) -> Minutes:
    """Gather one meeting's minutes from the store, timed as at `now`."""
    meeting = store.meeting(meeting_id)
    agenda = store.agenda(meeting_id)
    clock: MeetingClock = clock_state(
        [(item.id, item.planned_minutes) for item in agenda], store.clock_events(meeting_id), now
    )
    notes: dict[int, list[MinutesNote]] = {}
    for entry in store.entries(meeting_id):
        notes.setdefault(entry.item_id, []).append(MinutesNote(text=entry.text, at=entry.created_at))
    items = []
    for item in agenda:
        box = clock.box(item.id)
        items.append(
            MinutesItem(
                position=item.position,
                title=item.title,
                kind=item.kind,
                planned_minutes=item.planned_minutes,
                actual_minutes=round(box.elapsed_seconds / 60, 1),
                extended_minutes=box.extended_seconds // 60,
                skipped=box.skipped,
                notes=notes.get(item.id, []),
            )
        )
    return Minutes(
        title=meeting.title,
        date=meeting.date,
        place=meeting.place,
        series=meeting.series_name,
        status=clock.status.value,
        started_at=clock.started_at,
        ended_at=clock.ended_at if clock.status is Status.ENDED else None,
        ground_rules=meeting.ground_rules,
        attendance=store.attendance(meeting_id),
        items=items,
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


def render_markdown(minutes: Minutes) -> str:
    """The minutes as Markdown, every typed text escaped."""
    out = [f"# {md_escape(minutes.title)}", ""]
    facts = [f"- **Date:** {minutes.date.isoformat()}"]
    if minutes.series:
        facts.append(f"- **Series:** {md_escape(minutes.series)}")
    if minutes.place:
        facts.append(f"- **Place:** {md_escape(minutes.place)}")
    facts.append(
        f"- **Time:** {_clock_time(minutes.started_at)} to {_clock_time(minutes.ended_at)} ({minutes.status})"
    )
    out += facts + [""]

    out += ["## Attendance", ""]
    if minutes.attendance:
        for record in minutes.attendance:
            person = record.person
            who = md_escape(person.name)
            details = ", ".join(md_escape(part) for part in (person.organisation, person.sector) if part)
            line = f"- {who}" + (f" ({details})" if details else "") + f": {record.status.value}"
            if record.status.value in ("late", "left early") and record.at:
                line += f" at {_clock_time(record.at)}"
            out.append(line)
    else:
        out.append("_No attendance was taken._")
    out.append("")

    if minutes.ground_rules:
        out += ["## Ground rules", ""] + [f"- {md_escape(rule)}" for rule in minutes.ground_rules] + [""]

    out += ["## Agenda", "", "| # | Item | Planned | Actual |", "|---|---|---|---|"]
    for item in minutes.items:
        actual = "skipped" if item.skipped else _minutes_label(item.actual_minutes)
        planned = _minutes_label(item.planned_minutes)
        if item.extended_minutes:
            planned += f" (+{item.extended_minutes} extended)"
        out.append(f"| {item.position} | {md_escape(item.title)} | {planned} | {actual} |")
    out.append("")

    for item in minutes.items:
        out += [f"## {item.position}. {md_escape(item.title)}", ""]
        timing = f"_{item.kind.value.replace('_', ' ')} · planned {_minutes_label(item.planned_minutes)}"
        timing += " · skipped_" if item.skipped else f" · actual {_minutes_label(item.actual_minutes)}_"
        out += [timing, ""]
        if item.notes:
            out += [f"- {md_escape(note.text)}" for note in item.notes]
        else:
            out.append("_No notes._")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
