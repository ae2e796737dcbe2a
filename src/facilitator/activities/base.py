"""What an activity is: a part of the running meeting that owns one or more kinds of agenda item."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

import msgspec

from facilitator.models import AgendaItem, ItemKind
from facilitator.parts.context import Part
from facilitator.parts.outcome import Outcome

if TYPE_CHECKING:
    from facilitator.store import Store


class ActivityView(msgspec.Struct, frozen=True):
    """What an activity's panel shows: plain data, so any front-end can draw it."""

    title: str


class Activity(Part):
    """An activity claims plain lines typed in its items and describes itself for its panel."""

    name: ClassVar[str]
    """The key its panel and minutes section are registered under."""
    kinds: ClassVar[tuple[ItemKind, ...]]

    def line(self, item: AgendaItem, text: str) -> Outcome | None:
        """Handle a plain line typed while `item` runs, or None to keep it as an ordinary note.
        Called inside the command's transaction."""
        return None

    def view(self, item: AgendaItem, now: datetime) -> ActivityView:
        raise NotImplementedError

    @classmethod
    def minutes_part(cls, store: Store, meeting_id: int, item: AgendaItem) -> dict[str, Any]:
        """What this activity adds to an item's minutes, as plain data named like the fields of
        `facilitator.minutes.model.MinutesItem` (which validates it); nothing by default."""
        return {}
