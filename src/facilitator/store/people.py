"""The people of a series (its roster), who came to each meeting, and the sectors it needs."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

import msgspec

from facilitator.models import Attendance, AttendanceStatus, Person
from facilitator.store.database import Repository


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
    ) -> Person:
        data: dict[str, Any] = {
            "series_id": series_id,
            "name": name,
            "organisation": organisation,
            "sector": sector,
            "role": role,
            "voting": int(voting),
        }
        return Person.from_row(data, id=self.database.insert("people", data))

    def add_many(self, series_id: int | None, people: Iterable[tuple[Any, ...]]) -> list[Person]:
        """Add several (name, organisation, sector, role[, voting]) rows to a roster."""
        with self.database.atomic():
            return [self.add(series_id, *person) for person in people]

    def update(self, person: Person) -> None:
        data = msgspec.structs.asdict(person)
        del data["id"]
        data["voting"] = int(person.voting)
        self.database.update("people", person.id, data)

    def roster(self, series_id: int | None) -> list[Person]:
        """Everyone on a series' roster, by name."""
        if series_id is None:
            return []
        rows = self.database.query("SELECT * FROM people WHERE series_id = ? ORDER BY name COLLATE NOCASE", [series_id])
        return [Person.from_row(row) for row in rows]

    # Attendance --------------------------------------------------------

    def mark(self, meeting_id: int, person_id: int, status: AttendanceStatus, at: datetime) -> None:
        self.database.upsert(
            "attendance",
            {"meeting_id": meeting_id, "person_id": person_id, "status": status.value, "at": at.isoformat()},
            ("meeting_id", "person_id"),
        )

    def attendance(self, meeting_id: int) -> list[Attendance]:
        sql = """
            SELECT a.status, a.at, p.* FROM attendance a JOIN people p ON p.id = a.person_id
            WHERE a.meeting_id = ? ORDER BY p.name
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
