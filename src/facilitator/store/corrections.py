"""Corrections with a trail: a changed capture is a new version, never an overwrite.

Each version of a note, decision, next step or evaluation line is a row of its own table; the
first row's id is the origin every later version points to (`origin_id`), and only the current
version has `current = 1`. Striking a capture leaves no version current; restoring makes the
last one current again. Every such change is a row of `corrections`: what, which versions,
when, and from which seat.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from facilitator.store.database import Repository

VERSIONED = ("entries", "decisions", "next_steps", "evaluations")


class Corrections(Repository):
    def log(
        self,
        meeting_id: int,
        subject: str,
        origin: int,
        action: str,
        *,
        at: datetime,
        old_id: int | None = None,
        new_id: int | None = None,
        seat_id: int | None = None,
        detail: dict[str, Any] | None = None,
    ) -> int:
        return self.database.insert(
            "corrections",
            {
                "meeting_id": meeting_id, "subject": subject, "origin": origin, "action": action, "at": at.isoformat(),
                "old_id": old_id, "new_id": new_id, "seat_id": seat_id,
                "detail": json.dumps(detail, ensure_ascii=False) if detail else None,
            },
        )

    def new_version(self, table: str, row_id: int, changes: dict[str, Any], *, at: datetime, seat_id: int | None) -> int:
        """A new version of the capture `row_id` of `table` with `changes`, made current; the row
        it replaces stays as it was, no longer current. Returns the new row's id."""
        assert table in VERSIONED
        with self.database.atomic():
            [old] = self.database.query(f"SELECT * FROM {table} WHERE id = ?", [row_id])
            origin = old["origin_id"] or old["id"]
            data = {key: value for key, value in old.items() if key != "id"}
            data.update(changes, origin_id=origin, current=1)
            self.database.execute(f"UPDATE {table} SET current = 0 WHERE coalesce(origin_id, id) = ?", [origin])
            new_id = self.database.insert(table, data)
            self.log(old["meeting_id"], table, origin, "edit", at=at, old_id=row_id, new_id=new_id, seat_id=seat_id)
        return new_id

    def strike(self, table: str, row_id: int, *, at: datetime, seat_id: int | None) -> None:
        """No version of this capture is current any more; the rows stay for the trail."""
        assert table in VERSIONED
        with self.database.atomic():
            [old] = self.database.query(f"SELECT id, meeting_id, origin_id FROM {table} WHERE id = ?", [row_id])
            origin = old["origin_id"] or old["id"]
            self.database.execute(f"UPDATE {table} SET current = 0 WHERE coalesce(origin_id, id) = ?", [origin])
            self.log(old["meeting_id"], table, origin, "strike", at=at, old_id=row_id, seat_id=seat_id)

    def restore(self, table: str, origin: int, *, at: datetime, seat_id: int | None) -> int:
        """Make the last version of a struck capture current again; returns its id."""
        assert table in VERSIONED
        with self.database.atomic():
            [last] = self.database.query(
                f"SELECT id, meeting_id FROM {table} WHERE coalesce(origin_id, id) = ? ORDER BY id DESC LIMIT 1", [origin]
            )
            self.database.execute(f"UPDATE {table} SET current = 1 WHERE id = ?", [last["id"]])
            self.log(last["meeting_id"], table, origin, "restore", at=at, new_id=last["id"], seat_id=seat_id)
        return int(last["id"])

    def moved_answers(self, item_id: int) -> dict[int, int]:
        """Check-in rows of a round that were credited to the wrong person: row id -> the person
        the answer was moved to (as `/edit N Name: ...` logged it)."""
        rows = self.database.execute(
            "SELECT old_id, detail FROM corrections WHERE subject = 'checkin_answers' AND action = 'edit' AND detail LIKE '%person_id%' "
            "AND json_extract(detail, '$.item_id') = ?", [item_id],
        )
        return {old: int(json.loads(detail)["person_id"]) for old, detail in rows if old is not None}

    def trail(self, meeting_id: int) -> list[dict[str, Any]]:
        """Every correction of a meeting, oldest first, with the seat's process and user."""
        sql = """
            SELECT c.*, s.pid AS seat_pid, s.user AS seat_user FROM corrections c LEFT JOIN seats s ON s.id = c.seat_id
            WHERE c.meeting_id = ? ORDER BY c.id
        """
        return self.database.query(sql, [meeting_id])
