"""Messages the app's workers post to its screens."""

from __future__ import annotations

from textual.message import Message


class StoreChanged(Message):
    """Something was committed to the database since the watcher last looked (by this seat or
    another). Only the newest matters, so a newer one replaces one still queued."""

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, StoreChanged)
