"""Moving through the agenda: start, pause, next, back, go to, extend, skip, end; adding, moving
and re-timing items on the fly; and what to do when an item runs over.

Every flow action is checked against the clock, then stored as an event; the clock is a replay
of those events (`facilitator.clock`), so a restart resumes to the second.
"""

from __future__ import annotations

import msgspec

from facilitator.clock import ClockEvent, FlowKind, MeetingClock, Status, format_duration, take_from_later
from facilitator.models import EntryKind
from facilitator.parsed import AddItem, Flow, MoveItem, RetimeItem
from facilitator.parts.context import MeetingContext, Part, command
from facilitator.parts.outcome import Outcome
from facilitator.session.plan import ItemDetails, Plan
from facilitator.words import plural

# Moving through the agenda starts the meeting; preparing it (add, move, re-time, skip) does not.
_STARTS_MEETING = {
    FlowKind.START, FlowKind.NEXT, FlowKind.BACK, FlowKind.GOTO, FlowKind.PAUSE, FlowKind.RESUME, FlowKind.EXTEND, FlowKind.END,
}
_CHANGES_ITEM = {FlowKind.NEXT, FlowKind.BACK, FlowKind.GOTO, FlowKind.SKIP}
_FROM_HERE = {FlowKind.NEXT, FlowKind.BACK, FlowKind.GOTO, FlowKind.SKIP, FlowKind.EXTEND}


class Taking(msgspec.Struct, frozen=True):
    """Minutes for the current item taken from the upcoming ones."""

    minutes: int
    upcoming: bool
    """Whether there are upcoming items to take from at all."""
    shrunk: dict[int, tuple[int, int]]
    """Item id -> (minutes before, after), for the items that give time."""

    @property
    def taken(self) -> int:
        return sum(before - after for before, after in self.shrunk.values())

    def __str__(self) -> str:
        if not self.taken:
            return "the later items keep their time: the meeting still ends on time without taking any"
        return f"{self.taken} min taken from later items, so the meeting still ends on time"


