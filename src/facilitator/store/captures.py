"""What the note-taker captures: notes, ideas and parked items (entries), decisions, next steps."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from facilitator.models import Decision, Entry, EntryKind, NextStep, Person
from facilitator.store.database import Repository

_DECISION_FIELDS = set(Decision.__struct_fields__)


class Captures(Repository):
    """Entries, decisions and next steps, each attached to the agenda item it was captured on."""

    # Entries -----------------------------------------------------------

    def add_entry(self, meeting_id: int, item_id: int, text: str, *, at: datetime, kind: EntryKind = EntryKind.NOTE) -> Entry:
        """Store one capture durably and return it."""
        data = {"meeting_id": meeting_id, "item_id": item_id, "kind": kind.value, "text": text, "created_at": at.isoformat()}
        entry_id = self.database.insert("entries", data)
        return Entry(id=entry_id, meeting_id=meeting_id, item_id=item_id, kind=kind, text=text, created_at=at)

    def entries(self, meeting_id: int, item_id: int | None = None, *, kind: EntryKind | None = None) -> list[Entry]:
        where, args = "meeting_id = ?", list[object]([meeting_id])
        if item_id is not None:
            where, args = where + " AND item_id = ?", args + [item_id]
        if kind is not None:
            where, args = where + " AND kind = ?", [*args, kind.value]
        return [Entry.from_row(row) for row in self.database.query(f"SELECT * FROM entries WHERE {where} ORDER BY id", args)]

    def entry_lines(self, meeting_id: int, item_id: int) -> list[tuple[datetime, str, str]]:
        """(when, kind, text) of an item's entries, oldest first: what the notes view shows,
        without building a record for each of a long meeting's notes."""
        sql = "SELECT created_at, kind, text FROM entries WHERE meeting_id = ? AND item_id = ? ORDER BY id"
        rows = self.database.execute(sql, [meeting_id, item_id])
        return [(datetime.fromisoformat(at), kind, text) for at, kind, text in rows]

    def parked(self, meeting_ids: list[int]) -> list[Entry]:
        """The parking lots of these meetings, oldest first."""
        return [Entry.from_row(row) for row in self._rows_of_meetings("entries", meeting_ids, "kind = 'park' AND ")]

    # Decisions ---------------------------------------------------------

    def add_decision(self, meeting_id: int, item_id: int, text: str, *, at: datetime, **details: object) -> Decision:
        """Store a decision; `details` are the other `Decision` fields (method, tally, quorum, ...)."""
        data: dict[str, object] = {"meeting_id": meeting_id, "item_id": item_id, "text": text, "created_at": at.isoformat()}
        for key, value in details.items():
            if key not in _DECISION_FIELDS:
                raise TypeError(f"unknown decision field {key!r}")
            if isinstance(value, date):
                value = value.isoformat()
            elif isinstance(value, list):
                value = json.dumps(value)
            elif isinstance(value, bool):
                value = int(value)
            data[key] = value
        return Decision.from_row(data, id=self.database.insert("decisions", data))

    def decisions(self, meeting_id: int) -> list[Decision]:
        return [Decision.from_row(row) for row in self._rows_of_meetings("decisions", [meeting_id])]

    def decisions_of(self, meeting_ids: list[int]) -> list[Decision]:
        return [Decision.from_row(row) for row in self._rows_of_meetings("decisions", meeting_ids)]

    # Next steps --------------------------------------------------------

    def add_next_step(
        self,
        meeting_id: int,
        item_id: int,
        text: str,
        *,
        at: datetime,
        owner: Person | None = None,
        owner_name: str | None = None,
        due: date | None = None,
    ) -> NextStep:
        data = {
            "meeting_id": meeting_id,
            "item_id": item_id,
            "text": text,
            "owner_id": owner.id if owner else None,
            "owner_name": owner.name if owner else owner_name,
            "due": due.isoformat() if due else None,
            "status": "open",
            "created_at": at.isoformat(),
        }
        return NextStep.from_row(data, id=self.database.insert("next_steps", data))

    def next_steps(self, meeting_id: int) -> list[NextStep]:
        return self.next_steps_of([meeting_id])

    def next_steps_of(self, meeting_ids: list[int]) -> list[NextStep]:
        return [NextStep.from_row(row) for row in self._rows_of_meetings("next_steps", meeting_ids)]

    def set_next_step_status(self, step_id: int, status: str) -> None:
        self.database.update("next_steps", step_id, {"status": status})

    def _rows_of_meetings(self, table: str, meeting_ids: list[int], where: str = "") -> list[dict[str, Any]]:
        """Rows of `table` belonging to any of these meetings, oldest first."""
        if not meeting_ids:
            return []
        marks = ",".join("?" * len(meeting_ids))
        return self.database.query(f"SELECT * FROM {table} WHERE {where}meeting_id IN ({marks}) ORDER BY id", meeting_ids)
