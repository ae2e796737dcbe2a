"""The core of the store: the file, its settings and migrations, and the meeting records."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

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
from facilitator.store.schema import SCHEMA_VERSION

if TYPE_CHECKING:
    import sqlite_utils

    from facilitator.agenda import AgendaTemplate

BUSY_TIMEOUT_MS = 5000
Params = Sequence[Any] | Mapping[str, Any]


class StoreError(Exception):
    """A database the app cannot use; the message says why and what to do."""


def _create_private(path: Path) -> None:
    """Create the database file readable by its owner only (meeting notes are private)."""
    if path.exists():
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except OSError as exc:
        raise StoreError(f"cannot create the database at {path}: {exc.strerror or exc}") from None


class MeetingRecords:
    """Opening the file, and the records every meeting has: series, people, agenda, captures, clock."""

    def __init__(self, conn: sqlite3.Connection, path: Path, *, readonly: bool = False) -> None:
        self.conn = conn
        self.path = path
        self.readonly = readonly
        self._db: sqlite_utils.Database | None = None

    @classmethod
    def open(cls, path: Path | str, *, readonly: bool = False) -> Self:
        """Open (creating if need be) a database; `readonly` opens an existing one for projection."""
        path = Path(path)
        if readonly:
            if not path.is_file():
                raise StoreError(f"{path} does not exist; a read-only seat needs a meeting database.")
        else:
            _create_private(path)
            if not os.access(path, os.W_OK):
                raise StoreError(f"{path} is not writable by you. Nothing was changed; fix its permissions, or use --view to only watch.")
        try:
            target = f"file:{path}?mode=ro" if readonly else str(path)
            conn = sqlite3.connect(target, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, uri=readonly)
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"{path} is not a Facilitator database ({exc}). Nothing was changed. If it is a damaged "
                "meeting database, restore a backup; otherwise move it aside or pass another file with --db."
            ) from None
        if version > SCHEMA_VERSION:
            conn.close()
            raise StoreError(
                f"{path} was written by a newer Facilitator (schema {version}, this one knows "
                f"{SCHEMA_VERSION}). Nothing was changed; upgrade Facilitator to open it."
            )
        if readonly:
            if version < SCHEMA_VERSION:
                conn.close()
                raise StoreError(f"{path} needs upgrading; open it once without --view first.")
            return cls(conn, path, readonly=True)
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA recursive_triggers = ON")  # as sqlite-utils sets it: its FTS triggers expect it
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StoreError(
                f"cannot use {path} ({exc}). Nothing was changed; if the file is damaged, restore a backup "
                "or move it aside and start a new database with --db."
            ) from None
        store = cls(conn, path)
        try:
            store._migrate(version)
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StoreError(f"cannot prepare {path} ({exc}); the upgrade was rolled back and nothing was changed.") from None
        return store

    def _migrate(self, version: int) -> None:
        if version == SCHEMA_VERSION:
            return
        from facilitator.store.schema import MIGRATIONS

        for target, migration in enumerate(MIGRATIONS[version:], start=version + 1):
            with self.atomic():
                migration(self.db)
                self.conn.execute(f"PRAGMA user_version = {target}")

    def close(self) -> None:
        self.conn.close()

    @property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils on the same connection: it builds and migrates the schema, and suits
        reading tables by name. Imported on first use, because opening a meeting does not need
        it and its import alone costs a fifth of a bare Textual app's start."""
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self.conn, recursive_triggers=False, execute_plugins=False)
        return self._db

    # Statements --------------------------------------------------------
    # The live path talks to sqlite3 directly: four statement shapes, each one line of SQL.
    # Table and column names come from this package, never from what people type.

    @contextlib.contextmanager
    def atomic(self) -> Iterator[None]:
        """One transaction that takes the write lock when it begins; nested blocks are savepoints.

        A plain BEGIN reads first and upgrades later; if another seat wrote in between, SQLite
        answers "database is locked" at once, without waiting. BEGIN IMMEDIATE waits its turn
        (up to the busy timeout) instead.
        """
        if self.conn.in_transaction:
            self.conn.execute("SAVEPOINT nested")
            try:
                yield
            except BaseException:
                if self.conn.in_transaction:  # an error may already have ended the transaction
                    self.conn.execute("ROLLBACK TO nested")
                    self.conn.execute("RELEASE nested")
                raise
            self.conn.execute("RELEASE nested")
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise

    def execute(self, sql: str, params: Params = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def query(self, sql: str, params: Params = ()) -> list[dict[str, Any]]:
        """Rows as dictionaries keyed by column name."""
        cursor = self.conn.execute(sql, params)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row)) for row in cursor]

    def _insert(self, table: str, data: Mapping[str, Any], *, conflict: str = "") -> int:
        """Insert one row and return its rowid; `conflict` is `OR IGNORE` or `OR REPLACE`."""
        columns = ", ".join(f'"{name}"' for name in data)
        marks = ", ".join("?" * len(data))
        sql = f'INSERT {conflict} INTO "{table}" ({columns}) VALUES ({marks})'
        return self.conn.execute(sql, list(data.values())).lastrowid

    def _insert_all(self, table: str, rows: Iterable[Mapping[str, Any]], *, conflict: str = "") -> None:
        with self.atomic():
            for row in rows:
                self._insert(table, row, conflict=conflict)

    def _upsert(self, table: str, data: Mapping[str, Any], key: tuple[str, ...]) -> None:
        """Insert the row, or update the one with the same `key` columns."""
        columns = ", ".join(f'"{name}"' for name in data)
        marks = ", ".join("?" * len(data))
        updates = ", ".join(f'"{name}" = excluded."{name}"' for name in data if name not in key)
        conflict = ", ".join(f'"{name}"' for name in key)
        sql = f'INSERT INTO "{table}" ({columns}) VALUES ({marks}) ON CONFLICT ({conflict}) DO UPDATE SET {updates}'
        self.conn.execute(sql, list(data.values()))

    def _update(self, table: str, row_id: int, data: Mapping[str, Any]) -> None:
        settings = ", ".join(f'"{name}" = ?' for name in data)
        self.conn.execute(f'UPDATE "{table}" SET {settings} WHERE id = ?', [*data.values(), row_id])

    def data_version(self) -> int:
        """Changes whenever another connection commits: how a seat notices the other seat's writes."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

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
            SELECT r.role, p.* FROM meeting_roles r JOIN people p ON p.id = r.person_id
            WHERE r.meeting_id = ?
        """
        return {row["role"]: Person.from_row(row) for row in self.query(sql, [meeting_id])}

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
