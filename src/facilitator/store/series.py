"""A whole series read at once, for the series report: one query per kind of record, whatever
the number of meetings, so a coalition's hundredth meeting reports as fast as its tenth."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any, TypeVar

from facilitator.clock import ClockEvent
from facilitator.models import AgendaItem, Attendance, Decision, EvaluationEntry, Meeting, Person, Turn
from facilitator.store.database import Repository

T = TypeVar("T")

_IN_SERIES = "meeting_id IN (SELECT id FROM meetings WHERE series_id = :series)"


class SeriesRecords(Repository):
    """Everything the series report reads, grouped by meeting id."""

    def series_id(self, name: str) -> int | None:
        row = self.database.execute("SELECT id FROM series WHERE name = ?", [name]).fetchone()
        return int(row[0]) if row else None

    def meetings(self, series_id: int) -> list[Meeting]:
        """The series' meetings, oldest first."""
        sql = """
            SELECT m.*, s.name AS series_name FROM meetings m JOIN series s ON s.id = m.series_id
            WHERE m.series_id = ? ORDER BY m.date, m.id
        """
        return [Meeting.from_row(row) for row in self.database.query(sql, [series_id])]

    def people(self, series_id: int) -> list[Person]:
        """Everyone ever on the roster (those who left it too), by name; not the duplicates merged away."""
        sql = "SELECT * FROM people WHERE series_id = ? AND merged_into IS NULL ORDER BY name COLLATE NOCASE"
        return [Person.from_row(row) for row in self.database.query(sql, [series_id])]

    def items(self, series_id: int) -> dict[int, list[AgendaItem]]:
        rows = self.database.query(f"SELECT * FROM agenda_items WHERE {_IN_SERIES} ORDER BY meeting_id, position", {"series": series_id})
        return _grouped((row["meeting_id"], AgendaItem.from_row(row)) for row in rows)

    def events(self, series_id: int) -> dict[int, list[ClockEvent]]:
        return clock_events(
            self.database.query(f"SELECT * FROM clock_events WHERE {_IN_SERIES} ORDER BY meeting_id, at, id", {"series": series_id})
        )

    def attendance(self, series_id: int, people: dict[int, Person]) -> dict[int, list[Attendance]]:
        """Each meeting's current marks, for the people given (a merged duplicate's marks moved to
        the person it was merged into)."""
        rows = self.database.query(
            f"SELECT meeting_id, person_id, status, at FROM attendance WHERE {_IN_SERIES} AND current = 1", {"series": series_id}
        )
        found: dict[int, list[Attendance]] = defaultdict(list)
        for row in rows:
            if row["person_id"] in people:
                found[row["meeting_id"]].append(Attendance.from_row(row, person=people[row["person_id"]]))
        return found

    def turns(self, series_id: int) -> dict[int, list[Turn]]:
        rows = self.database.query(f"SELECT * FROM turns WHERE {_IN_SERIES} ORDER BY meeting_id, id", {"series": series_id})
        return _grouped((row["meeting_id"], Turn.from_row(row)) for row in rows)

    def evaluations(self, series_id: int) -> dict[int, list[EvaluationEntry]]:
        rows = self.database.query(
            f"SELECT * FROM evaluations WHERE {_IN_SERIES} AND current = 1 ORDER BY meeting_id, coalesce(origin_id, id)",
            {"series": series_id},
        )
        return _grouped((row["meeting_id"], EvaluationEntry.from_row(row)) for row in rows)

    def decisions(self, series_id: int) -> list[tuple[Decision, str]]:
        """Current decisions with the title of the item they were made in, oldest first."""
        sql = f"""
            SELECT d.*, i.title AS item_title FROM decisions d JOIN agenda_items i ON i.id = d.item_id
            WHERE d.{_IN_SERIES} AND d.current = 1 ORDER BY d.created_at, coalesce(d.origin_id, d.id)
        """
        return [(Decision.from_row(row), row["item_title"]) for row in self.database.query(sql, {"series": series_id})]

    def next_steps(self, series_id: int) -> list[dict[str, Any]]:
        """Current next steps (id: the step's first version), oldest first."""
        sql = f"""
            SELECT coalesce(origin_id, id) AS id, meeting_id, text, owner_id, owner_name, due, status, created_at
            FROM next_steps WHERE {_IN_SERIES} AND current = 1 ORDER BY created_at, coalesce(origin_id, id)
        """
        return self.database.query(sql, {"series": series_id})

    def parked(self, series_id: int) -> list[dict[str, Any]]:
        """Current parking-lot entries (id: the entry's first version), oldest first."""
        sql = f"""
            SELECT coalesce(origin_id, id) AS id, meeting_id, text, created_at FROM entries
            WHERE {_IN_SERIES} AND kind = 'park' AND current = 1 ORDER BY created_at, coalesce(origin_id, id)
        """
        return self.database.query(sql, {"series": series_id})

    def reviews(self, series_id: int) -> list[dict[str, Any]]:
        """Every review made in the series' meetings, in the order made."""
        return self.database.query(
            f"SELECT subject, ref_id, outcome, meeting_id, at, done_on FROM reviews WHERE {_IN_SERIES} ORDER BY id",
            {"series": series_id},
        )


def clock_events(rows: Iterable[dict[str, Any]]) -> dict[int, list[ClockEvent]]:
    """Stored flow events, by meeting id, in the order given."""
    return _grouped((row["meeting_id"], ClockEvent.from_row(row)) for row in rows)


def _grouped(pairs: Iterable[tuple[int, T]]) -> dict[int, list[T]]:
    found: dict[int, list[T]] = defaultdict(list)
    for meeting_id, record in pairs:
        found[meeting_id].append(record)
    return found
