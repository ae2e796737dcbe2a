"""The meeting clock: a pure function of stored flow events and "now".

Nothing here reads the time. Every flow action (start, pause, next item, ...)
is stored as a `ClockEvent`; `clock_state` replays them against the agenda and
the moment it is given. After a crash the same replay resumes the meeting to
the second: time that passed while the app was down counts unless the meeting
was paused.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum


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


class Status(StrEnum):
    NOT_STARTED = "not started"
    RUNNING = "running"
    PAUSED = "paused"
    ENDED = "ended"


@dataclass(frozen=True)
class ClockEvent:
    """One stored flow action. `item_id` names the target of goto/extend/skip."""

    at: datetime
    kind: FlowKind
    item_id: int | None = None
    minutes: int | None = None


@dataclass(frozen=True)
class TimeBox:
    """The planned and actual time of one agenda item."""

    item_id: int
    planned_seconds: int
    extended_seconds: int = 0
    elapsed_seconds: float = 0.0
    visited: bool = False
    skipped: bool = False

    @property
    def box_seconds(self) -> int:
        return self.planned_seconds + self.extended_seconds

    @property
    def remaining_seconds(self) -> float:
        return self.box_seconds - self.elapsed_seconds

    @property
    def warn_at_seconds(self) -> float:
        """Warn when 2 minutes or 20% are left, whichever comes later."""
        return min(120.0, 0.2 * self.box_seconds)


@dataclass(frozen=True)
class MeetingClock:
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
    def is_last(self) -> bool:
        return self._next_index() is None

    def _next_index(self) -> int | None:
        for index in range(self.current_index + 1, len(self.boxes)):
            if not self.boxes[index].skipped:
                return index
        return None

    def box(self, item_id: int) -> TimeBox:
        return next(b for b in self.boxes if b.item_id == item_id)

    @property
    def planned_seconds(self) -> int:
        return sum(b.planned_seconds for b in self.boxes)

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
        left = sum(
            max(0.0, b.remaining_seconds)
            for b in self.boxes[self.current_index :]
            if not b.skipped
        )
        return self.now + timedelta(seconds=left)

    @property
    def drift_seconds(self) -> float | None:
        """Positive when running late against the planned end."""
        if self.planned_end is None:
            return None
        return (self.projected_end - self.planned_end).total_seconds()

    @property
    def warning(self) -> bool:
        box = self.current
        return 0 <= box.remaining_seconds <= box.warn_at_seconds

    @property
    def overrun(self) -> bool:
        return self.current.remaining_seconds < 0


def clock_state(items: list[tuple[int, int]], events: list[ClockEvent], now: datetime) -> MeetingClock:
    """Replay `events` over the agenda `items` (id, planned minutes), as at `now`."""
    if not items:
        raise ValueError("an agenda needs at least one item")
    boxes = [TimeBox(item_id, minutes * 60) for item_id, minutes in items]
    index_of = {item_id: i for i, (item_id, _) in enumerate(items)}
    status = Status.NOT_STARTED
    current = 0
    started_at = ended_at = running_since = None
    elapsed = 0.0

    def accrue(until: datetime) -> None:
        nonlocal running_since, elapsed
        if running_since is not None:
            seconds = max(0.0, (until - running_since).total_seconds())
            box = boxes[current]
            boxes[current] = replace(box, elapsed_seconds=box.elapsed_seconds + seconds)
            elapsed += seconds
            running_since = until

    def move_to(index: int) -> None:
        nonlocal current
        current = index
        boxes[index] = replace(boxes[index], skipped=False, visited=True)

    def following(index: int) -> int | None:
        return next((i for i in range(index + 1, len(boxes)) if not boxes[i].skipped), None)

    for event in sorted(events, key=lambda e: e.at):
        if status is Status.ENDED:
            break
        accrue(event.at)
        kind = event.kind
        if status is Status.NOT_STARTED and kind not in (FlowKind.EXTEND, FlowKind.SKIP):
            status, started_at, running_since = Status.RUNNING, event.at, event.at
            boxes[current] = replace(boxes[current], visited=True)
        target = index_of.get(event.item_id) if event.item_id is not None else None
        if kind is FlowKind.PAUSE and status is Status.RUNNING:
            status, running_since = Status.PAUSED, None
        elif kind is FlowKind.RESUME and status is Status.PAUSED:
            status, running_since = Status.RUNNING, event.at
        elif kind is FlowKind.NEXT:
            nxt = following(current)
            if nxt is not None:
                move_to(nxt)
        elif kind is FlowKind.BACK and current > 0:
            move_to(current - 1)
        elif kind is FlowKind.GOTO and target is not None:
            move_to(target)
        elif kind is FlowKind.EXTEND and event.minutes:
            index = current if target is None else target
            box = boxes[index]
            boxes[index] = replace(box, extended_seconds=box.extended_seconds + event.minutes * 60)
        elif kind is FlowKind.SKIP:
            index = current if target is None else target
            nxt = following(index)
            boxes[index] = replace(boxes[index], skipped=True)
            if index == current and nxt is not None:
                move_to(nxt)
            elif index == current:
                boxes[index] = replace(boxes[index], skipped=False)
        elif kind is FlowKind.END:
            status, ended_at, running_since = Status.ENDED, event.at, None
    accrue(now)
    return MeetingClock(
        status=status,
        current_index=current,
        boxes=tuple(boxes),
        now=now,
        started_at=started_at,
        ended_at=ended_at,
        elapsed_seconds=elapsed,
    )


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
        words = f"{int(remaining // 60)} min left"
    return f"PAUSED · {words}" if clock.status is Status.PAUSED else words
