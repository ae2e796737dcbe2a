"""What every part of a running meeting shares: the store, the time, the meeting as this seat
knows it, and one way to run a command as one transaction.

An activity (check-in round, brainwriting, ...) gets this context and nothing else: it reads and
writes through `ctx.store`, asks `ctx.clock()` what is current, and finds people on the roster.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from datetime import date, datetime
from typing import Concatenate, ParamSpec, TypeVar

import msgspec

from facilitator.clock import ClockEvent, MeetingClock, replay
from facilitator.completion import name_matches
from facilitator.models import AgendaItem, EntryKind, Meeting, Person
from facilitator.parts.outcome import ENTRY_LABELS, NUMBERED, Capture, Outcome, Saved, is_busy, is_full, storage_problem
from facilitator.store import Store

Now = Callable[[], datetime]
P = ParamSpec("P")
Owner = TypeVar("Owner", bound="Part")


class _Refused(Exception):
    """Ends a command's transaction without saving: the outcome says why."""

    def __init__(self, outcome: Outcome) -> None:
        self.outcome = outcome


class MeetingContext:
    """The meeting as this seat knows it (agenda, flow events, roster), kept in step with the store."""

    def __init__(self, store: Store, meeting_id: int, now: Now) -> None:
        self.store = store
        self.now = now
        self.meeting_id = meeting_id
        self.meeting: Meeting = store.meetings.get(meeting_id)
        self.items: dict[int, AgendaItem] = {}
        self.events: list[ClockEvent] = []
        self.roster: list[Person] = []
        self.generation = 0
        """Moves on each time this seat takes in what another seat wrote."""
        self.seat_id: int | None = None
        """This seat's row in `seats`, once the screen has opened it: corrections name it."""
        self.saved: list[Saved] = []
        """What this seat saved, newest last: what `/undo` takes back."""
        self.gone: str | None = None
        """Why nothing can be saved any more (the database file was deleted or replaced)."""
        self._data_version = store.data_version()
        self._current_key: tuple[int, int] | None = None
        self._current_id = 0
        self.load()

    def load(self) -> None:
        """Read the meeting's agenda, flow events and roster afresh."""
        self.meeting = self.store.meetings.get(self.meeting_id)
        self.items = {item.id: item for item in self.store.agenda.items(self.meeting_id)}
        self.events = self.store.agenda.events(self.meeting_id)
        self.roster = self.store.people.roster(self.meeting.series_id)
        self._current_key = None

    def reload_roster(self) -> None:
        self.meeting = self.store.meetings.get(self.meeting_id)
        self.roster = self.store.people.roster(self.meeting.series_id)

    def sync(self) -> bool:
        """Take in what another seat wrote since we last looked; True when anything changed.

        `PRAGMA data_version` moves only when another connection commits, so an idle check
        costs one pragma and re-reads nothing.
        """
        version = self.store.data_version()
        if version == self._data_version:
            return False
        self._data_version = version
        self.load()
        self.generation += 1
        return True

    # Commands ----------------------------------------------------------

    def run(self, command: Callable[[], Outcome]) -> Outcome:
        """Run one command as one transaction (BEGIN IMMEDIATE), on the meeting as it stands when
        the transaction begins. A refusal saves nothing; a storage failure becomes a message; a
        busy database (`Outcome.busy`) or a full disk (`Outcome.full`) says so, so the caller can
        try the whole command again later, never sleeping here. A command called from within
        another is part of its transaction."""
        if self.store.database.conn.in_transaction:
            return command()
        if self.gone is not None:
            return Outcome(error=self.gone)
        try:
            with self.store.atomic():
                self.sync()  # under the write lock: checks see every other seat's last write
                outcome = command()
                if not outcome.ok:
                    raise _Refused(outcome)
                outcome = self._numbered(outcome)
        except _Refused as refused:
            self._after_rollback()
            return refused.outcome
        except sqlite3.DatabaseError as exc:
            self._after_rollback()
            return Outcome(error=storage_problem(exc), busy=is_busy(exc), full=is_full(exc))
        if outcome.saved is not None:
            self.saved.append(outcome.saved)
        if outcome.undid is not None and outcome.undid in self.saved:
            self.saved.remove(outcome.undid)
        return outcome

    def _numbered(self, outcome: Outcome) -> Outcome:
        """Give a new capture its number on its item, in the same transaction."""
        saved = outcome.saved
        if saved is None or saved.subject not in NUMBERED or saved.item_id is None or outcome.capture is None:
            return outcome
        number = self.store.captures.number(saved.item_id, saved.subject, saved.origin or saved.row_id)
        return msgspec.structs.replace(outcome, capture=msgspec.structs.replace(outcome.capture, number=number))

    def _after_rollback(self) -> None:
        """What this seat holds in memory may include what was just rolled back: read it again."""
        try:
            self.load()
        except (sqlite3.DatabaseError, KeyError):
            pass  # the store cannot be read either; the failure was already said, and the next command tries again

    # The meeting's state -----------------------------------------------

    def today(self) -> date:
        """The day relative dates count from (`+1w`, `friday`): the meeting's date, even when the
        record is corrected days later."""
        return self.meeting.date

    def clock(self) -> MeetingClock:
        return replay(self.items.values(), self.events, self.now())

    def current_item(self, clock: MeetingClock | None = None) -> AgendaItem:
        if clock is not None:
            return self.items[clock.current_id]
        # Which item is current depends on the events only, not on "now": replay once per change.
        key = (len(self.events), len(self.items))
        if self._current_key != key:
            self._current_key = key
            self._current_id = self.clock().current_id
        return self.items[self._current_id]

    def record(self, *events: ClockEvent) -> None:
        """Store flow events and take them into this seat's clock."""
        self.store.agenda.add_events(self.meeting_id, list(events))
        self.events.extend(events)

    def replace_item(self, item: AgendaItem) -> None:
        self.items[item.id] = item

    def capture(self, label: str, text: str) -> Capture:
        return Capture(self.now(), label, text)

    def save_entry(self, item: AgendaItem, text: str, kind: EntryKind, message: str | None = None, *, label: str | None = None) -> Outcome:
        """Store a note, idea or parked item on `item`, and show it: the one place that does."""
        entry = self.store.captures.add_entry(self.meeting_id, item.id, text, at=self.now(), kind=kind)
        shown = ENTRY_LABELS[kind] if label is None else label
        return Outcome(
            capture=Capture(entry.created_at, shown, entry.text), message=message,
            saved=Saved("entries", entry.id, item.id, entry.id),
        )

    # People ------------------------------------------------------------

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

    def numbered_roster(self) -> list[Person]:
        """The roster as the voices panel numbers it, for `/speak 3`."""
        return sorted(self.roster, key=lambda p: p.name.casefold())

    def pick_person(self, typed: str) -> Person | str:
        """A person by roster number (`3`) or by name."""
        if typed.isdigit():
            people = self.numbered_roster()
            number = int(typed)
            return people[number - 1] if 1 <= number <= len(people) else f"There is no person {number}; the roster has {len(people)}."
        return self.find_person(typed)


class Part:
    """One part of a running meeting (an activity, the flow, the notes), given the shared context."""

    def __init__(self, ctx: MeetingContext) -> None:
        self.ctx = ctx

    @property
    def store(self) -> Store:
        return self.ctx.store


def command(method: Callable[Concatenate[Owner, P], Outcome]) -> Callable[Concatenate[Owner, P], Outcome]:
    """Mark a part's method as a command: it runs as one transaction (see `MeetingContext.run`)."""

    def run(self: Owner, /, *args: P.args, **kwargs: P.kwargs) -> Outcome:
        return self.ctx.run(lambda: method(self, *args, **kwargs))

    functools.update_wrapper(run, method)
    return run
