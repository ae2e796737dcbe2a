"""A meeting being run: the capture bar's commands applied to the store and the clock.

No Textual here. The live screen hands each submitted line to `apply` and
shows what comes back; the store has the capture before `apply` returns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from facilitator.capture import CaptureError, Flow, Note, parse
from facilitator.clock import ClockEvent, FlowKind, MeetingClock, Status, clock_state
from facilitator.models import AgendaItem, Entry, Meeting
from facilitator.store import Store

Now = Callable[[], datetime]


@dataclass(frozen=True)
class Outcome:
    """What a capture-bar line did: a saved entry, a flow change, or an error to show."""

    error: str | None = None
    message: str | None = None
    entry: Entry | None = None
    flow: FlowKind | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


class MeetingSession:
    """One meeting's agenda, captures and clock, kept in step with the store."""

    def __init__(self, store: Store, meeting_id: int, now: Now) -> None:
        self.store = store
        self.now = now
        self.meeting: Meeting = store.meeting(meeting_id)
        self.agenda: list[AgendaItem] = store.agenda(meeting_id)
        self._events = store.clock_events(meeting_id)

    @property
    def meeting_id(self) -> int:
        return self.meeting.id

    def clock(self) -> MeetingClock:
        return clock_state([(i.id, i.planned_minutes) for i in self.agenda], self._events, self.now())

    def current_item(self, clock: MeetingClock | None = None) -> AgendaItem:
        clock = clock or self.clock()
        return self.agenda[clock.current_index]

    def notes(self, item_id: int) -> list[Entry]:
        return self.store.entries(self.meeting_id, item_id)

    def apply(self, line: str) -> Outcome:
        command = parse(line)
        if isinstance(command, CaptureError):
            return Outcome(error=command.message)
        if isinstance(command, Note):
            item = self.current_item()
            entry = self.store.add_entry(self.meeting_id, item.id, command.text, at=self.now())
            return Outcome(entry=entry)
        return self.flow(command)

    def flow(self, command: Flow) -> Outcome:
        """Check a flow command against the clock, then store it as an event."""
        clock = self.clock()
        kind = command.kind
        problem = self._refusal(clock, command)
        if problem:
            return Outcome(error=problem)
        at = self.now()
        if clock.status is Status.NOT_STARTED and kind is not FlowKind.START:
            self._record(ClockEvent(at, FlowKind.START))
        item_id = None
        if kind is FlowKind.GOTO:
            item_id = self.agenda[command.number - 1].id
        elif kind in (FlowKind.EXTEND, FlowKind.SKIP):
            item_id = clock.current_id
        self._record(ClockEvent(at, kind, item_id, command.number if kind is FlowKind.EXTEND else None))
        after = self.clock()
        return Outcome(flow=kind, message=self._said(kind, after, command))

    def _record(self, event: ClockEvent) -> None:
        self.store.add_clock_event(self.meeting_id, event)
        self._events.append(event)

    def _refusal(self, clock: MeetingClock, command: Flow) -> str | None:
        kind = command.kind
        if clock.status is Status.ENDED:
            return "The meeting has ended; notes still go in, flow commands do not."
        if kind is FlowKind.START and clock.status is not Status.NOT_STARTED:
            return "The meeting is already under way."
        if kind in (FlowKind.NEXT, FlowKind.SKIP) and clock.is_last:
            return "This is the last item; /end closes the meeting."
        if kind is FlowKind.BACK and clock.current_index == 0:
            return "This is the first item; there is nothing to go back to."
        if kind is FlowKind.GOTO and not 1 <= command.number <= len(self.agenda):
            return f"There is no item {command.number}; the agenda has {len(self.agenda)}."
        if kind is FlowKind.PAUSE and clock.status is Status.PAUSED:
            return "The clock is already paused; /resume starts it again."
        if kind is FlowKind.RESUME and clock.status is not Status.PAUSED:
            return "The clock is not paused."
        return None

    def _said(self, kind: FlowKind, clock: MeetingClock, command: Flow) -> str:
        item = self.agenda[clock.current_index]
        if kind is FlowKind.PAUSE:
            return "Clock paused."
        if kind is FlowKind.RESUME:
            return "Clock running again."
        if kind is FlowKind.EXTEND:
            return f"{item.title}: +{command.number} min."
        if kind is FlowKind.END:
            return "Meeting ended."
        return f"Now: {item.position}. {item.title}"
