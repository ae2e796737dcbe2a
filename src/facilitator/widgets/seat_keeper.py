"""This seat's bookkeeping, out of sight: its row in `seats` (opened, "still here" every few
seconds, closed), and a thread that watches the database for what other seats write and for
the file itself going away.

Nothing here is the user's data: a failed seat write is logged, never shown. What the watcher
finds it posts to the screen as messages (`StoreChanged`, `DatabaseGone`, `DatabaseDamaged`):
it also checks the file for damage (SQLite's quick check, and each search index against what it
indexes) once the meeting is on screen, and again every ten minutes.
"""

from __future__ import annotations

import getpass
import os
import sqlite3
import threading
import time
from collections.abc import Callable

from textual import work
from textual.widget import Widget

from facilitator.messages import DatabaseDamaged, DatabaseGone, StoreChanged
from facilitator.session.meeting import MeetingSession
from facilitator.store import Store
from facilitator.store.database import BUSY_TIMEOUT_MS
from facilitator.store.salvage import Damage, find_damage

SEAT_HEARTBEAT = 5  # seconds between a seat's "still here"
WATCH_EVERY = 0.3  # seconds between looks at the database for another seat's writes
SETTLE = 0.2  # seconds after mounting before any of this starts: started at once, it cost the first frame ~15 ms of CPU
CHECK_EVERY = 600  # seconds between looks for damage in the file


class SeatKeeper(Widget):
    DEFAULT_CSS = """
    SeatKeeper {
        display: none;
    }
    """

    def __init__(self, session: MeetingSession, *, writes: bool) -> None:
        super().__init__()
        self.session = session
        self.writes = writes
        self._seat: int | None = None
        self._stop = threading.Event()
        self._identity: tuple[int, int] | None = None

    def on_mount(self) -> None:
        # The first frame waits for neither the watcher's connection nor this seat's durable write;
        # the file the watcher must keep seeing is the one open now.
        self._identity = self.session.store.database.identity()
        self.set_timer(SETTLE, self._watch)
        if self.writes:
            self.set_timer(SETTLE, self._open)
            self.set_interval(SEAT_HEARTBEAT, self._alive)

    def on_unmount(self) -> None:
        self._stop.set()
        if self._seat is not None:
            self._write(self.session.store.seats.close, self._seat, at=self.session.now())

    def _write(self, write: Callable[..., object], *args: object, **kwargs: object) -> object | None:
        try:
            return write(*args, **kwargs)
        except sqlite3.Error as exc:
            self.log.warning("seat bookkeeping failed", error=str(exc))
            return None

    def _open(self) -> None:
        session = self.session
        seat = self._write(session.store.seats.open, session.meeting_id, os.getpid(), at=session.now(), user=getpass.getuser())
        self._seat = seat if isinstance(seat, int) else None
        session.ctx.seat_id = self._seat

    def _alive(self) -> None:
        if self._seat is not None and self.session.ctx.gone is None:
            self._write(self.session.store.seats.alive, self._seat, at=self.session.now())

    @work(thread=True, exclusive=True, group="watch", exit_on_error=False)
    def _watch(self) -> None:
        """Look at the database every 0.3 s on a connection of this thread's own; when anything
        was committed, tell the screen (`StoreChanged`), which catches up on the event loop. If
        the file itself is deleted or replaced, say that instead (`DatabaseGone`), once."""
        database = self.session.store.database
        identity = self._identity
        if database.identity() != identity:  # gone before the watcher even started
            self.post_message(DatabaseGone())
            return
        try:
            store = Store.open(self.session.store.path, readonly=True)
        except Exception as exc:  # without a watcher the seat still works; it just does not follow
            self.log.warning("cannot watch the database for other seats", error=str(exc))
            return
        try:
            version = store.data_version()
            self.post_message(StoreChanged())  # whatever another seat wrote before this watcher began
            checked_at = None
            while not self._stop.wait(WATCH_EVERY):
                if database.identity() != identity:
                    self.post_message(DatabaseGone())
                    return
                now = store.data_version()
                if now != version:
                    version = now
                    self.post_message(StoreChanged())
                if checked_at is None or time.monotonic() - checked_at > CHECK_EVERY:
                    checked_at = time.monotonic()
                    damage = self._damage()
                    if damage is not None:
                        self.post_message(DatabaseDamaged(damage))
        except sqlite3.Error as exc:
            self.log.warning("stopped watching the database", error=str(exc))
        finally:
            store.close()

    def _damage(self) -> Damage | None:
        """Look for damage on a connection of this thread's own; a search index can only be checked
        on one that may write (it writes nothing), which a read-only seat does not open."""
        path = self.session.store.path
        try:
            conn = sqlite3.connect(path if self.writes else f"{path.absolute().as_uri()}?mode=ro", uri=not self.writes)
        except sqlite3.Error as exc:
            self.log.warning("cannot check the database for damage", error=str(exc))
            return None
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            return find_damage(conn, search=self.writes)
        finally:
            conn.close()
