"""Check-in rounds: who speaks now, for how long, who has not yet, and which question to ask.

The pure functions decide order and timing; `CheckinRound` runs a round in a meeting: each plain
line is the current speaker's answer, and the floor passes to the next person.
"""

from __future__ import annotations

import random
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

import msgspec

from facilitator.activities.base import Activity, ActivityView
from facilitator.clock import Status
from facilitator.models import AgendaItem, AttendanceStatus, CheckinSeat, ItemKind, Person
from facilitator.parsed import Question
from facilitator.parts.context import command
from facilitator.parts.outcome import Outcome, Saved

if TYPE_CHECKING:
    from facilitator.store import Store


def current_seat(seats: list[CheckinSeat]) -> CheckinSeat | None:
    """The first person in the round who has neither spoken nor passed."""
    return next((seat for seat in seats if not seat.done), None)


def waiting(seats: list[CheckinSeat]) -> list[CheckinSeat]:
    return [seat for seat in seats if not seat.done]


def turn_started(seats: list[CheckinSeat]) -> datetime | None:
    """When the current speaker's time box began: the last answer, or when the round was seated."""
    if not seats:
        return None
    answered = [seat.at for seat in seats if seat.at is not None]
    return max(answered) if answered else min(seat.seated_at for seat in seats)


def shuffled(person_ids: list[int], seed: int) -> list[int]:
    """A new speaking order; the seed is stored with nothing, it only makes tests repeatable."""
    order = list(person_ids)
    random.Random(seed).shuffle(order)
    return order


def next_question(questions: list[tuple[int, str, str | None]]) -> tuple[int, str] | None:
    """The saved question asked longest ago (never-asked first), so a group never gets the
    same one twice in a row while it has others."""
    if not questions:
        return None
    oldest = min(questions, key=lambda q: q[2] or "")  # never asked ("") first; the first such one kept
    return oldest[0], oldest[1]


class CheckinView(ActivityView, frozen=True):
    seats: list[CheckinSeat]
    speaker_seconds: int
    turn_started: datetime | None = None

    @property
    def current(self) -> CheckinSeat | None:
        return current_seat(self.seats)


