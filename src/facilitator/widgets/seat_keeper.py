"""This seat's bookkeeping, out of sight: its row in `seats` (opened, "still here" every few
seconds, closed), and a thread that watches the database for what other seats write and for
the file itself going away.

Nothing here is the user's data: a failed seat write is logged, never shown. What the watcher
finds it posts to the screen as messages (`StoreChanged`, `DatabaseGone`).
"""

from __future__ import annotations

import getpass
import os
import sqlite3
import threading
from collections.abc import Callable

from textual import work
from textual.widget import Widget

from facilitator.messages import DatabaseGone, StoreChanged
from facilitator.session.meeting import MeetingSession
from facilitator.store import Store

SEAT_HEARTBEAT = 5  # seconds between a seat's "still here"
WATCH_EVERY = 0.3  # seconds between looks at the database for another seat's writes


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

    def on_mount(self) -> None:
        self.call_after_refresh(self._watch)  # the first frame need not wait for the watcher's connection
        if self.writes:
            self.call_after_refresh(self._open)  # a durable write the first frame need not wait for
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
        identity = database.identity()
        try:
            store = Store.open(self.session.store.path, readonly=True)
        except Exception as exc:  # without a watcher the seat still works; it just does not follow
            self.log.warning("cannot watch the database for other seats", error=str(exc))
            return
        try:
            version = store.data_version()
            while not self._stop.wait(WATCH_EVERY):
                if database.identity() != identity:
                    self.post_message(DatabaseGone())
                    return
                now = store.data_version()
                if now != version:
                    version = now
                    self.post_message(StoreChanged())
        except sqlite3.Error as exc:
            self.log.warning("stopped watching the database", error=str(exc))
        finally:
            store.close()
