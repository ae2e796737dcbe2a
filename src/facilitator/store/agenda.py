"""A meeting's agenda: its items as planned, and the flow events the clock replays."""

from __future__ import annotations

from facilitator.clock import ClockEvent
from facilitator.models import AgendaItem, ItemKind
from facilitator.store.database import Repository


class Agenda(Repository):
    """Agenda items and the stored flow events (start, next, extend, ...) of each meeting."""

    def items(self, meeting_id: int) -> list[AgendaItem]:
        rows = self.database.query("SELECT * FROM agenda_items WHERE meeting_id = ? ORDER BY position", [meeting_id])
        return [AgendaItem.from_row(row) for row in rows]

    def add_item(
        self, meeting_id: int, title: str, kind: ItemKind, minutes: int, prompt: str = "", *, live: bool
    ) -> AgendaItem:
        """Append an item row; a live one enters the running order through an `add` clock event."""
        position = self.database.execute(
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
        return AgendaItem.from_row(data, id=self.database.insert("agenda_items", data))

    def set_prompt(self, item_id: int, prompt: str) -> None:
        self.database.update("agenda_items", item_id, {"prompt": prompt})

    def set_phase(self, item_id: int, phase: str) -> None:
        self.database.update("agenda_items", item_id, {"phase": phase})

    # Flow events -------------------------------------------------------

    def add_event(self, meeting_id: int, event: ClockEvent) -> None:
        self.add_events(meeting_id, [event])

    def add_events(self, meeting_id: int, events: list[ClockEvent]) -> None:
        """Store flow events together: a choice such as re-timing several items is all or nothing."""
        self.database.insert_all(
            "clock_events",
            (
                {
                    "meeting_id": meeting_id,
                    "at": event.at.isoformat(),
                    "kind": event.kind.value,
                    "item_id": event.item_id,
                    "minutes": event.minutes,
                    "position": event.position,
                    "detail": event.detail,
                    "from_item_id": event.from_item,
                }
                for event in events
            ),
        )

    def events(self, meeting_id: int) -> list[ClockEvent]:
        rows = self.database.query("SELECT * FROM clock_events WHERE meeting_id = ? ORDER BY at, id", [meeting_id])
        return [ClockEvent.from_row(row) for row in rows]