class CheckinRound(Activity):
    """A round in a check-in or icebreaker item: seated, answered one by one, with attendance."""

    name: ClassVar[str] = "checkin"
    kinds: ClassVar[tuple[ItemKind, ...]] = (ItemKind.CHECKIN, ItemKind.ICEBREAKER)

    def seats(self, item: AgendaItem | None = None) -> list[CheckinSeat]:
        return self.store.checkin.seats((item or self.ctx.current_item()).id)

    def line(self, item: AgendaItem, text: str) -> Outcome | None:
        if current_seat(self.seats(item)) is None:
            return None  # no round under way: an ordinary note
        return self._answer(item, text)

    def view(self, item: AgendaItem, now: datetime) -> CheckinView:
        seats = self.seats(item)
        done = len(seats) - len(waiting(seats))
        title = "Check-in round"
        if seats:
            title = f"Check-in · {done} of {len(seats)} · {item.speaker_seconds // 60 or 1} min each"
        return CheckinView(title=title, seats=seats, speaker_seconds=item.speaker_seconds, turn_started=turn_started(seats))

    @classmethod
    def minutes_part(cls, store: Store, meeting_id: int, item: AgendaItem) -> dict[str, Any]:
        """Each person who checked in, in the order they spoke: their answer, or that they passed."""
        seats = [seat for seat in store.checkin.seats(item.id) if seat.done]
        return {"checkins": [{"name": s.person.name, "answer": s.answer, "passed": s.passed, "absent": s.absent} for s in seats]}

    # Commands ----------------------------------------------------------

    @command
    def next_speaker(self) -> Outcome:
        """F5: seat the round if it has not started, else the current speaker has spoken."""
        item = self._checkin_item()
        if isinstance(item, Outcome):
            return item
        if not self.seats(item):
            return self._seat(item, shuffle=False)
        return self._answer(item, None)

    @command
    def start(self, *, shuffle: bool = False) -> Outcome:
        """Seat everyone here (everyone on the roster when attendance is not taken yet); with
        `shuffle`, in a random order, or shuffle who is still waiting when already seated."""
        item = self._checkin_item()
        if isinstance(item, Outcome):
            return item
        if self.seats(item):
            if not shuffle:
                return Outcome(error="The round is already seated; F7 shuffles who is still waiting.")
            waiting_ids = [seat.person.id for seat in waiting(self.seats(item))]
            self.store.checkin.reorder(item.id, shuffled(waiting_ids, seed=int(self.ctx.now().timestamp())))
            self.give_floor_to_current(item)
            return Outcome(message="Shuffled the people still waiting.", agenda_changed=True)
        return self._seat(item, shuffle=shuffle)

    @command
    def answer(self, text: str | None, *, passed: bool = False, absent: bool = False) -> Outcome:
        """The current speaker's one line, or a pass, or not here; the next person gets the floor."""
        item = self._checkin_item()
        if isinstance(item, Outcome):
            return item
        return self._answer(item, text, passed=passed, absent=absent)

    @command
    def add(self, name: str) -> Outcome:
        """Someone not on the roster joins: on the roster, present, and last in the round."""
        name = " ".join(name.split())
        if not name:
            return Outcome(error="Type the person's name in the bar, then press F9.")
        if name.startswith("/"):
            return Outcome(error=f"{name!r} is a command, not a name: type just the name, then press F9.")
        item = self.ctx.current_item()
        found = self.ctx.find_person(name)
        person = found if isinstance(found, Person) and found.name.casefold() == name.casefold() else None
        if person is None:
            series_id = self.store.meetings.ensure_series(self.ctx.meeting_id, at=self.ctx.now())
            person = self.store.people.add(series_id, name, at=self.ctx.now())
            self.ctx.reload_roster()
        self.store.people.mark(self.ctx.meeting_id, person.id, AttendanceStatus.PRESENT, self.ctx.now())
        if item.kind in self.kinds and not self.join_late(person):
            self.store.checkin.seat(self.ctx.meeting_id, item.id, [person.id], at=self.ctx.now())
        return Outcome(message=f"{person.name} is here and joins the round.", agenda_changed=True)

    @command
    def ask_question(self, command: Question) -> Outcome:
        """`/question`: the series' saved question asked longest ago; `/question TEXT` saves and asks it."""
        ctx = self.ctx
        item = ctx.current_item()
        series_id = self.store.meetings.ensure_series(ctx.meeting_id, at=ctx.now())
        if command.text:
            question_id = self.store.checkin.add_question(series_id, command.text, at=ctx.now())
            text = command.text
        else:
            chosen = next_question(self.store.checkin.questions(series_id))
            if chosen is None:
                return Outcome(error="No saved questions yet: /question TEXT saves one and asks it.")
            question_id, text = chosen
        self.store.checkin.use_question(question_id, ctx.meeting_id, item.id, at=ctx.now())
        self.store.agenda.set_prompt(item.id, text)
        ctx.replace_item(msgspec.structs.replace(item, prompt=text))
        return Outcome(message="Question for this round set.", agenda_changed=True)

    # Within a command --------------------------------------------------

    def _checkin_item(self) -> AgendaItem | Outcome:
        item = self.ctx.current_item()
        if item.kind not in self.kinds:
            return Outcome(error="Check-in rounds run in check-in and icebreaker items.")
        if self.ctx.clock().status is Status.NOT_STARTED:  # F5 pressed meaning "present" on Setup recorded empty answers
            return Outcome(error="The meeting has not started: /start (or Ctrl+S on Setup, F3) starts it; then F5 seats the round.")
        return item

    def _seat(self, item: AgendaItem, *, shuffle: bool) -> Outcome:
        ctx = self.ctx
        if not ctx.roster:
            return Outcome(error="The roster is empty: type a name and press F9 to add someone, or F3 for the roster.")
        away = {
            r.person.id for r in self.store.people.attendance(ctx.meeting_id)
            if r.status in (AttendanceStatus.ABSENT, AttendanceStatus.LEFT_EARLY)
        }
        # Seated order is the order people joined the roster, which is how most rooms fill.
        people = [p.id for p in sorted(ctx.roster, key=lambda p: p.id) if p.id not in away]
        if shuffle:
            people = shuffled(people, seed=int(ctx.now().timestamp()))
        self.store.checkin.seat(ctx.meeting_id, item.id, people, at=ctx.now())
        self.give_floor_to_current(item)
        order = "shuffled" if shuffle else "in seated order"
        return Outcome(message=f"Round seated {order}: {len(people)} people.", agenda_changed=True)

    def _answer(self, item: AgendaItem, text: str | None, *, passed: bool = False, absent: bool = False) -> Outcome:
        ctx = self.ctx
        seat = current_seat(self.seats(item))
        if seat is None:
            return Outcome(error="Nobody is waiting in this round. F5 seats the round if it has not started.")
        at = ctx.now()
        answer_id = self.store.checkin.record(ctx.meeting_id, item.id, seat.person.id, answer=text, passed=passed, absent=absent, at=at)
        if passed or absent:  # waiting on someone who does not speak is nobody's speaking time
            self.store.voices.discard_open_turn(ctx.meeting_id, seat.person.id)
        marked = {r.person.id for r in self.store.people.attendance(ctx.meeting_id)}
        if absent:
            self.store.people.mark(ctx.meeting_id, seat.person.id, AttendanceStatus.ABSENT, at, seat_id=ctx.seat_id)
        elif seat.person.id not in marked:
            self.store.people.mark(ctx.meeting_id, seat.person.id, AttendanceStatus.PRESENT, at, seat_id=ctx.seat_id)
        following = self.give_floor_to_current(item, at=at)  # the answer's time ends the turn: a correction finds it by that
        said = "not here" if absent else "passed" if passed else (text or "spoke")
        message = f"{seat.person.name}: {said}. " + (f"Next: {following.name}." if following else "Everyone has checked in.")
        return Outcome(
            capture=ctx.capture("check-in", f"{seat.person.name}: {said}"), message=message, agenda_changed=True,
            saved=Saved("checkin", answer_id, item.id, seat.person.id),
        )

    def join_late(self, person: Person) -> bool:
        """Someone arriving during a round that is already seated joins it at the end (also once
        everyone else has checked in, and also when they were called and marked not here); True
        when they did."""
        item = self.ctx.current_item()
        seats = self.seats(item)
        if item.kind not in self.kinds or not seats:
            return False
        seat = next((seat for seat in seats if seat.person.id == person.id), None)
        if seat is not None and not seat.absent:
            return False  # waiting their turn already, or has checked in
        if seat is None:
            self.store.checkin.seat(self.ctx.meeting_id, item.id, [person.id], at=self.ctx.now())
        else:  # called while away: the "not here" stays in the history, and their turn comes
            answer = self.store.checkin.current_answer(item.id, person.id)
            if answer is not None:
                self.store.checkin.take_back(answer)
                self.store.checkin.seat_last(item.id, person.id)
        self.give_floor_to_current(item)
        return True

    def give_floor_to_current(self, item: AgendaItem, *, at: datetime | None = None) -> Person | None:
        """Check-in turns count as speaking turns."""
        ctx = self.ctx
        seat = current_seat(self.seats(item))
        at = at or ctx.now()
        if seat is None or ctx.clock().status is not Status.RUNNING:
            self.store.voices.end_turn(ctx.meeting_id, at=at)
            return seat.person if seat else None
        self.store.voices.start_turn(ctx.meeting_id, item.id, seat.person.id, at=at)
        return seat.person
