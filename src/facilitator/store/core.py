"""The records every meeting has: series, people, agenda, captures and the clock's events."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING

import msgspec

from facilitator.clock import ClockEvent, FlowKind
from facilitator.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Entry,
    EntryKind,
    ItemKind,
    Meeting,
    Person,
)
from facilitator.store.database import Database

if TYPE_CHECKING:
    from facilitator.agenda import AgendaTemplate


class MeetingRecords(Database):
    """The records every meeting has: series, people, agenda, captures, clock."""

    # Series and people -------------------------------------------------

    def series_id(self, name: str, *, at: datetime) -> int:
        """The id of the series called `name`, created if new."""
        row = self.execute("SELECT id FROM series WHERE name = ?", [name]).fetchone()
        if row:
            return row[0]
        return self._insert("series", {"name": name, "created_at": at.isoformat()})

    def add_person(
        self,
        series_id: int | None,
        name: str,
        organisation: str = "",
        sector: str = "",
        role: str = "",
        voting: bool = False,
    ) -> Person:
        data = {
            "series_id": series_id,
            "name": name,
            "organisation": organisation,
            "sector": sector,
            "role": role,
            "voting": int(voting),
        }
        return Person.from_row(data, id=self._insert("people", data))

    def update_person(self, person: Person) -> None:
        data = msgspec.structs.asdict(person)
        del data["id"]
        data["voting"] = int(person.voting)
        self._update("people", person.id, data)

    def ensure_series(self, meeting_id: int, *, at: datetime) -> int:
        """The meeting's series, created from its title when it has none: people persist per series."""
        meeting = self.meeting(meeting_id)
        if meeting.series_id is not None:
            return meeting.series_id
        base, name, n = meeting.title, meeting.title, 1
        while self.execute("SELECT 1 FROM series WHERE name = ?", [name]).fetchone():
            n += 1
            name = f"{base} ({n})"
        series_id = self.series_id(name, at=at)
        self._update("meetings", meeting_id, {"series_id": series_id})
        return series_id

    def roster(self, series_id: int | None) -> list[Person]:
        """Everyone on a series' roster, by name."""
        if series_id is None:
            return []
        rows = self.query("SELECT * FROM people WHERE series_id = ? ORDER BY name COLLATE NOCASE", [series_id])
        return [Person.from_row(row) for row in rows]

    def set_role(self, meeting_id: int, role: str, person_id: int | None) -> None:
        if person_id is None:
            self.execute("DELETE FROM meeting_roles WHERE meeting_id = ? AND role = ?", [meeting_id, role])
        else:
            self._upsert("meeting_roles", {"meeting_id": meeting_id, "role": role, "person_id": person_id}, ("meeting_id", "role"))

    def roles(self, meeting_id: int) -> dict[str, Person]:
        sql = """
            SELECT p.*, r.role AS meeting_role FROM meeting_roles r JOIN people p ON p.id = r.person_id
            WHERE r.meeting_id = ?
        """
        # Not `r.role`: people have a `role` column too (their role on the roster), and of two
        # columns with one name a row keeps only the last.
        return {row["meeting_role"]: Person.from_row(row) for row in self.query(sql, [meeting_id])}

    def set_attendance(self, meeting_id: int, person_id: int, status: AttendanceStatus, at: datetime) -> None:
        self._upsert(
            "attendance",
            {"meeting_id": meeting_id, "person_id": person_id, "status": status.value, "at": at.isoformat()},
            ("meeting_id", "person_id"),
        )

    def attendance(self, meeting_id: int) -> list[Attendance]:
        sql = """
            SELECT a.status, a.at, p.* FROM attendance a JOIN people p ON p.id = a.person_id
            WHERE a.meeting_id = ? ORDER BY p.name
        """
        return [Attendance.from_row(row, person=Person.from_row(row)) for row in self.query(sql, [meeting_id])]

    # Meetings and agendas ----------------------------------------------

    def create_meeting(
        self,
        template: AgendaTemplate,
        *,
        title: str,
        on: date,
        at: datetime,
        series: str | None = None,
        place: str = "",
        template_name: str = "",
    ) -> int:
        """Prepare a meeting from a template, all in one transaction."""
        with self.atomic():
            series_id = self.series_id(series, at=at) if series else None
            meeting_id = self._insert(
                "meetings",
                {
                    "series_id": series_id,
                    "title": title,
                    "date": on.isoformat(),
                    "place": place,
                    "template": template_name,
                    "ground_rules": json.dumps(template.ground_rules),
                    "created_at": at.isoformat(),
                }
            )
            self._insert_all(
                "agenda_items",
                (
                    {
                        "meeting_id": meeting_id,
                        "position": position,
                        "title": item.title,
                        "kind": item.kind.value,
                        "planned_minutes": item.minutes,
                        "prompt": item.prompt,
                        "speaker_seconds": round(item.speaker_minutes * 60),
                        "dot_budget": item.dots,
                        "questions": json.dumps(item.questions) if item.questions else None,
                    }
                    for position, item in enumerate(template.items, start=1)
                ),
            )
        return meeting_id

    _MEETING_SQL = """
        SELECT m.*, s.name AS series_name FROM meetings m LEFT JOIN series s ON s.id = m.series_id
    """

    def meeting(self, meeting_id: int) -> Meeting:
        """The meeting with this id; `KeyError` when there is none."""
        rows = self.query(self._MEETING_SQL + " WHERE m.id = ?", [meeting_id])
        if not rows:
            raise KeyError(meeting_id)
        return Meeting.from_row(rows[0])

    def meetings(self) -> list[Meeting]:
        """All meetings, newest first."""
        return [Meeting.from_row(row) for row in self.query(self._MEETING_SQL + " ORDER BY m.date DESC, m.id DESC")]

    def set_quorum(self, meeting_id: int, needed: int | None) -> None:
        self._update("meetings", meeting_id, {"quorum": needed})

    def set_ground_rules(self, meeting_id: int, rules: list[str]) -> None:
        self._update("meetings", meeting_id, {"ground_rules": json.dumps(rules)})

    def add_agenda_item(
        self, meeting_id: int, title: str, kind: ItemKind, minutes: int, prompt: str = "", *, live: bool
    ) -> AgendaItem:
        """Append an item row; a live one enters the running order through an `add` clock event."""
        position = self.execute(
            "SELECT coalesce(max(position), 0) + 1 FROM agenda_items WHERE meeting_id = ?", [meeting_id]
        ).fetchone()[0]
        data = {
            "meeting_id": meeting_id,
            "position": position,
            "title": title,
            "kind": kind.value,
            "planned_minutes": minutes,
            "prompt": prompt,
            "added_live": int(live),
        }
        return AgendaItem.from_row(data, id=self._insert("agenda_items", data))

    def agenda(self, meeting_id: int) -> list[AgendaItem]:
        rows = self.query("SELECT * FROM agenda_items WHERE meeting_id = ? ORDER BY position", [meeting_id])
        return [AgendaItem.from_row(row) for row in rows]

    # Captures ----------------------------------------------------------

    def add_entry(self, meeting_id: int, item_id: int, text: str, *, at: datetime, kind: EntryKind = EntryKind.NOTE) -> Entry:
        """Store one capture durably and return it."""
        data = {"meeting_id": meeting_id, "item_id": item_id, "kind": kind.value, "text": text, "created_at": at.isoformat()}
        return Entry(id=self._insert("entries", data), meeting_id=meeting_id, item_id=item_id, kind=kind, text=text, created_at=at)

    def entries(self, meeting_id: int, item_id: int | None = None, *, kind: EntryKind | None = None) -> list[Entry]:
        where, args = "meeting_id = ?", [meeting_id]
        if item_id is not None:
            where, args = where + " AND item_id = ?", args + [item_id]
        if kind is not None:
            where, args = where + " AND kind = ?", args + [kind.value]
        return [Entry.from_row(row) for row in self.query(f"SELECT * FROM entries WHERE {where} ORDER BY id", args)]

    def entry_lines(self, meeting_id: int, item_id: int) -> list[tuple[datetime, str, str]]:
        """(when, kind, text) of an item's entries, oldest first: what the notes view shows,
        without building a record for each of a long meeting's notes."""
        sql = "SELECT created_at, kind, text FROM entries WHERE meeting_id = ? AND item_id = ? ORDER BY id"
        return [(datetime.fromisoformat(at), kind, text) for at, kind, text in self.execute(sql, [meeting_id, item_id])]

    # The clock ---------------------------------------------------------

    def add_clock_event(self, meeting_id: int, event: ClockEvent) -> None:
        self.add_clock_events(meeting_id, [event])

    def add_clock_events(self, meeting_id: int, events: list[ClockEvent]) -> None:
        """Store flow events together: a choice such as re-timing several items is all or nothing."""
        self._insert_all(
            "clock_events",
            (
                {
                    "meeting_id": meeting_id,
                    "at": event.at.isoformat(),
                    "kind": event.kind.value,
                    "item_id": event.item_id,
                    "minutes": event.minutes,
                    "position": event.position,
                    "detail": event.detail,
                }
                for event in events
            ),
        )

    def clock_events(self, meeting_id: int) -> list[ClockEvent]:
        rows = self.query("SELECT * FROM clock_events WHERE meeting_id = ? ORDER BY at, id", [meeting_id])
        return [
            ClockEvent(
                at=datetime.fromisoformat(row["at"]),
                kind=FlowKind(row["kind"]),
                item_id=row["item_id"],
                minutes=row["minutes"],
                position=row["position"],
                detail=row["detail"],
            )
            for row in rows
        ]

    def add_people(self, series_id: int | None, people: Iterable[tuple]) -> list[Person]:
        """Add several (name, organisation, sector, role[, voting]) rows to a roster."""
        with self.atomic():
            return [self.add_person(series_id, *person) for person in people]
