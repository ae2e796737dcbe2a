"""What the note-taker captures: notes, ideas and parked items (entries), decisions, next steps."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from facilitator.models import Decision, Entry, EntryKind, NextStep, Person
from facilitator.store.database import Database, Repository

_DECISION_FIELDS = set(Decision.__struct_fields__)


def number(database: Database, item_id: int, subject: str, origin: int) -> int:
    """A capture's number on its item: the next free one the first time it is saved, the same after."""
    row = database.execute(
        "SELECT number FROM capture_numbers WHERE subject = ? AND origin = ? AND item_id = ?", [subject, origin, item_id]
    ).fetchone()
    if row:
        return int(row[0])
    given = int(database.execute("SELECT coalesce(max(number), 0) + 1 FROM capture_numbers WHERE item_id = ?", [item_id]).fetchone()[0])
    database.insert("capture_numbers", {"item_id": item_id, "number": given, "subject": subject, "origin": origin})
    return given


class Captures(Repository):
    """Entries, decisions and next steps, each attached to the agenda item it was captured on."""

    # Entries -----------------------------------------------------------

    def add_entry(
        self, meeting_id: int, item_id: int, text: str, *, at: datetime, kind: EntryKind = EntryKind.NOTE,
        document_id: int | None = None, part: str | None = None,
    ) -> Entry:
        """Store one capture durably and return it (a draft with its document and part)."""
        data = {
            "meeting_id": meeting_id, "item_id": item_id, "kind": kind.value, "text": text, "created_at": at.isoformat(),
            "document_id": document_id, "part": part,
        }
        with self.database.atomic():
            entry_id = self.database.insert("entries", data)
            self.number(item_id, "entries", entry_id)
        return Entry(
            id=entry_id, meeting_id=meeting_id, item_id=item_id, kind=kind, text=text, created_at=at, document_id=document_id, part=part
        )

    def entries(self, meeting_id: int, item_id: int | None = None, *, kind: EntryKind | None = None) -> list[Entry]:
        where, args = "meeting_id = ? AND current = 1", list[object]([meeting_id])
        if item_id is not None:
            where, args = where + " AND item_id = ?", args + [item_id]
        if kind is not None:
            where, args = where + " AND kind = ?", [*args, kind.value]
        # In the order they were first typed: a corrected note keeps its place (its new version has a later id).
        sql = f"SELECT * FROM entries WHERE {where} ORDER BY coalesce(origin_id, id)"
        return [Entry.from_row(row) for row in self.database.query(sql, args)]

    def item_rows(self, table: str, item_id: int) -> list[dict[str, Any]]:
        """Every version of every capture of `table` on one item, oldest first: what the notes
        view numbers (struck captures keep their number) and shows."""
        assert table in ("entries", "decisions", "next_steps", "evaluations")
        sql = f"SELECT *, coalesce(origin_id, id) AS origin FROM {table} WHERE item_id = ? ORDER BY id"
        return self.database.query(sql, [item_id])

    def version(self, table: str, row_id: int) -> dict[str, Any]:
        assert table in ("entries", "decisions", "next_steps", "evaluations")
        [row] = self.database.query(f"SELECT * FROM {table} WHERE id = ?", [row_id])
        return row

    # Numbers ------------------------------------------------------------

    def number(self, item_id: int, subject: str, origin: int) -> int:
        """The capture's number on its item (given when it was saved)."""
        return number(self.database, item_id, subject, origin)

    def numbers(self, item_id: int) -> dict[tuple[str, int], int]:
        """Every capture number of an item, by (subject, origin)."""
        rows = self.database.execute("SELECT subject, origin, number FROM capture_numbers WHERE item_id = ?", [item_id])
        return {(subject, origin): number for subject, origin, number in rows}

    def numbered(self, item_id: int, number: int) -> tuple[str, int] | None:
        """(subject, origin) of capture `number` on an item."""
        row = self.database.execute(
            "SELECT subject, origin FROM capture_numbers WHERE item_id = ? AND number = ?", [item_id, number]
        ).fetchone()
        return (str(row[0]), int(row[1])) if row else None

    def renumber_origin(self, item_id: int, subject: str, old: int, new: int) -> None:
        """A capture now belongs to another origin (a check-in answer credited to someone else)."""
        self.database.execute(
            "UPDATE capture_numbers SET origin = ? WHERE item_id = ? AND subject = ? AND origin = ?", [new, item_id, subject, old]
        )

    # Attribution ---------------------------------------------------------

    def set_speaker(self, entry_id: int, person_id: int) -> None:
        """Attribute a note to whoever had the floor (only when the group asked for that)."""
        self.database.insert("note_speakers", {"entry_id": entry_id, "person_id": person_id}, conflict="OR REPLACE")

    def speakers_of(self, meeting_id: int) -> dict[int, str]:
        """Who had the floor when each attributed note of a meeting was taken, by note origin."""
        sql = """
            SELECT s.entry_id, p.name FROM note_speakers s JOIN people p ON p.id = s.person_id
            JOIN entries e ON e.id = s.entry_id WHERE e.meeting_id = ?
        """
        return {entry_id: name for entry_id, name in self.database.execute(sql, [meeting_id])}

    def speakers(self, item_id: int) -> dict[int, str]:
        """Who had the floor when each attributed note of an item was taken, by note origin."""
        sql = """
            SELECT s.entry_id, p.name FROM note_speakers s JOIN people p ON p.id = s.person_id
            JOIN entries e ON e.id = s.entry_id WHERE e.item_id = ?
        """
        return {entry_id: name for entry_id, name in self.database.execute(sql, [item_id])}

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
        with self.database.atomic():
            decision_id = self.database.insert("decisions", data)
            self.number(item_id, "decisions", decision_id)
        return Decision.from_row(data, id=decision_id)

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
        status: str = "open",
    ) -> NextStep:
        data = {
            "meeting_id": meeting_id,
            "item_id": item_id,
            "text": text,
            "owner_id": owner.id if owner else None,
            "owner_name": owner.name if owner else owner_name,
            "due": due.isoformat() if due else None,
            "status": status,
            "created_at": at.isoformat(),
        }
        with self.database.atomic():
            step_id = self.database.insert("next_steps", data)
            self.number(item_id, "next_steps", step_id)
        return NextStep.from_row(data, id=step_id)

    def next_steps(self, meeting_id: int) -> list[NextStep]:
        return self.next_steps_of([meeting_id])

    def next_steps_of(self, meeting_ids: list[int]) -> list[NextStep]:
        return [NextStep.from_row(row) for row in self._rows_of_meetings("next_steps", meeting_ids)]


    def _rows_of_meetings(self, table: str, meeting_ids: list[int], where: str = "") -> list[dict[str, Any]]:
        """Rows of `table` belonging to any of these meetings, oldest first."""
        if not meeting_ids:
            return []
        marks = ",".join("?" * len(meeting_ids))
        sql = f"SELECT * FROM {table} WHERE {where}current = 1 AND meeting_id IN ({marks}) ORDER BY coalesce(origin_id, id)"
        return self.database.query(sql, meeting_ids)
