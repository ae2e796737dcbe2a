"""A meeting being run: the capture bar's commands applied to the store and the clock.

No Textual here. The live screen hands each submitted line to `apply` and
shows what comes back; the store has the capture before `apply` returns.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date, datetime

from facilitator.capture import (
    Action,
    AddItem,
    Attend,
    CaptureError,
    Decide,
    Flow,
    Idea,
    MoveItem,
    Note,
    Park,
    Hand,
    Question,
    QueueMode,
    RenameTheme,
    RetimeItem,
    ReviewMark,
    Speak,
    parse,
)
from facilitator.completion import name_matches
from facilitator.clock import ClockEvent, FlowKind, MeetingClock, Status, clock_state, format_duration, take_from_later
from facilitator.models import AgendaItem, AttendanceStatus, Entry, EntryKind, ItemKind, Meeting, Person
from facilitator.outcomes import ENTRY_LABELS, Capture, Outcome, action_capture, decision_capture, guarded
from facilitator.session_activities import ActivityCommands
from facilitator.store import Store

Now = Callable[[], datetime]

# Moving through the agenda starts the meeting; preparing it (add, move, re-time, skip) does not.
_STARTS_MEETING = {FlowKind.START, FlowKind.NEXT, FlowKind.BACK, FlowKind.GOTO, FlowKind.PAUSE, FlowKind.RESUME, FlowKind.EXTEND, FlowKind.END}
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_TRAILING_NAME = re.compile(r"\s@(\S+)$")
_CHANGES_ITEM = {FlowKind.NEXT, FlowKind.BACK, FlowKind.GOTO, FlowKind.SKIP}


def replay(items: Iterable[AgendaItem], events: list[ClockEvent], now: datetime) -> MeetingClock:
    """The clock of a meeting: the agenda as first planned, then every stored flow event."""
    planned = [(i.id, i.planned_minutes) for i in sorted(items, key=lambda i: i.position) if not i.added_live]
    return clock_state(planned, events, now)


class MeetingSession(ActivityCommands):
    """One meeting's agenda, captures and clock, kept in step with the store."""

    def __init__(self, store: Store, meeting_id: int, now: Now, *, recovering: bool = False) -> None:
        self.store = store
        self.now = now
        self.meeting: Meeting = store.meeting(meeting_id)
        self._items: dict[int, AgendaItem] = {item.id: item for item in store.agenda(meeting_id)}
        self._events = store.clock_events(meeting_id)
        self.roster: list[Person] = store.roster(self.meeting.series_id)
        self._end_warned = False
        self._current_key: tuple[int, int] | None = None
        self._current_id = 0
        self._data_version = store.data_version()
        if recovering and not store.readonly:
            self.recover_open_turn()

    @property
    def meeting_id(self) -> int:
        return self.meeting.id

    def today(self) -> date:
        return self.now().astimezone().date()

    def sync(self) -> bool:
        """Take in what another seat wrote since we last looked; True when anything changed.

        `PRAGMA data_version` moves only when another connection commits, so an idle check
        costs one pragma and re-reads nothing.
        """
        version = self.store.data_version()
        if version == self._data_version:
            return False
        self._data_version = version
        self._events = self.store.clock_events(self.meeting_id)
        self._items = {item.id: item for item in self.store.agenda(self.meeting_id)}
        self.reload_roster()
        return True

    def reload_roster(self) -> None:
        self.meeting = self.store.meeting(self.meeting_id)
        self.roster = self.store.roster(self.meeting.series_id)

    # The clock ---------------------------------------------------------

    def clock(self) -> MeetingClock:
        return replay(self._items.values(), self._events, self.now())

    @property
    def agenda(self) -> list[AgendaItem]:
        """The items in their running order, which may differ from the plan."""
        return [self._items[item_id] for item_id in self.clock().order]

    def current_item(self, clock: MeetingClock | None = None) -> AgendaItem:
        if clock is not None:
            return self._items[clock.current_id]
        # Which item is current depends on the events only, not on "now": replay once per change.
        key = (len(self._events), len(self._items))
        if self._current_key != key:
            self._current_key = key
            self._current_id = self.clock().current_id
        return self._items[self._current_id]

    def _record(self, *events: ClockEvent) -> None:
        self.store.add_clock_events(self.meeting_id, list(events))
        self._events.extend(events)

    # Reading back ------------------------------------------------------

    def parked(self) -> list[Entry]:
        """This meeting's parking lot, oldest first."""
        return self.store.entries(self.meeting_id, kind=EntryKind.PARK)

    def captures(self, item_id: int) -> list[Capture]:
        """Everything captured on one item, oldest first."""
        found = [Capture(at, ENTRY_LABELS[kind], text) for at, kind, text in self.store.entry_lines(self.meeting_id, item_id)]
        found += [decision_capture(d) for d in self.store.decisions(self.meeting_id) if d.item_id == item_id]
        found += [action_capture(a) for a in self.store.next_steps(self.meeting_id) if a.item_id == item_id]
        return sorted(found, key=lambda c: c.at)

    # Applying a line ---------------------------------------------------

    @guarded
    def apply(self, line: str) -> Outcome:
        # UTF-8 (and so SQLite) cannot hold a lone surrogate; everything else is kept exactly.
        line = _LONE_SURROGATE.sub("\ufffd", line)
        command = parse(line, self.today())
        if isinstance(command, CaptureError):
            return Outcome(error=command.message)
        if isinstance(command, Flow):
            return self.flow(command)
        handler = {
            Note: self._note,
            Idea: self._note,
            Park: self._note,
            Decide: self._decide,
            Action: self._action,
            Speak: self._speak,
            Attend: self._attend,
            AddItem: self._add_item,
            MoveItem: self._move_item,
            RetimeItem: self._retime_item,
            Question: self.ask_question,
            RenameTheme: self.rename_theme,
            ReviewMark: self.mark_review,
            Hand: self.raise_hand,
            QueueMode: self.set_queue_mode,
        }[type(command)]
        return handler(command)

    @guarded
    def park(self, text: str) -> Outcome:
        if not text.strip():
            return Outcome(error="Type what to park first, then press Ctrl+L (or use /park TEXT).")
        return self._note(Park(text.strip()))

    def _note(self, command: Note | Idea | Park) -> Outcome:
        item = self.current_item()
        if isinstance(command, Note):
            claimed = self._activity_line(item, command.text)
            if claimed is not None:
                return claimed
        if isinstance(command, Idea) or (isinstance(command, Note) and item.kind is ItemKind.BRAINWRITING):
            # An idea is anonymous unless it ends with @name because the group chose to attribute it.
            text, author = command.text, None
            found = _TRAILING_NAME.search(text)
            if isinstance(command, Idea) and found:
                text, author = text[: found.start()].rstrip(), found.group(1)
            return self._idea(text, author)
        if isinstance(command, Park):
            return self._saved_entry(item, command.text, EntryKind.PARK, "Parked for later.")
        return self._saved_entry(item, command.text, EntryKind.NOTE)

    def _action(self, command: Action) -> Outcome:
        owner: Person | None = None
        note = []
        if command.owner:
            found = self.find_person(command.owner)
            if isinstance(found, str) and "more than one" in found:
                return Outcome(error=found)
            if isinstance(found, Person):
                owner = found
            else:
                note.append(f"{command.owner} is not on the roster; kept as typed")
        else:
            note.append("no owner yet (@name)")
        if command.due is None:
            note.append("no due date yet (due:friday)")
        step = self.store.add_next_step(
            self.meeting_id, self.current_item().id, command.text, at=self.now(), owner=owner,
            owner_name=None if owner else command.owner, due=command.due,
        )
        message = "Action saved" + (": " + "; ".join(note) + "." if note else ".")
        return Outcome(capture=action_capture(step), message=message)

    def find_person(self, typed: str) -> Person | str:
        """The roster person a typed name picks out, or why none does."""
        matches = [p for p in self.roster if name_matches(typed, p.name)]
        exact = [p for p in matches if p.name.casefold() == typed.casefold()]
        if len(exact) == 1 or len(matches) == 1:
            return (exact or matches)[0]
        if matches:
            names = ", ".join(p.name for p in matches[:5])
            return f"{typed!r} matches more than one person: {names}. Type more of the name, or press Tab."
        return f"{typed!r} is not on this meeting's roster."

    def _speak(self, command: Speak) -> Outcome:
        person = self.pick_person(command.name)
        if isinstance(person, str):
            return Outcome(error=person)
        if self.clock().status is not Status.RUNNING:
            return Outcome(error="The clock is not running; speaking time counts only while the meeting runs.")
        self.store.start_turn(self.meeting_id, self.current_item().id, person.id, at=self.now())
        return Outcome(message=f"{person.name} has the floor.")

    def _attend(self, command: Attend) -> Outcome:
        person = self.find_person(command.name)
        if isinstance(person, str):
            return Outcome(error=person)
        at = self.now()
        self.store.set_attendance(self.meeting_id, person.id, AttendanceStatus(command.status), at)
        if command.status == AttendanceStatus.LEFT_EARLY:
            self._end_turn_of(person.id, at)
        return Outcome(message=f"{person.name}: {command.status} at {at.astimezone().strftime('%H:%M')}.")

    def _end_turn_of(self, person_id: int, at: datetime) -> None:
        open_turns = [t for t in self.store.open_turns(self.meeting_id) if t.person_id == person_id]
        if open_turns:
            self.store.end_turn(self.meeting_id, at=at)

    # Agenda changes ----------------------------------------------------

    def _item_at(self, clock: MeetingClock, number: int) -> int | str:
        if not 1 <= number <= len(clock.boxes):
            return f"There is no item {number}; the agenda has {len(clock.boxes)}."
        return clock.boxes[number - 1].item_id

    def _add_item(self, command: AddItem) -> Outcome:
        clock = self.clock()
        if clock.status is Status.ENDED:
            return Outcome(error="The meeting has ended.")
        item = self.store.add_agenda_item(self.meeting_id, command.title, command.kind, command.minutes, live=True)
        self._items[item.id] = item
        place = clock.current_index + 1 if clock.status is not Status.NOT_STARTED else len(clock.boxes)
        self._record(ClockEvent(self.now(), FlowKind.ADD, item.id, command.minutes, position=place))
        return Outcome(message=f"Added as item {place + 1}: {command.title} ({command.minutes} min).", agenda_changed=True)

    def _move_item(self, command: MoveItem) -> Outcome:
        clock = self.clock()
        item_id = self._item_at(clock, command.number)
        if isinstance(item_id, str):
            return Outcome(error=item_id)
        if not clock.box(item_id).upcoming or clock.status is Status.ENDED:
            return Outcome(error=f"Item {command.number} has already run; only upcoming items move.")
        first_free = clock.current_index + 2 if clock.status is not Status.NOT_STARTED else 1
        if not first_free <= command.to <= len(clock.boxes):
            return Outcome(error=f"Item {command.number} can move to places {first_free} to {len(clock.boxes)}.")
        self._record(ClockEvent(self.now(), FlowKind.MOVE, item_id, position=command.to - 1))
        return Outcome(message=f"Moved {self._items[item_id].title} to place {command.to}.", agenda_changed=True)

    def _retime_item(self, command: RetimeItem) -> Outcome:
        clock = self.clock()
        item_id = self._item_at(clock, command.number)
        if isinstance(item_id, str):
            return Outcome(error=item_id)
        box = clock.box(item_id)
        if clock.status is Status.ENDED or (box.visited and item_id != clock.current_id):
            return Outcome(error=f"Item {command.number} has already run; its time cannot change now.")
        self._record(ClockEvent(self.now(), FlowKind.RETIME, item_id, command.minutes))
        return Outcome(message=f"{self._items[item_id].title}: now {command.minutes} min.", agenda_changed=True)

    # Flow --------------------------------------------------------------

    @guarded
    def flow(self, command: Flow) -> Outcome:
        """Check a flow command against the clock, then store it as an event."""
        clock = self.clock()
        kind = command.kind
        problem = self._refusal(clock, command)
        if problem:
            return Outcome(error=problem)
        if kind is FlowKind.END and not self._end_warned:
            flagged = self.flagged_actions()
            if flagged:
                self._end_warned = True
                listed = "; ".join(flagged[:3]) + (" …" if len(flagged) > 3 else "")
                return Outcome(error=f"{len(flagged)} next step(s) lack an owner or a due date ({listed}). "
                               "Fix them with /action, or /end again to end anyway.")
        at = self.now()
        events = []
        if clock.status is Status.NOT_STARTED and kind in _STARTS_MEETING and kind is not FlowKind.START:
            events.append(ClockEvent(at, FlowKind.START))
        item_id = None
        if kind in (FlowKind.GOTO, FlowKind.SKIP) and command.number is not None:
            item_id = clock.boxes[command.number - 1].item_id
        elif kind in (FlowKind.EXTEND, FlowKind.SKIP):
            item_id = clock.current_id
        events.append(ClockEvent(at, kind, item_id, command.number if kind is FlowKind.EXTEND else None))
        self._record(*events)
        after = self.clock()
        if kind in (FlowKind.PAUSE, FlowKind.END) or after.current_id != clock.current_id:
            self.store.end_turn(self.meeting_id, at=at)
        return Outcome(flow=kind, message=self._said(kind, after, command), agenda_changed=kind in _CHANGES_ITEM)

    def _refusal(self, clock: MeetingClock, command: Flow) -> str | None:
        kind = command.kind
        if clock.status is Status.ENDED:
            return "The meeting has ended; notes still go in, flow commands do not."
        if kind is FlowKind.START and clock.status is not Status.NOT_STARTED:
            return "The meeting is already under way."
        if kind is FlowKind.NEXT and clock.is_last:
            return "This is the last item; /end closes the meeting."
        if kind is FlowKind.BACK and clock.current_index == 0:
            return "This is the first item; there is nothing to go back to."
        if kind in (FlowKind.GOTO, FlowKind.SKIP) and command.number is not None:
            if not 1 <= command.number <= len(clock.boxes):
                return f"There is no item {command.number}; the agenda has {len(clock.boxes)}."
            if kind is FlowKind.SKIP and not clock.boxes[command.number - 1].upcoming and command.number - 1 != clock.current_index:
                return f"Item {command.number} has already run."
        if kind is FlowKind.SKIP and (command.number is None or command.number - 1 == clock.current_index) and clock.is_last:
            return "This is the last item; /end closes the meeting."
        if kind is FlowKind.PAUSE and clock.status is Status.PAUSED:
            return "The clock is already paused; /resume starts it again."
        if kind is FlowKind.RESUME and clock.status is not Status.PAUSED:
            return "The clock is not paused."
        return None

    def _said(self, kind: FlowKind, clock: MeetingClock, command: Flow) -> str:
        item = self.current_item(clock)
        if kind is FlowKind.PAUSE:
            return "Clock paused. Ctrl+T or /resume starts it again."
        if kind is FlowKind.RESUME:
            return "Clock running again."
        if kind is FlowKind.EXTEND:
            return f"{item.title}: {format_duration(clock.current.remaining_seconds)} left now (+{command.number} min)."
        if kind is FlowKind.END:
            return "Meeting ended."
        if kind is FlowKind.START:
            return "Meeting started."
        return f"Now: {clock.current_index + 1}. {item.title}"

    # Overrun choices ---------------------------------------------------

    def preview_take_from_later(self, minutes: int) -> dict[int, int]:
        """New time boxes for upcoming items if the current one gets `minutes` more from now."""
        return take_from_later(self.clock(), minutes)

    @guarded
    def take_time_from_later(self, minutes: int) -> Outcome:
        """Extend the current item and shrink the upcoming ones so the planned end holds."""
        clock = self.clock()
        if clock.status is Status.ENDED:
            return Outcome(error="The meeting has ended.")
        boxes = take_from_later(clock, minutes)
        if not boxes:
            return Outcome(error="No upcoming items to take time from; extend instead, or park the rest.")
        at = self.now()
        events = [ClockEvent(at, FlowKind.EXTEND, clock.current_id, minutes)]
        events += [ClockEvent(at, FlowKind.RETIME, item_id, new) for item_id, new in boxes.items() if new != clock.box(item_id).planned_seconds // 60]
        events.append(ClockEvent(at, FlowKind.OVERRUN, clock.current_id, detail="time taken from later items"))
        self._record(*events)
        shrunk = sum(clock.box(i).planned_seconds // 60 - m for i, m in boxes.items())
        return Outcome(message=f"+{minutes} min here; {shrunk} min taken from later items.", agenda_changed=True, flow=FlowKind.EXTEND)

    @guarded
    def park_rest(self, text: str) -> Outcome:
        """Put the rest of the current topic in the parking lot and move on."""
        clock = self.clock()
        if clock.is_last or clock.status is Status.ENDED:
            return Outcome(error="This is the last item: park it with /park, then /end.")
        item = self.current_item(clock)
        self.store.add_entry(self.meeting_id, item.id, text.strip() or f"Rest of: {item.title}", at=self.now(), kind=EntryKind.PARK)
        self._record(ClockEvent(self.now(), FlowKind.OVERRUN, item.id, detail="rest of the topic parked"))
        return self.flow(Flow(FlowKind.NEXT))