class FlowControl(Part):
    """Moving through the agenda once the meeting runs; before it starts, `/add`, `/move`,
    `/retime` and `/skip` change the plan itself (`Plan`), as Setup's agenda tab does."""

    def __init__(self, ctx: MeetingContext, plan: Plan) -> None:
        super().__init__(ctx)
        self._plan = plan
        self._end_warned = False

    def apply(self, command: Flow) -> Outcome:
        """Check a flow command against the clock as this seat saw it, then store it as an event.

        Another seat may have moved the meeting since this seat last looked: the command is
        checked again once the transaction holds the database, and refused if the item it was
        given on is no longer current (two seats pressing /next at once move the meeting once).
        """
        seen = self.ctx.clock()
        if command.kind is FlowKind.SKIP and seen.status is Status.NOT_STARTED:
            return self.ctx.run(lambda: self._unplan(command.number))
        return self.ctx.run(lambda: self._move(command, seen=seen))

    def _unplan(self, number: int | None) -> Outcome:
        """`/skip N` before the start: item N comes off the plan (the minutes will not mention it)."""
        item_id = _item_at(self.ctx.clock(), number or 1)
        if isinstance(item_id, str):
            return Outcome(error=item_id)
        outcome = self._plan.remove(item_id)
        return msgspec.structs.replace(outcome, message=f"{outcome.message} (/add puts one back.)") if outcome.ok else outcome

    @command
    def add_item(self, command: AddItem) -> Outcome:
        ctx = self.ctx
        clock = ctx.clock()
        if clock.status is Status.ENDED:
            return Outcome(error="The meeting has ended.")
        if clock.status is Status.NOT_STARTED:
            return self._plan.add(ItemDetails(command.title, command.kind.value, command.minutes))
        item = self.store.agenda.add_item(ctx.meeting_id, command.title, command.kind, command.minutes, live=True)
        ctx.replace_item(item)
        place = clock.current_index + 1
        ctx.record(ClockEvent(ctx.now(), FlowKind.ADD, item.id, command.minutes, position=place))
        return Outcome(message=f"Added as item {place + 1}: {command.title} ({command.minutes} min).", agenda_changed=True)

    @command
    def move_item(self, command: MoveItem) -> Outcome:
        ctx = self.ctx
        clock = ctx.clock()
        item_id = _item_at(clock, command.number)
        if isinstance(item_id, str):
            return Outcome(error=item_id)
        if clock.status is Status.NOT_STARTED:
            return self._plan.move(item_id, command.to)
        if not clock.box(item_id).upcoming or clock.status is Status.ENDED:
            return Outcome(error=f"Item {command.number} has already run; only upcoming items move.")
        first_free = clock.current_index + 2
        if not first_free <= command.to <= len(clock.boxes):
            return Outcome(error=f"Item {command.number} can move to places {first_free} to {len(clock.boxes)}.")
        ctx.record(ClockEvent(ctx.now(), FlowKind.MOVE, item_id, position=command.to - 1))
        return Outcome(message=f"Moved {ctx.items[item_id].title} to place {command.to}.", agenda_changed=True)

    @command
    def retime_item(self, command: RetimeItem) -> Outcome:
        ctx = self.ctx
        clock = ctx.clock()
        item_id = _item_at(clock, command.number)
        if isinstance(item_id, str):
            return Outcome(error=item_id)
        if clock.status is Status.NOT_STARTED:
            return self._plan.update(item_id, msgspec.structs.replace(ItemDetails.of(ctx.items[item_id]), minutes=command.minutes))
        box = clock.box(item_id)
        if clock.status is Status.ENDED or (box.visited and item_id != clock.current_id):
            return Outcome(error=f"Item {command.number} has already run; its time cannot change now.")
        ctx.record(ClockEvent(ctx.now(), FlowKind.RETIME, item_id, command.minutes))
        return Outcome(message=f"{ctx.items[item_id].title}: now {command.minutes} min.", agenda_changed=True)

    # Over time ---------------------------------------------------------

    def take_from_later(self, minutes: int) -> Taking:
        """What giving the current item `minutes` more from now takes from the upcoming items so the
        planned end holds: the one computation the over-time dialog previews and the command records."""
        clock = self.ctx.clock()
        boxes = take_from_later(clock, minutes)
        shrunk = {item_id: (clock.box(item_id).planned_seconds // 60, new) for item_id, new in boxes.items()
                  if new != clock.box(item_id).planned_seconds // 60}
        return Taking(minutes, bool(boxes), shrunk)

    @command
    def take_time_from_later(self, minutes: int) -> Outcome:
        """Extend the current item and shrink the upcoming ones so the planned end holds."""
        ctx = self.ctx
        clock = ctx.clock()
        if clock.status is Status.ENDED:
            return Outcome(error="The meeting has ended.")
        taking = self.take_from_later(minutes)
        if not taking.upcoming:
            return Outcome(error="No upcoming items to take time from; extend instead, or park the rest.")
        at = ctx.now()
        events = [ClockEvent(at, FlowKind.EXTEND, clock.current_id, minutes)]
        events += [ClockEvent(at, FlowKind.RETIME, item_id, new) for item_id, (_, new) in taking.shrunk.items()]
        if taking.taken:
            events.append(ClockEvent(at, FlowKind.OVERRUN, clock.current_id, detail=f"{taking.taken} min taken from later items"))
        ctx.record(*events)
        return Outcome(message=f"+{minutes} min here; {taking}.", agenda_changed=True, flow=FlowKind.EXTEND)

    @command
    def park_rest(self, text: str) -> Outcome:
        """Put the rest of the current topic in the parking lot and move on."""
        ctx = self.ctx
        clock = ctx.clock()
        if clock.is_last or clock.status is Status.ENDED:
            return Outcome(error="This is the last item: park it with /park, then /end.")
        item = ctx.current_item(clock)
        self.store.captures.add_entry(ctx.meeting_id, item.id, text.strip() or f"Rest of: {item.title}", at=ctx.now(), kind=EntryKind.PARK)
        ctx.record(ClockEvent(ctx.now(), FlowKind.OVERRUN, item.id, detail="rest of the topic parked"))
        return self._move(Flow(FlowKind.NEXT))

    # Within a command --------------------------------------------------

    def _move(self, command: Flow, *, seen: MeetingClock | None = None) -> Outcome:
        ctx = self.ctx
        clock = ctx.clock()
        kind = command.kind
        if seen is not None and kind in _FROM_HERE and clock.status is not Status.NOT_STARTED:
            moved = seen.current_id != clock.current_id
            if moved or (kind is FlowKind.EXTEND and seen.current.box_seconds != clock.current.box_seconds):
                item = ctx.current_item(clock)
                what = f"moved the meeting to {clock.current_index + 1}. {item.title}" if moved else f"already gave {item.title} more time"
                return Outcome(error=f"The other seat {what} just now; nothing changed here. Look, then try again.", agenda_changed=True)
        problem = _refusal(clock, command)
        if problem:
            return Outcome(error=problem)
        if kind is FlowKind.END and not self._end_warned:
            flagged = [step.text for step in self.store.captures.next_steps(ctx.meeting_id) if step.flagged]
            if flagged:
                self._end_warned = True
                listed = "; ".join(flagged[:3]) + (" …" if len(flagged) > 3 else "")
                lack = "lacks" if len(flagged) == 1 else "lack"
                return Outcome(
                    error=f"{plural(len(flagged), 'next step')} {lack} an owner or a due date ({listed}). "
                    "Add @owner due:DATE to each with /edit ITEM.N (/edit 6.2 is item 6's capture 2), or /end again to end anyway."
                )
        at = ctx.now()
        events = []
        if clock.status is Status.NOT_STARTED and kind in _STARTS_MEETING and kind is not FlowKind.START:
            events.append(ClockEvent(at, FlowKind.START))
        item_id = None
        if kind in (FlowKind.GOTO, FlowKind.SKIP) and command.number is not None:
            item_id = clock.boxes[command.number - 1].item_id
        elif kind in (FlowKind.EXTEND, FlowKind.SKIP):
            item_id = clock.current_id
        events.append(ClockEvent(at, kind, item_id, command.number if kind is FlowKind.EXTEND else None, from_item=clock.current_id))
        ctx.record(*events)
        after = ctx.clock()
        if kind in (FlowKind.PAUSE, FlowKind.END) or after.current_id != clock.current_id:
            self.store.voices.end_turn(ctx.meeting_id, at=at)
        said = self._said(kind, after, command)
        if kind is FlowKind.SKIP and item_id != clock.current_id and item_id is not None:  # a later item, not the one under way
            said = f"Skipped {command.number}. {ctx.items[item_id].title}: it stays in the minutes, marked skipped. {said}"
        return Outcome(flow=kind, message=said, agenda_changed=kind in _CHANGES_ITEM)

    def _said(self, kind: FlowKind, clock: MeetingClock, command: Flow) -> str:
        item = self.ctx.current_item(clock)
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


def _item_at(clock: MeetingClock, number: int) -> int | str:
    if not 1 <= number <= len(clock.boxes):
        return f"There is no item {number}; the agenda has {len(clock.boxes)}."
    return clock.boxes[number - 1].item_id


def _refusal(clock: MeetingClock, command: Flow) -> str | None:
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
