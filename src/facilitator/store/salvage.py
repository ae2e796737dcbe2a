"""When the file itself goes wrong under a running meeting: finding damage, rebuilding a search
index that fell out of step, and keeping somewhere safe whatever can still be read (and lines
typed that a full disk could not take).

Nothing here is on the typing path: damage is looked for by the screen's watcher thread, on a
connection of its own, and the rest runs only once something has gone wrong.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

import msgspec

from facilitator.store.database import Database, StoreError, create_private, quick_check


class Damage(msgspec.Struct, frozen=True):
    """What is wrong with a database file."""

    problem: str
    """In SQLite's words."""
    search_only: tuple[str, ...] = ()
    """When only full-text indexes are out of step with what they index (the file's pages are
    sound): their names. Rebuilding them repairs the file in place."""


def _search_indexes(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%USING FTS5%'")
    return [name for (name,) in rows]


def find_damage(conn: sqlite3.Connection, *, search: bool = True) -> Damage | None:
    """The file's pages (SQLite's quick check), then, with `search`, each full-text index against
    what it indexes (this needs a connection that may write, though it writes nothing)."""
    problem = quick_check(conn)
    if problem is not None:
        return Damage(problem)
    if not search:
        return None
    stale = []
    for name in _search_indexes(conn):
        try:
            conn.execute(f'INSERT INTO "{name}"("{name}", rank) VALUES (\'integrity-check\', 1)')
        except sqlite3.DatabaseError:
            stale.append(name)
    if stale:
        return Damage(f"the search index {', '.join(stale)} is out of step with what it indexes", tuple(stale))
    return None


def rebuild_search(conn: sqlite3.Connection, names: tuple[str, ...]) -> None:
    """Rebuild full-text indexes from what they index, in one transaction."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        for name in names:
            conn.execute(f'INSERT INTO "{name}"("{name}") VALUES (\'rebuild\')')
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _target(path: Path, at: datetime, word: str, suffix: str) -> list[Path]:
    """Where a salvaged file may go: beside the database, else in the user's data folder or home."""
    from facilitator.paths import data_dir

    stamp = at.astimezone().strftime("%Y%m%d-%H%M%S")
    return [folder / f"{path.stem}-{word}-{stamp}{suffix}" for folder in (path.parent, data_dir(), Path.home())]


def recover(conn: sqlite3.Connection, path: Path, at: datetime) -> Path | None:
    """Copy what `conn` still holds (its file was deleted or replaced under it) to a new file
    beside where it was, or in the user's data folder; returns where, or None if nowhere."""
    for target in _target(path, at, "recovered", path.suffix or ".db")[:2]:
        try:
            create_private(target)
            copy = sqlite3.connect(target)
            try:
                conn.backup(copy)
            finally:
                copy.close()
        except (OSError, StoreError, sqlite3.Error):
            continue
        return target
    return None


def salvage(path: Path, at: datetime) -> tuple[Path | None, list[str]]:
    """A sound copy of a damaged database: every row that can still be read, table by table, into
    a new file with the same schema, whose full-text indexes are built afresh from those rows.
    Returns where (None if nowhere could take it) and the tables of which some rows could not be read."""
    for target in _target(path, at, "recovered", path.suffix or ".db")[:2]:
        try:
            copy = Database.open(target)
        except (OSError, StoreError, sqlite3.Error):
            continue
        conn = copy.conn
        lost: list[str] = []
        try:
            conn.execute("PRAGMA foreign_keys = OFF")  # rows come over in any order; they referred to each other before
            conn.execute("ATTACH DATABASE ? AS damaged", [f"{path.absolute().as_uri()}?mode=ro"])
            shadows = {f"{name}_{part}" for name in _search_indexes(conn) for part in ("data", "idx", "docsize", "config", "content")}
            listed = conn.execute("SELECT name FROM main.sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'")
            tables = [name for (name,) in listed if not name.startswith("sqlite_") and name not in shadows]
            for table in tables:
                if not _copy_rows(conn, table):
                    lost.append(table)
            conn.execute("DETACH DATABASE damaged")
        except sqlite3.Error:
            copy.close()
            continue
        copy.close()
        return target, lost
    return None, []


def _copy_rows(conn: sqlite3.Connection, table: str) -> bool:
    """Copy `table` from the attached damaged file: at once, or else row by row as far as it reads.
    False when some rows could not be read."""
    columns = ", ".join(f'"{row[1]}"' for row in conn.execute(f'PRAGMA main.table_info("{table}")'))
    conn.execute(f'DELETE FROM main."{table}"')  # what the new file's own schema put there (its database id)
    try:
        conn.execute(f'INSERT OR IGNORE INTO main."{table}" ({columns}) SELECT {columns} FROM damaged."{table}"')
        return True
    except sqlite3.DatabaseError:
        pass
    marks = ", ".join("?" * len(columns.split(", ")))
    cursor = conn.execute(f'SELECT {columns} FROM damaged."{table}"')
    try:
        for row in cursor:
            conn.execute(f'INSERT OR IGNORE INTO main."{table}" ({columns}) VALUES ({marks})', row)
    except sqlite3.DatabaseError:
        return False
    return True


def keep_unsaved(lines: list[str], path: Path, at: datetime) -> Path | None:
    """Write lines the database could not take (a full disk) to a text file beside it, or in the
    user's data folder or home: where, or None if nowhere would take them."""
    body = "".join(f"{line}\n" for line in lines)
    for target in _target(path, at, "unsaved", ".txt"):
        try:
            descriptor = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            with os.fdopen(descriptor, "w", encoding="utf-8", errors="surrogateescape") as out:
                out.write(body)
        except OSError:
            try:
                target.unlink(missing_ok=True)  # a partial file would look like all of them
            except OSError:
                pass
            continue
        return target
    return None
