"""Messages the app's workers post to its screens."""

from __future__ import annotations

from textual.message import Message


class DatabaseGone(Message):
    """The database file was deleted, or another file put in its place, while the meeting is open."""


class StoreChanged(Message):
    """Something was committed to the database since the watcher last looked (by this seat or
    another). Only the newest matters, so a newer one replaces one still queued."""

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, StoreChanged)
