"""Messages the app's workers post to its screens."""

from __future__ import annotations

from textual.message import Message

from facilitator.store.salvage import Damage


class DatabaseGone(Message):
    """The database file was deleted, or another file put in its place, while the meeting is open."""


class DatabaseDamaged(Message):
    """The watcher found the database file damaged (SQLite's quick check), or a search index out
    of step with what it indexes."""

    def __init__(self, damage: Damage) -> None:
        super().__init__()
        self.damage = damage


class StoreChanged(Message):
    """Something was committed to the database since the watcher last looked (by this seat or
    another). Only the newest matters, so a newer one replaces one still queued."""

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, StoreChanged)
