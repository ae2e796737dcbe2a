"""The one package that owns SQLite.

Every write is a small synchronous transaction, committed with
`synchronous=FULL` before the call returns, so whatever a note-taker typed
survives a crash the moment Enter is handled. Plain tables with foreign keys,
built and migrated with sqlite-utils and readable with its CLI. A connection
belongs to the thread that opened it; workers open their own `Store`.

`Store` is one `Database` (the file, its transactions and statements) and a
repository per kind of record: `store.meetings`, `store.agenda`, `store.people`,
`store.captures`, `store.checkin`, `store.brainwriting`, `store.evaluation`,
`store.review`, `store.voices`, `store.seats`, `store.archive`, `store.corrections` and
`store.series` (a whole series at once, for its report) and `store.documents` (workshop results).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Self

from facilitator.store.activities import BallotRecords, BrainwritingRecords, CheckinRecords, EvaluationRecords, ReviewRecords
from facilitator.store.agenda import Agenda
from facilitator.store.archive import Archive
from facilitator.store.captures import Captures
from facilitator.store.corrections import Corrections
from facilitator.store.database import BUSY_TIMEOUT_MS, Database, StoreError
from facilitator.store.documents import Documents
from facilitator.store.meetings import Meetings
from facilitator.store.people import People
from facilitator.store.schema import SCHEMA_VERSION
from facilitator.store.seats import Seats
from facilitator.store.series import SeriesRecords
from facilitator.store.voices import VoiceRecords

if TYPE_CHECKING:
    import sqlite_utils


class Store:
    """Everything about a coalition's meetings, in one SQLite file."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self.meetings = Meetings(database)
        self.agenda = Agenda(database)
        self.people = People(database)
        self.captures = Captures(database)
        self.checkin = CheckinRecords(database)
        self.brainwriting = BrainwritingRecords(database)
        self.evaluation = EvaluationRecords(database)
        self.review = ReviewRecords(database)
        self.voices = VoiceRecords(database)
        self.seats = Seats(database)
        self.archive = Archive(database)
        self.corrections = Corrections(database)
        self.series = SeriesRecords(database)
        self.documents = Documents(database)
        self.ballots = BallotRecords(database)

    @classmethod
    def open(cls, path: Path | str, *, readonly: bool = False, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Self:
        """Open (creating and migrating if need be) a database; see `Database.open`."""
        return cls(Database.open(path, readonly=readonly, busy_timeout_ms=busy_timeout_ms))

    @property
    def path(self) -> Path:
        return self.database.path

    @property
    def readonly(self) -> bool:
        return self.database.readonly

    @property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils on the same connection, for tests and tools that read tables by name."""
        return self.database.db

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """One transaction (a savepoint inside another): see `Database.atomic`."""
        with self.database.atomic():
            yield

    def data_version(self) -> int:
        return self.database.data_version()

    @property
    def schema_version(self) -> int:
        return self.database.schema_version

    def close(self) -> None:
        self.database.close()


__all__ = ["BUSY_TIMEOUT_MS", "SCHEMA_VERSION", "Store", "StoreError"]
