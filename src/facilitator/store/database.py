"""The database file: opening it safely, migrating it, transactions and statements."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from facilitator.store.schema import SCHEMA_VERSION

if TYPE_CHECKING:
    import sqlite_utils

BUSY_TIMEOUT_MS = 5000
Params = Sequence[Any] | Mapping[str, Any]


class StoreError(Exception):
    """A database the app cannot use; the message says why and what to do."""


def create_private(path: Path) -> None:
    """Create the database file readable by its owner only (meeting notes are private)."""
    if path.exists():
        return
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # a folder we make is ours alone
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except OSError as exc:
        raise StoreError(f"cannot create the database at {path}: {exc.strerror or exc}") from None


def quick_check(conn: sqlite3.Connection) -> str | None:
    """What SQLite's quick integrity check finds wrong with a file's pages, or None."""
    try:
        found = [row[0] for row in conn.execute("PRAGMA quick_check")]
    except sqlite3.DatabaseError as exc:
        return str(exc)
    return None if found == ["ok"] else "; ".join(found[:3])


class Database:
    """The file: opening it (refusing what it cannot use), its settings and migrations, its
    transactions, and the few statement shapes the records are written with."""

    def __init__(self, conn: sqlite3.Connection, path: Path, *, readonly: bool = False) -> None:
        self.conn = conn
        self.path = path
        self.readonly = readonly
        self._db: sqlite_utils.Database | None = None

    @classmethod
    def open(cls, path: Path | str, *, readonly: bool = False, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Self:
        """Open (creating if need be) a database; `readonly` opens an existing one for projection.

        `busy_timeout_ms` is how long a statement waits for another seat's write before it fails
        with "database is locked": the live screen passes 0 and retries on a timer instead, so
        the event loop never waits.
        """
        path = Path(path)
        folder_writable = os.access(path.parent if str(path.parent) else Path("."), os.W_OK)
        if readonly:
            if not path.is_file():
                raise StoreError(f"{path} does not exist; a read-only seat needs a meeting database.")
        else:
            if path.is_file() and not folder_writable:
                raise StoreError(
                    f"the folder {path.parent} is read-only, and SQLite keeps two files beside an open database "
                    f"({path.name}-wal and {path.name}-shm). Nothing was changed. Copy {path.name} to a folder "
                    "you can write to, or open it with --view to watch without changing it."
                )
            create_private(path)
            if not os.access(path, os.W_OK):
                raise StoreError(f"{path} is not writable by you. Nothing was changed; fix its permissions, or use --view to only watch.")
        try:
            target = str(path)
            if readonly:
                # In a folder nobody can write to, the -shm file cannot be made and nobody can be
                # writing: read the file as it stands (SQLite's "immutable").
                immutable = "&immutable=1" if not folder_writable and not Path(f"{path}-shm").exists() else ""
                target = f"{path.absolute().as_uri()}?mode=ro{immutable}"
            conn = sqlite3.connect(target, isolation_level=None, timeout=busy_timeout_ms / 1000, uri=readonly)
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # reads (and so checks) the schema
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"{path} is not a Facilitator database, or it is damaged ({exc}). Nothing was changed. If it is a "
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
        database = cls(conn, path)
        try:
            database._migrate(version)
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StoreError(f"cannot prepare {path} ({exc}); the upgrade was rolled back and nothing was changed.") from None
        return database

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

    def quick_check(self) -> str | None:
        """What SQLite's quick integrity check finds wrong with the file, or None when it is sound."""
        return quick_check(self.conn)

    def identity(self) -> tuple[int, int] | None:
        """The file's device and inode, or None when nothing is at its path any more."""
        try:
            found = os.stat(self.path)
        except OSError:
            return None
        return found.st_dev, found.st_ino

    def set_busy_timeout(self, milliseconds: int) -> None:
        """How long a statement waits for another connection's write lock before "database is locked"."""
        self.conn.execute(f"PRAGMA busy_timeout = {int(milliseconds)}")

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
    # Only the repositories of this package call them.

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
        return [dict(zip(names, row, strict=True)) for row in cursor]

    def insert(self, table: str, data: Mapping[str, Any], *, conflict: str = "") -> int:
        """Insert one row and return its rowid; `conflict` is `OR IGNORE` or `OR REPLACE`."""
        columns = ", ".join(f'"{name}"' for name in data)
        marks = ", ".join("?" * len(data))
        sql = f'INSERT {conflict} INTO "{table}" ({columns}) VALUES ({marks})'
        return int(self.conn.execute(sql, list(data.values())).lastrowid or 0)

    def insert_all(self, table: str, rows: Iterable[Mapping[str, Any]], *, conflict: str = "") -> None:
        with self.atomic():
            for row in rows:
                self.insert(table, row, conflict=conflict)

    def upsert(self, table: str, data: Mapping[str, Any], key: tuple[str, ...]) -> None:
        """Insert the row, or update the one with the same `key` columns."""
        columns = ", ".join(f'"{name}"' for name in data)
        marks = ", ".join("?" * len(data))
        updates = ", ".join(f'"{name}" = excluded."{name}"' for name in data if name not in key)
        conflict = ", ".join(f'"{name}"' for name in key)
        sql = f'INSERT INTO "{table}" ({columns}) VALUES ({marks}) ON CONFLICT ({conflict}) DO UPDATE SET {updates}'
        self.conn.execute(sql, list(data.values()))

    def update(self, table: str, row_id: int, data: Mapping[str, Any]) -> None:
        settings = ", ".join(f'"{name}" = ?' for name in data)
        self.conn.execute(f'UPDATE "{table}" SET {settings} WHERE id = ?', [*data.values(), row_id])

    def data_version(self) -> int:
        """Changes whenever another connection commits: how a seat notices the other seat's writes."""
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])


class Repository:
    """One kind of record, read and written over the shared `Database`."""

    def __init__(self, database: Database) -> None:
        self.database = database
