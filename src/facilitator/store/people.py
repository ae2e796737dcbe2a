"""The people of a series (its roster), who came to each meeting, and the sectors it needs."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

import msgspec

from facilitator.models import Attendance, AttendanceStatus, Person
from facilitator.store.database import Repository

# Every column that names a person, for merging duplicates.
_PERSON_REFERENCES = (
    ("attendance", "person_id"),
    ("checkin_order", "person_id"),
    ("checkin_answers", "person_id"),
    ("idea_authors", "person_id"),
    ("note_speakers", "person_id"),
    ("dots", "person_id"),
    ("turns", "person_id"),
    ("speaker_queue", "person_id"),
    ("meeting_roles", "person_id"),
    ("next_steps", "owner_id"),
)


class People(Repository):
    """Rosters, attendance, and the sectors a series expects at the table."""

    def add(
        self,
        series_id: int | None,
        name: str,
        organisation: str = "",
        sector: str = "",
        role: str = "",
        voting: bool = False,
        community: bool = False,
        email: str = "",
        *,
        at: datetime | None = None,
    ) -> Person:
        """Someone new on a series' roster, from `at` on (None: as if always)."""
        data: dict[str, Any] = {
            "series_id": series_id,
            "name": name,
            "organisation": organisation,
            "sector": sector,
            "role": role,
            "voting": int(voting),
            "community": int(community),
            "email": email,
            "added_at": at.isoformat() if at else None,
        }
        return Person.from_row(data, id=self.database.insert("people", data))

    def add_many(self, series_id: int | None, people: Iterable[tuple[Any, ...]]) -> list[Person]:
        """Add several (name, organisation, sector, role[, voting[, community[, email]]]) rows to a roster."""
        with self.database.atomic():
            return [self.add(series_id, *person) for person in people]

    def get(self, person_id: int) -> Person:
        [row] = self.database.query("SELECT * FROM people WHERE id = ?", [person_id])
        return Person.from_row(row)

    def update(self, person: Person) -> None:
        """Store a person's details as they are now (the caller logs what they were: `Roster`)."""
        data = msgspec.structs.asdict(person)
        del data["id"]
        data["voting"] = int(person.voting)
        data["community"] = int(person.community)
        data["retired_at"] = person.retired_at.isoformat() if person.retired_at else None
        data["added_at"] = person.added_at.isoformat() if person.added_at else None
        self.database.update("people", person.id, data)

    def roster(self, series_id: int | None, *, retired: bool = False) -> list[Person]:
        """Everyone on a series' roster, by name; with `retired`, those who left it too (past
        minutes still name them)."""
        if series_id is None:
            return []
        where = "" if retired else " AND retired_at IS NULL"
        rows = self.database.query(f"SELECT * FROM people WHERE series_id = ?{where} ORDER BY name COLLATE NOCASE", [series_id])
        return [Person.from_row(row) for row in rows]

    def merge(self, duplicate: int, into: int, *, at: datetime) -> dict[str, int]:
        """Everything recorded of `duplicate` becomes `into`'s, and `duplicate` leaves the roster.
        Where both have a current mark or check-in, the later one counts. Returns how many rows
        of each table moved, for the trail."""
        moved: dict[str, int] = {}
        with self.database.atomic():
            for table, column in _PERSON_REFERENCES:
                if table == "checkin_order":  # one seat per person and round: keep the earlier one
                    self.database.execute(
                        "DELETE FROM checkin_order WHERE person_id = ? "
                        "AND item_id IN (SELECT item_id FROM checkin_order WHERE person_id = ?)",
                        [duplicate, into],
                    )
                cursor = self.database.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = ?", [into, duplicate])
                if cursor.rowcount:
                    moved[table] = cursor.rowcount
            for table, scope in (("attendance", "meeting_id"), ("checkin_answers", "item_id")):
                self.database.execute(
                    f"""UPDATE {table} SET current = 0 WHERE person_id = ? AND current = 1 AND id NOT IN (
                            SELECT max(id) FROM {table} WHERE person_id = ? AND current = 1 GROUP BY {scope})""",
                    [into, into],
                )
            self.database.update("people", duplicate, {"retired_at": at.isoformat(), "merged_into": into})
        return moved

    # Attendance --------------------------------------------------------

    def mark(self, meeting_id: int, person_id: int, status: AttendanceStatus, at: datetime, *, seat_id: int | None = None) -> int:
        """A new attendance mark; the person's earlier mark stays, no longer current. Returns its id.
        Someone who arrived late and then leaves early keeps both: the new mark carries `late_at`."""
        with self.database.atomic():
            before = self.current_mark(meeting_id, person_id)
            late_at = None
            if status is AttendanceStatus.LEFT_EARLY and before is not None:
                late_at = before["at"] if before["status"] == AttendanceStatus.LATE.value else before["late_at"]
            self.database.execute(
                "UPDATE attendance SET current = 0 WHERE meeting_id = ? AND person_id = ? AND current = 1", [meeting_id, person_id]
            )
            return self.database.insert(
                "attendance",
                {"meeting_id": meeting_id, "person_id": person_id, "status": status.value, "at": at.isoformat(), "seat_id": seat_id,
                 "late_at": late_at},
            )

    def unmark(self, mark_id: int) -> None:
        """Take a mark back: the person's mark before it (if any) counts again."""
        with self.database.atomic():
            [mark] = self.database.query("SELECT meeting_id, person_id FROM attendance WHERE id = ?", [mark_id])
            self.database.execute("UPDATE attendance SET current = 0, taken_back = 1 WHERE id = ?", [mark_id])
            self.database.execute(
                """UPDATE attendance SET current = 1 WHERE id = (
                       SELECT max(id) FROM attendance WHERE meeting_id = ? AND person_id = ? AND id < ? AND taken_back = 0)""",
                [mark["meeting_id"], mark["person_id"], mark_id],
            )

    def current_mark(self, meeting_id: int, person_id: int) -> dict[str, Any] | None:
        """The person's attendance mark that counts now, if any."""
        rows = self.database.query(
            "SELECT * FROM attendance WHERE meeting_id = ? AND person_id = ? AND current = 1", [meeting_id, person_id]
        )
        return rows[0] if rows else None

    def mark_of(self, mark_id: int) -> dict[str, Any] | None:
        """One attendance mark with the person's name."""
        rows = self.database.query(
            "SELECT a.*, p.name FROM attendance a JOIN people p ON p.id = a.person_id WHERE a.id = ?", [mark_id]
        )
        return rows[0] if rows else None

    def attendance(self, meeting_id: int) -> list[Attendance]:
        sql = """
            SELECT a.status, a.at, a.late_at, p.* FROM attendance a JOIN people p ON p.id = a.person_id
            WHERE a.meeting_id = ? AND a.current = 1 ORDER BY p.name
        """
        return [Attendance.from_row(row, person=Person.from_row(row)) for row in self.database.query(sql, [meeting_id])]

    # Sectors -----------------------------------------------------------

    def series_sectors(self, series_id: int | None) -> list[str] | None:
        """The sectors this series expects at the table; None means the usual list."""
        if series_id is None:
            return None
        row = self.database.execute("SELECT sectors FROM series WHERE id = ?", [series_id]).fetchone()
        return list(json.loads(row[0])) if row and row[0] else None

    def set_series_sectors(self, series_id: int, sectors: list[str] | None) -> None:
        self.database.update("series", series_id, {"sectors": json.dumps(sectors) if sectors else None})
