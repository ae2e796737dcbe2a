"""Next steps across meetings: as a table, CSV for spreadsheets, and iCalendar for calendars."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event
from pydantic import BaseModel

from facilitator.store import Store
from facilitator.text import clean, printable


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


def _cell(value: object) -> str:
    text = clean("" if value is None else str(value))
    return "'" + text if text.startswith(_FORMULA_START) else text


def render_csv(rows: list[ActionRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["meeting", "meeting_date", "description", "owner", "organisation", "due", "status"])
    for row in rows:
        cells = (row.meeting, row.meeting_date, row.description, row.owner, row.organisation, row.due, row.status)
        writer.writerow([_cell(v) for v in cells])
    return out.getvalue()


def render_ics(rows: list[ActionRow], now: datetime) -> bytes:
    """One all-day entry per next step that has a due date."""
    calendar = Calendar()
    calendar.add("prodid", "-//Facilitator//next steps//EN")
    calendar.add("version", "2.0")
    for row in rows:
        if row.due is None:
            continue
        event = Event()
        event.add("uid", f"next-step-{row.id}@facilitator")
        event.add("dtstamp", now.astimezone(UTC))
        event.add("dtstart", row.due)
        event.add("dtend", row.due + timedelta(days=1))
        owner = f" ({clean(row.owner)})" if row.owner else ""
        event.add("summary", f"Next step: {clean(row.description)}{owner}")
        event.add("description", clean(f"From {row.meeting} ({row.meeting_date}). Status: {row.status}."))
        event.add("status", "CONFIRMED" if row.status == "open" else "CANCELLED")
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def render_table(rows: list[ActionRow]) -> str:
    if not rows:
        return "No next steps.\n"
    lines = [f"{'DUE':<10}  {'STATUS':<8}  {'OWNER':<20}  {'MEETING':<24}  ACTION"]
    for row in rows:
        due = row.due.isoformat() if row.due else "-"
        lines.append(
            f"{due:<10}  {row.status:<8}  {printable(row.owner or 'NO OWNER')[:20]:<20}  "
            f"{printable(row.meeting)[:24]:<24}  {printable(row.description)}"
        )
    return "\n".join(lines) + "\n"
