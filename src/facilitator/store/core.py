"""The core of the store: the file, its settings and migrations, and the meeting records."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Self

import sqlite_utils

from facilitator.agenda import AgendaTemplate, ItemKind
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
from facilitator.store.schema import MIGRATIONS, SCHEMA_VERSION

BUSY_TIMEOUT_MS = 5000


class ImmediateDatabase(sqlite_utils.Database):
    """sqlite-utils, with write transactions that take the write lock when they begin.

    A plain BEGIN reads first and upgrades later; if another seat wrote in between, SQLite
    answers "database is locked" at once, without waiting. BEGIN IMMEDIATE waits its turn
    (up to the busy timeout) instead.
    """

    @contextlib.contextmanager
    def atomic(self) -> Iterator[sqlite_utils.Database]:
        if self.conn.in_transaction:
            with super().atomic():
                yield self
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        else:
            try:
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise


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

    def __init__(self, db: sqlite_utils.Database, path: Path, *, readonly: bool = False) -> None:
        self.db = db
        self.path = path
        self.readonly = readonly

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
            return cls(ImmediateDatabase(conn, execute_plugins=False), path, readonly=True)
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StoreError(
                f"cannot use {path} ({exc}). Nothing was changed; if the file is damaged, restore a backup "
                "or move it aside and start a new database with --db."
            ) from None
        store = cls(ImmediateDatabase(conn, execute_plugins=False), path)
        try:
            store._migrate(version)
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StoreError(f"cannot prepare {path} ({exc}); the upgrade was rolled back and nothing was changed.") from None
        return store

    def _migrate(self, version: int) -> None:
        for target, migration in enumerate(MIGRATIONS[version:], start=version + 1):
            with self.db.atomic():
                migration(self.db)
                self.db.execute(f"PRAGMA user_version = {target}")

    def close(self) -> None:
        self.db.close()

    def data_version(self) -> int:
        """Changes whenever another connection commits: how a seat notices the other seat's writes."""
        return self.db.execute("PRAGMA data_version").fetchone()[0]

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
        person_id = self.db["people"].insert(data).last_pk
        return Person(id=person_id, **data)

    def update_person(self, person: Person) -> None:
        data = person.model_dump(exclude={"id"})
        data["voting"] = int(person.voting)
        self.db["people"].update(person.id, data)

    def ensure_series(self, meeting_id: int, *, at: datetime) -> int:
        """The meeting's series, created from its title when it has none: people persist per series."""
        meeting = self.meeting(meeting_id)
        if meeting.series_id is not None:
            return meeting.series_id
        base, name, n = meeting.title, meeting.title, 1
        while self.db.execute("SELECT 1 FROM series WHERE name = ?", [name]).fetchone():
            n += 1
            name = f"{base} ({n})"
        series_id = self.series_id(name, at=at)
        self.db["meetings"].update(meeting_id, {"series_id": series_id})
        return series_id

    def roster(self, series_id: int | None) -> list[Person]:
        """Everyone on a series' roster, by name."""
        if series_id is None:
            return []
        rows = self.db["people"].rows_where("series_id = ?", [series_id], order_by="name COLLATE NOCASE")
        return [Person(**row) for row in rows]

    def set_role(self, meeting_id: int, role: str, person_id: int | None) -> None:
        if person_id is None:
            self.db.execute("DELETE FROM meeting_roles WHERE meeting_id = ? AND role = ?", [meeting_id, role])
        else:
            self.db["meeting_roles"].upsert(
                {"meeting_id": meeting_id, "role": role, "person_id": person_id}, pk=("meeting_id", "role")
            )

    def roles(self, meeting_id: int) -> dict[str, Person]:
        sql = """
            SELECT r.role, p.* FROM meeting_roles r JOIN people p ON p.id = r.person_id
            WHERE r.meeting_id = ?
        """
        return {row.pop("role"): Person(**row) for row in self.db.query(sql, [meeting_id])}

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
                    "speaker_seconds": round(item.speaker_minutes * 60),
                    "dot_budget": item.dots,
                    "questions": json.dumps(item.questions) if item.questions else None,
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

    def set_quorum(self, meeting_id: int, needed: int | None) -> None:
        self.db["meetings"].update(meeting_id, {"quorum": needed})

    def set_ground_rules(self, meeting_id: int, rules: list[str]) -> None:
        self.db["meetings"].update(meeting_id, {"ground_rules": json.dumps(rules)})

    def add_agenda_item(
        self, meeting_id: int, title: str, kind: ItemKind, minutes: int, prompt: str = "", *, live: bool
    ) -> AgendaItem:
        """Append an item row; a live one enters the running order through an `add` clock event."""
        position = self.db.execute(
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
        item_id = self.db["agenda_items"].insert(data).last_pk
        return AgendaItem(id=item_id, **data)

    def agenda(self, meeting_id: int) -> list[AgendaItem]:
        rows = self.db["agenda_items"].rows_where("meeting_id = ?", [meeting_id], order_by="position")
        return [AgendaItem(**row) for row in rows]

    # Captures ----------------------------------------------------------

    def add_entry(self, meeting_id: int, item_id: int, text: str, *, at: datetime, kind: EntryKind = EntryKind.NOTE) -> Entry:
        """Store one capture durably and return it."""
        data = {"meeting_id": meeting_id, "item_id": item_id, "kind": kind.value, "text": text, "created_at": at.isoformat()}
        entry_id = self.db["entries"].insert(data).last_pk
        return Entry(id=entry_id, **data)

    def entries(self, meeting_id: int, item_id: int | None = None, *, kind: EntryKind | None = None) -> list[Entry]:
        where, args = "meeting_id = ?", [meeting_id]
        if item_id is not None:
            where, args = where + " AND item_id = ?", args + [item_id]
        if kind is not None:
            where, args = where + " AND kind = ?", args + [kind.value]
        return [Entry(**row) for row in self.db["entries"].rows_where(where, args, order_by="id")]

    # The clock ---------------------------------------------------------

    def add_clock_event(self, meeting_id: int, event: ClockEvent) -> None:
        self.add_clock_events(meeting_id, [event])

    def add_clock_events(self, meeting_id: int, events: list[ClockEvent]) -> None:
        """Store flow events together: a choice such as re-timing several items is all or nothing."""
        self.db["clock_events"].insert_all(
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
        )

    def clock_events(self, meeting_id: int) -> list[ClockEvent]:
        rows = self.db["clock_events"].rows_where("meeting_id = ?", [meeting_id], order_by="at, id")
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
        with self.db.atomic():
            return [self.add_person(series_id, *person) for person in people]
