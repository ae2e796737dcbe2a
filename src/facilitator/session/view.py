"""The view model: what a front-end shows of a running meeting, as plain structs.

The live screen's widgets draw these and never read the store; a web page can draw the same.
Built by `MeetingSession.view()` from the seat's state and the store, as at one moment.
"""

from __future__ import annotations

from typing import Literal

import msgspec

from facilitator.activities.base import ActivityView
from facilitator.clock import MeetingClock, Status
from facilitator.models import AgendaItem

RowState = Literal["current", "done", "skipped", "upcoming"]


class AgendaRow(msgspec.Struct, frozen=True):
    number: int
    title: str
    kind: str
    """In words: `next steps`, not `next_steps`."""
    minutes: int
    """The time box now, after extensions and re-timing."""
    state: RowState


class MeetingView(msgspec.Struct, frozen=True):
    title: str
    clock: MeetingClock
    agenda: list[AgendaRow]
    item: AgendaItem
    """The current item."""
    number: int
    """Its place in the running order, from 1."""
    activity: ActivityView | None
    """What the current item's activity shows; None for items with none (a discussion, a break)."""
    activity_name: str | None
    parking: list[str]
    """The parking lot, oldest first."""


def kind_words(item: AgendaItem) -> str:
    return item.kind.value.replace("_", " ")


def agenda_rows(agenda: list[AgendaItem], clock: MeetingClock) -> list[AgendaRow]:
    rows = []
    for index, item in enumerate(agenda):
        box = clock.boxes[index]
        state: RowState = "upcoming"
        if index == clock.current_index and clock.status is not Status.ENDED:
            state = "current"
        elif box.skipped:
            state = "skipped"
        elif box.visited:
            state = "done"
        rows.append(AgendaRow(index + 1, item.title, kind_words(item), box.box_minutes, state))
    return rows
