"""A meeting's agenda: its items as planned, and the flow events the clock replays."""

from __future__ import annotations

from typing import Any

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

    # Preparing the plan -------------------------------------------------
    # Before a meeting starts its agenda is the plan: items are added, changed, moved and removed
    # in place, and the minutes read them as planned (never as "added during the meeting").

    def insert_item(self, meeting_id: int, data: dict[str, Any], place: int | None = None) -> AgendaItem:
        """A planned item at `place` (1-based; at the end when None); the items after it move down."""
        with self.database.atomic():
            ids = [item.id for item in self.items(meeting_id)]
            row = {"meeting_id": meeting_id, "position": len(ids) + 1, **data}
            item_id = self.database.insert("agenda_items", row)
            at = len(ids) if place is None else max(0, min(place - 1, len(ids)))
            self.reorder(meeting_id, ids[:at] + [item_id] + ids[at:])
        return next(item for item in self.items(meeting_id) if item.id == item_id)

    def update_item(self, item_id: int, data: dict[str, Any]) -> None:
        self.database.update("agenda_items", item_id, data)

    def reorder(self, meeting_id: int, ids: list[int]) -> None:
        """Positions 1, 2, ... in the order of `ids`."""
        with self.database.atomic():
            for position, item_id in enumerate(ids, start=1):
                self.database.execute(
                    "UPDATE agenda_items SET position = ? WHERE id = ? AND meeting_id = ?", [position, item_id, meeting_id]
                )

    def recorded_on(self, item_id: int) -> int:
        """How many things are recorded on an item (captures, check-ins, themes, dots, speaking turns)."""
        total = 0
        for table in ("entries", "decisions", "next_steps", "evaluations", "checkin_answers", "checkin_order", "themes", "dots", "turns"):
            total += self.database.execute(f"SELECT count(*) FROM {table} WHERE item_id = ?", [item_id]).fetchone()[0]
        return int(total)

    def delete_item(self, item_id: int) -> None:
        """Take an item off the plan for good (nothing may be recorded on it: see `recorded_on`)."""
        with self.database.atomic():
            meeting_id = self.database.execute("SELECT meeting_id FROM agenda_items WHERE id = ?", [item_id]).fetchone()[0]
            for table in ("clock_events", "capture_numbers", "checkin_question_uses", "ballots"):
                self.database.execute(f"DELETE FROM {table} WHERE item_id = ?", [item_id])
            self.database.execute("DELETE FROM agenda_items WHERE id = ?", [item_id])
            self.reorder(meeting_id, [item.id for item in self.items(meeting_id)])

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
