"""The meeting clock: a pure function of stored flow events and "now".

Nothing here reads the time. Every flow action (start, pause, next item, ...)
is stored as a `ClockEvent`; `clock_state` replays them against the agenda and
the moment it is given. After a crash the same replay resumes the meeting to
the second: time that passed while the app was down counts unless the meeting
was paused.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import msgspec
from msgspec.structs import replace

if TYPE_CHECKING:
    from facilitator.models import AgendaItem


class FlowKind(StrEnum):
    """The flow actions the clock understands."""

    START = "start"
    PAUSE = "pause"
    RESUME = "resume"
    NEXT = "next"
    BACK = "back"
    GOTO = "goto"
    EXTEND = "extend"
    SKIP = "skip"
    END = "end"
    ADD = "add"
    MOVE = "move"
    RETIME = "retime"
    OVERRUN = "overrun"
    """A marker: what the facilitator chose when an item ran over (`detail` says)."""


class Status(StrEnum):
    NOT_STARTED = "not started"
    RUNNING = "running"
    PAUSED = "paused"
    ENDED = "ended"


class ClockEvent(msgspec.Struct, frozen=True):
    """One stored flow action.

    `item_id` names the target of goto/extend/skip/add/move/retime; `minutes`
    is the extension or the new time box; `position` the 0-based place an
    item is added or moved to; `detail` a few words kept for the minutes.
    """

    at: datetime
    kind: FlowKind
    item_id: int | None = None
    minutes: int | None = None
    position: int | None = None
    detail: str | None = None
    from_item: int | None = None
    """The item that was current where the command was given: a next, back, go-to, skip or
    extend given on an item that is no longer current (another seat moved first) is ignored."""

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> ClockEvent:
        """The event a `clock_events` row stores."""
        return cls(
            at=datetime.fromisoformat(row["at"]), kind=FlowKind(row["kind"]), item_id=row["item_id"], minutes=row["minutes"],
            position=row["position"], detail=row["detail"], from_item=row["from_item_id"],
        )


class TimeBox(msgspec.Struct, frozen=True):
    """The planned and actual time of one agenda item."""

    item_id: int
    planned_seconds: int
    extended_seconds: float = 0.0
    elapsed_seconds: float = 0.0
    visited: bool = False
    skipped: bool = False
    original_seconds: int | None = None
    """The box as first planned; None for an item added during the meeting."""
    changes: tuple[str, ...] = ()
    """What happened to this box during the meeting, in words, for the minutes."""

    @property
    def box_seconds(self) -> float:
        return self.planned_seconds + self.extended_seconds

    @property
    def box_minutes(self) -> int:
        return round(self.box_seconds / 60)

    @property
    def remaining_seconds(self) -> float:
        return self.box_seconds - self.elapsed_seconds

    @property
    def warn_at_seconds(self) -> float:
        """Warn when 2 minutes or 20% are left, whichever comes later."""
        return min(120.0, 0.2 * self.box_seconds)

    @property
    def upcoming(self) -> bool:
        """Not yet begun and not skipped: free to move, retime or shrink."""
        return not self.visited and not self.skipped

    def noting(self, change: str) -> TimeBox:
        return replace(self, changes=(*self.changes, change))


class MeetingClock(msgspec.Struct, frozen=True):
    """Everything the screen and the minutes need to know about time."""

    status: Status
    current_index: int
    boxes: tuple[TimeBox, ...]
    now: datetime
    started_at: datetime | None = None
    ended_at: datetime | None = None
    elapsed_seconds: float = 0.0

    @property
    def current(self) -> TimeBox:
        return self.boxes[self.current_index]

    @property
    def current_id(self) -> int:
        return self.current.item_id

    @property
    def order(self) -> list[int]:
        return [b.item_id for b in self.boxes]

    @property
    def is_last(self) -> bool:
        return _following(self.boxes, self.current_index) is None

    def box(self, item_id: int) -> TimeBox:
        return next(b for b in self.boxes if b.item_id == item_id)

    @property
    def planned_seconds(self) -> int:
        """The agenda as first planned; changes during the meeting move the projection, not the plan."""
        return sum(b.original_seconds or 0 for b in self.boxes)

    @property
    def planned_end(self) -> datetime | None:
        if self.started_at is None:
            return None
        return self.started_at + timedelta(seconds=self.planned_seconds)

    @property
    def projected_end(self) -> datetime:
        """When the meeting ends if every item still to come keeps its time box."""
        if self.status is Status.ENDED and self.ended_at is not None:
            return self.ended_at
        return self.now + timedelta(seconds=_still_to_run(self.boxes, self.current_index))

    @property
    def drift_seconds(self) -> float | None:
        """Positive when running late against the planned end."""
        if self.planned_end is None:
            return None
        return (self.projected_end - self.planned_end).total_seconds()

    @property
    def warning(self) -> bool:
        box = self.current
        return self.status is not Status.ENDED and 0 <= box.remaining_seconds <= box.warn_at_seconds

    @property
    def overrun(self) -> bool:
        return self.status is not Status.ENDED and self.current.remaining_seconds < 0


# Flow commands that act on where the meeting is now (not on a named item or the clock).
_FROM_HERE = frozenset({FlowKind.NEXT, FlowKind.BACK, FlowKind.GOTO, FlowKind.SKIP, FlowKind.EXTEND})


def _still_to_run(boxes: Sequence[TimeBox], current: int, *, besides_upcoming_after: bool = False) -> float:
    """Seconds the agenda still needs: what is left of the current item and of later ones,
    plus earlier items jumped over with /goto and not yet run. With
    `besides_upcoming_after`, leave out the upcoming items after the current one."""
    total = 0.0
    for index, box in enumerate(boxes):
        if box.skipped or (index < current and box.visited):
            continue
        if besides_upcoming_after and index > current and box.upcoming:
            continue
        total += max(0.0, box.remaining_seconds)
    return total


def _following(boxes: Sequence[TimeBox], index: int) -> int | None:
    return next((i for i in range(index + 1, len(boxes)) if not boxes[i].skipped), None)


def clock_state(items: list[tuple[int, int]], events: list[ClockEvent], now: datetime) -> MeetingClock:
    """Replay `events` over the agenda `items` (id, planned minutes) as first planned, as at `now`."""
    if not items:
        raise ValueError("an agenda needs at least one item")
    boxes = [TimeBox(item_id, minutes * 60, original_seconds=minutes * 60) for item_id, minutes in items]
    status = Status.NOT_STARTED
    current_id = boxes[0].item_id
    started_at: datetime | None = None
    ended_at: datetime | None = None
    running_since: datetime | None = None
    elapsed = 0.0

    def index(item_id: int | None) -> int | None:
        return next((i for i, b in enumerate(boxes) if b.item_id == item_id), None)

    def current() -> int:
        """Where the current item is now (it is always on the agenda)."""
        found = index(current_id)
        assert found is not None
        return found

    def accrue(until: datetime) -> None:
        nonlocal running_since, elapsed
        if running_since is not None:
            seconds = max(0.0, (until - running_since).total_seconds())
            i = current()
            boxes[i] = replace(boxes[i], elapsed_seconds=boxes[i].elapsed_seconds + seconds)
            elapsed += seconds
            running_since = until

    def first_open_place() -> int:
        """Where an added or moved item may go first: after the current one, once started."""
        return 0 if status is Status.NOT_STARTED else current() + 1

    def move_to(i: int) -> None:
        nonlocal current_id
        current_id = boxes[i].item_id
        boxes[i] = replace(boxes[i], skipped=False, visited=True)

    for event in sorted(events, key=lambda e: e.at):
        if status is Status.ENDED:
            break
        accrue(event.at)
        kind = event.kind
        if event.from_item is not None and kind in _FROM_HERE and status is not Status.NOT_STARTED and event.from_item != current_id:
            continue  # given on an item that was no longer current: it would move the meeting twice
        if status is Status.NOT_STARTED and kind in (FlowKind.START, FlowKind.NEXT, FlowKind.BACK, FlowKind.GOTO, FlowKind.END):
            status, started_at, running_since = Status.RUNNING, event.at, event.at
            move_to(current())
        here = current()
        target = here if event.item_id is None else index(event.item_id)
        if kind is FlowKind.ADD and target is None and event.item_id is not None and event.minutes:
            at = len(boxes) if event.position is None else max(first_open_place(), min(event.position, len(boxes)))
            if status is Status.NOT_STARTED:  # prepared before the start: part of the plan
                boxes.insert(at, TimeBox(event.item_id, event.minutes * 60, original_seconds=event.minutes * 60))
                current_id = boxes[0].item_id
            else:
                boxes.insert(at, TimeBox(event.item_id, event.minutes * 60, changes=("added during the meeting",)))
            continue
        if target is None:
            continue  # an event about an item this agenda does not have: ignore, never crash
        if status is Status.NOT_STARTED and kind in (FlowKind.MOVE, FlowKind.RETIME, FlowKind.SKIP):
            # Older databases stored preparation as events: before the start they change the plan itself.
            box = boxes[target]
            if kind is FlowKind.MOVE and event.position is not None:
                boxes.insert(max(0, min(event.position, len(boxes) - 1)), boxes.pop(target))
            elif kind is FlowKind.RETIME and event.minutes and event.minutes > 0:
                boxes[target] = replace(box, planned_seconds=event.minutes * 60, original_seconds=event.minutes * 60)
            elif kind is FlowKind.SKIP and len(boxes) > 1:
                boxes.pop(target)
            current_id = boxes[0].item_id  # until it starts, a meeting is on the first item of its plan
            continue
        if kind is FlowKind.PAUSE and status is Status.RUNNING:
            status, running_since = Status.PAUSED, None
        elif kind is FlowKind.RESUME and status is Status.PAUSED:
            status, running_since = Status.RUNNING, event.at
        elif kind is FlowKind.NEXT:
            nxt = _following(boxes, here)
            if nxt is not None:
                move_to(nxt)
        elif kind is FlowKind.BACK and here > 0:
            move_to(here - 1)
        elif kind is FlowKind.GOTO:
            move_to(target)
        elif kind is FlowKind.EXTEND and event.minutes:
            # "Five more minutes" means five from now: an overrun so far is absorbed first.
            box = boxes[target]
            overrun = max(0.0, -box.remaining_seconds)
            note = f"extended +{event.minutes} min" + (f" after {format_duration(overrun)} over" if overrun else "")
            boxes[target] = replace(box, extended_seconds=box.extended_seconds + overrun + event.minutes * 60).noting(note)
        elif kind is FlowKind.RETIME and event.minutes and event.minutes > 0:
            box = boxes[target]
            boxes[target] = replace(box, planned_seconds=event.minutes * 60).noting(
                f"re-timed {box.planned_seconds // 60} → {event.minutes} min"
            )
        elif kind is FlowKind.MOVE and event.position is not None and boxes[target].upcoming:
            box = boxes.pop(target)
            boxes.insert(max(first_open_place(), min(event.position, len(boxes))), box.noting("moved"))
        elif kind is FlowKind.SKIP:
            nxt = _following(boxes, target)
            if target != here or nxt is not None:
                boxes[target] = replace(boxes[target], skipped=True).noting("skipped")
                if target == here and nxt is not None:
                    move_to(nxt)
        elif kind is FlowKind.OVERRUN and event.detail:
            boxes[target] = boxes[target].noting(event.detail)
        elif kind is FlowKind.END:
            status, ended_at, running_since = Status.ENDED, event.at, None
    accrue(now)
    return MeetingClock(
        status=status,
        current_index=current(),
        boxes=tuple(boxes),
        now=now,
        started_at=started_at,
        ended_at=ended_at,
        elapsed_seconds=elapsed,
    )


def replay(items: Iterable[AgendaItem], events: list[ClockEvent], now: datetime) -> MeetingClock:
    """The clock of a meeting: the agenda as first planned (items added during the meeting enter
    through their `add` events), then every stored flow event, as at `now`."""
    planned = [(i.id, i.planned_minutes) for i in sorted(items, key=lambda i: i.position) if not i.added_live]
    return clock_state(planned, events, now)


def take_from_later(clock: MeetingClock, extra_minutes: int) -> dict[int, int]:
    """New time boxes (item id -> minutes) for the upcoming items, so that giving the current
    item `extra_minutes` more still ends the meeting on its planned end.

    Upcoming items shrink in proportion to their size, never below 1 minute; the
    minutes are shared out by largest remainder so they add up exactly. When the
    later items cannot give enough, each gives what it can.
    """
    upcoming = [b for b in clock.boxes[clock.current_index + 1 :] if b.upcoming]
    if not upcoming:
        return {}
    if clock.planned_end is None:
        budget_seconds: float = sum(b.planned_seconds for b in upcoming) - extra_minutes * 60
    else:
        others = _still_to_run(clock.boxes, clock.current_index, besides_upcoming_after=True)
        budget_seconds = (clock.planned_end - clock.now).total_seconds() - others - extra_minutes * 60
    sizes = [b.planned_seconds // 60 for b in upcoming]
    budget = max(len(upcoming), min(sum(sizes), int(budget_seconds // 60)))
    spare = budget - len(upcoming)  # minutes to share above the 1-minute floor
    weights = [size - 1 for size in sizes]
    total_weight = sum(weights) or 1
    shares = [spare * w / total_weight for w in weights]
    whole = [int(share) for share in shares]
    by_remainder = sorted(range(len(shares)), key=lambda i: shares[i] - whole[i], reverse=True)
    for i in by_remainder[: spare - sum(whole)]:
        whole[i] += 1
    return {box.item_id: 1 + extra for box, extra in zip(upcoming, whole, strict=True)}


def format_duration(seconds: float) -> str:
    """`mm:ss` (or `h:mm:ss`) of the absolute value, for clocks and minutes."""
    whole = int(abs(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes:02}:{secs:02}"


def describe(clock: MeetingClock) -> str:
    """The time box's state in words, so nothing depends on colour alone."""
    if clock.status is Status.NOT_STARTED:
        return "NOT STARTED"
    if clock.status is Status.ENDED:
        return "ENDED"
    remaining = clock.current.remaining_seconds
    if remaining < 0:
        minutes, seconds = divmod(int(-remaining), 60)
        words = f"OVER by {minutes}:{seconds:02}"
    elif remaining < 60:
        words = f"{int(remaining)} s left"
    else:
        words = f"{math.ceil(remaining / 60)} min left"
    return f"PAUSED · {words}" if clock.status is Status.PAUSED else words
