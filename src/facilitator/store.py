"""The one module that owns SQLite.

Every write is a small synchronous transaction, committed with
`synchronous=FULL` before the call returns, so whatever a note-taker typed
survives a crash the moment Enter is handled. Plain tables with foreign keys,
readable with the `sqlite-utils` CLI. A connection belongs to the thread that
opened it; workers open their own `Store`.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path

import sqlite_utils

from facilitator.agenda import AgendaTemplate
from facilitator.clock import ClockEvent, FlowKind
from facilitator.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Entry,
    EntryKind,
    Meeting,
    Person,
)

SCHEMA_VERSION = 1
BUSY_TIMEOUT_MS = 5000


class StoreError(Exception):
    """A database the app cannot use; the message says why and what to do."""


def _v1(db: sqlite_utils.Database) -> None:
    db["series"].create({"id": int, "name": str, "created_at": str}, pk="id", not_null={"name"})
    db["series"].create_index(["name"], unique=True)
    db["people"].create(
        {"id": int, "series_id": int, "name": str, "organisation": str, "sector": str, "role": str},
        pk="id",
        not_null={"name"},
        foreign_keys=[("series_id", "series", "id")],
    )
    db["meetings"].create(
        {
            "id": int,
            "series_id": int,
            "title": str,
            "date": str,
            "place": str,
            "template": str,
            "ground_rules": str,
            "created_at": str,
        },
        pk="id",
        not_null={"title", "date"},
        foreign_keys=[("series_id", "series", "id")],
    )
    db["attendance"].create(
        {"meeting_id": int, "person_id": int, "status": str, "at": str},
        pk=("meeting_id", "person_id"),
        not_null={"status"},
        foreign_keys=[("meeting_id", "meetings", "id"), ("person_id", "people", "id")],
    )
    db["agenda_items"].create(
        {
            "id": int,
            "meeting_id": int,
            "position": int,
            "title": str,
            "kind": str,
            "planned_minutes": int,
            "prompt": str,
        },
        pk="id",
        not_null={"meeting_id", "position", "title", "kind", "planned_minutes"},
        foreign_keys=[("meeting_id", "meetings", "id")],
    )
    db["agenda_items"].create_index(["meeting_id", "position"])
    db["entries"].create(
        {"id": int, "meeting_id": int, "item_id": int, "kind": str, "text": str, "created_at": str},
        pk="id",
        not_null={"meeting_id", "item_id", "kind", "text", "created_at"},
        foreign_keys=[("meeting_id", "meetings", "id"), ("item_id", "agenda_items", "id")],
    )
    db["entries"].create_index(["meeting_id", "item_id"])
    db["clock_events"].create(
        {"id": int, "meeting_id": int, "at": str, "kind": str, "item_id": int, "minutes": int},
        pk="id",
        not_null={"meeting_id", "at", "kind"},
        foreign_keys=[("meeting_id", "meetings", "id"), ("item_id", "agenda_items", "id")],
    )
    db["clock_events"].create_index(["meeting_id", "at"])


# Forward-only: migration N takes a database at version N to N + 1.
MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [_v1]


def _create_private(path: Path) -> None:
    """Create the database file readable by its owner only (meeting notes are private)."""
    if path.exists():
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except OSError as exc:
        raise StoreError(f"cannot create the database at {path}: {exc.strerror or exc}") from None


class Store:
    """Meetings, agendas, captures and clock events in one SQLite file."""

    def __init__(self, db: sqlite_utils.Database, path: Path) -> None:
        self.db = db
        self.path = path

    @classmethod
    def open(cls, path: Path | str) -> Store:
        path = Path(path)
        _create_private(path)
        try:
            conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"{path} is not a Facilitator database ({exc}). Nothing was changed; "
                "move it aside or pass another file with --db."
            ) from None
        if version > SCHEMA_VERSION:
            conn.close()
            raise StoreError(
                f"{path} was written by a newer Facilitator (schema {version}, this one knows "
                f"{SCHEMA_VERSION}). Nothing was changed; upgrade Facilitator to open it."
            )
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.OperationalError as exc:
            conn.close()
            raise StoreError(f"cannot write to {path}: {exc}") from None
        store = cls(sqlite_utils.Database(conn, execute_plugins=False), path)
        store._migrate(version)
        return store

    def _migrate(self, version: int) -> None:
        for target, migration in enumerate(MIGRATIONS[version:], start=version + 1):
            with self.db.atomic():
                migration(self.db)
                self.db.execute(f"PRAGMA user_version = {target}")

    def close(self) -> None:
        self.db.close()

    @property
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    # Series and people -------------------------------------------------

    def series_id(self, name: str, *, at: datetime) -> int:
        """The id of the series called `name`, created if new."""
        row = self.db.execute("SELECT id FROM series WHERE name = ?", [name]).fetchone()
        if row:
            return row[0]
        return self.db["series"].insert({"name": name, "created_at": at.isoformat()}).last_pk

    def add_person(
        self, series_id: int | None, name: str, organisation: str = "", sector: str = "", role: str = ""
    ) -> Person:
        data = {"series_id": series_id, "name": name, "organisation": organisation, "sector": sector, "role": role}
        person_id = self.db["people"].insert(data).last_pk
        return Person(id=person_id, **data)

    def roster(self, series_id: int) -> list[Person]:
        rows = self.db["people"].rows_where("series_id = ?", [series_id], order_by="name")
        return [Person(**row) for row in rows]

    def set_attendance(self, meeting_id: int, person_id: int, status: AttendanceStatus, at: datetime) -> None:
        self.db["attendance"].upsert(
            {"meeting_id": meeting_id, "person_id": person_id, "status": status.value, "at": at.isoformat()},
            pk=("meeting_id", "person_id"),
        )

    def attendance(self, meeting_id: int) -> list[Attendance]:
        sql = """
            SELECT a.status, a.at, p.* FROM attendance a JOIN people p ON p.id = a.person_id
            WHERE a.meeting_id = ? ORDER BY p.name
        """
        result = []
        for row in self.db.query(sql, [meeting_id]):
            status, at = row.pop("status"), row.pop("at")
            result.append(Attendance(person=Person(**row), status=status, at=at))
        return result

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
        with self.db.atomic():
            series_id = self.series_id(series, at=at) if series else None
            meeting_id = self.db["meetings"].insert(
                {
                    "series_id": series_id,
                    "title": title,
                    "date": on.isoformat(),
                    "place": place,
                    "template": template_name,
                    "ground_rules": json.dumps(template.ground_rules),
                    "created_at": at.isoformat(),
                }
            ).last_pk
            self.db["agenda_items"].insert_all(
                {
                    "meeting_id": meeting_id,
                    "position": position,
                    "title": item.title,
                    "kind": item.kind.value,
                    "planned_minutes": item.minutes,
                    "prompt": item.prompt,
                }
                for position, item in enumerate(template.items, start=1)
            )
        return meeting_id

    _MEETING_SQL = """
        SELECT m.*, s.name AS series_name FROM meetings m LEFT JOIN series s ON s.id = m.series_id
    """

    @staticmethod
    def _meeting(row: dict) -> Meeting:
        row = dict(row)
        row["ground_rules"] = json.loads(row["ground_rules"] or "[]")
        return Meeting(**row)

    def meeting(self, meeting_id: int) -> Meeting:
        """The meeting with this id; `KeyError` when there is none."""
        rows = list(self.db.query(self._MEETING_SQL + " WHERE m.id = ?", [meeting_id]))
        if not rows:
            raise KeyError(meeting_id)
        return self._meeting(rows[0])

    def meetings(self) -> list[Meeting]:
        """All meetings, newest first."""
        return [self._meeting(row) for row in self.db.query(self._MEETING_SQL + " ORDER BY m.date DESC, m.id DESC")]

    def agenda(self, meeting_id: int) -> list[AgendaItem]:
        rows = self.db["agenda_items"].rows_where("meeting_id = ?", [meeting_id], order_by="position")
        return [AgendaItem(**row) for row in rows]

    # Captures ----------------------------------------------------------

    def add_entry(self, meeting_id: int, item_id: int, text: str, *, at: datetime, kind: EntryKind = EntryKind.NOTE) -> Entry:
        """Store one capture durably and return it."""
        data = {"meeting_id": meeting_id, "item_id": item_id, "kind": kind.value, "text": text, "created_at": at.isoformat()}
        entry_id = self.db["entries"].insert(data).last_pk
        return Entry(id=entry_id, **data)

    def entries(self, meeting_id: int, item_id: int | None = None) -> list[Entry]:
        where, args = "meeting_id = ?", [meeting_id]
        if item_id is not None:
            where, args = where + " AND item_id = ?", args + [item_id]
        return [Entry(**row) for row in self.db["entries"].rows_where(where, args, order_by="id")]

    # The clock ---------------------------------------------------------

    def add_clock_event(self, meeting_id: int, event: ClockEvent) -> None:
        self.db["clock_events"].insert(
            {
                "meeting_id": meeting_id,
                "at": event.at.isoformat(),
                "kind": event.kind.value,
                "item_id": event.item_id,
                "minutes": event.minutes,
            }
        )

    def clock_events(self, meeting_id: int) -> list[ClockEvent]:
        rows = self.db["clock_events"].rows_where("meeting_id = ?", [meeting_id], order_by="at, id")
        return [
            ClockEvent(
                at=datetime.fromisoformat(row["at"]),
                kind=FlowKind(row["kind"]),
                item_id=row["item_id"],
                minutes=row["minutes"],
            )
            for row in rows
        ]

    def add_people(self, series_id: int | None, people: Iterable[tuple[str, str, str, str]]) -> list[Person]:
        """Add several (name, organisation, sector, role) rows to a roster."""
        with self.db.atomic():
            return [self.add_person(series_id, *person) for person in people]
