"""Next steps across meetings: as a table, CSV for spreadsheets, and iCalendar for calendars."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event
from pydantic import BaseModel

from facilitator.store import Store
from facilitator.text import clean, printable, table


class ActionRow(BaseModel):
    id: int
    meeting: str
    meeting_date: date
    series: str | None = None
    description: str
    owner: str | None = None
    organisation: str = ""
    due: date | None = None
    status: str


def action_rows(store: Store, *, meeting_id: int | None = None, series: str | None = None, open_only: bool = False) -> list[ActionRow]:
    """Next steps, oldest meeting first; filtered to one meeting, one series, or the open ones."""
    return [ActionRow(**row) for row in store.archive.action_rows(meeting_id=meeting_id, series=series, open_only=open_only)]


# Spreadsheets run a cell that starts with one of these as a formula; a leading apostrophe
# keeps it text (the OWASP advice for CSV files).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str:
    text = clean("" if value is None else str(value))
    return "'" + text if text.startswith(_FORMULA_START) else text


def render_csv(rows: list[ActionRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["meeting", "meeting_date", "description", "owner", "organisation", "due", "status"])
    for row in rows:
        cells = (row.meeting, row.meeting_date, row.description, row.owner, row.organisation, row.due, row.status)
        writer.writerow([cell(v) for v in cells])
    return out.getvalue()


def render_ics(rows: list[ActionRow], now: datetime, database_id: str) -> bytes:
    """One all-day entry per next step that has a due date. Each entry's UID names the step and
    the database (`database_id`, random per database), so entries from two databases never
    collide in one calendar; a done step stays in the calendar, marked done, a dropped one is cancelled."""
    calendar = Calendar()
    calendar.add("prodid", "-//Facilitator//next steps//EN")
    calendar.add("version", "2.0")
    for row in rows:
        if row.due is None:
            continue
        event = Event()
        event.add("uid", f"next-step-{row.id}-{database_id}@facilitator")
        event.add("dtstamp", now.astimezone(UTC))
        event.add("dtstart", row.due)
        event.add("dtend", row.due + timedelta(days=1))
        owner = f" ({clean(row.owner)})" if row.owner else ""
        done = "Done: " if row.status == "done" else ""
        event.add("summary", f"{done}Next step: {clean(row.description)}{owner}")
        event.add("description", clean(f"From {row.meeting} ({row.meeting_date}). Status: {row.status}."))
        event.add("status", "CANCELLED" if row.status == "dropped" else "CONFIRMED")
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def render_table(rows: list[ActionRow], today: date) -> str:
    """Next steps by due date (undated ones last), an open one past its date marked OVERDUE;
    nothing is cut, however long."""
    if not rows:
        return "No next steps.\n"
    ordered = sorted(rows, key=lambda row: (row.due is None, row.due or today, row.meeting_date, row.id))
    cells = []
    for row in ordered:
        due = row.due.isoformat() if row.due else "-"
        if row.status == "open" and row.due is not None and row.due < today:
            due += " OVERDUE"
        cells.append([due, row.status, printable(row.owner or "NO OWNER"), printable(row.meeting), printable(row.description)])
    return table(["DUE", "STATUS", "OWNER", "MEETING", "ACTION"], cells)
