"""Everyone heard: speaking time by person, organisation and sector, one balance figure, the
speaker queue, and the sectors a coalition usually needs held against who is in the room.

The pure functions work on stored turns and "now" (nothing here reads the clock); `Floor` is
the running meeting's part: `/speak`, `/hand`, the queue, and attendance taken as it goes.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import msgspec

from facilitator.clock import Status
from facilitator.models import Attendance, AttendanceStatus, Person, Turn
from facilitator.parsed import Attend, Hand, QueueMode, Speak
from facilitator.parts.context import MeetingContext, Part, command
from facilitator.parts.outcome import Outcome, Saved

if TYPE_CHECKING:
    from facilitator.activities.checkin import CheckinRound

# The sectors a health-equity coalition usually needs at the table (editable per series).
USUAL_SECTORS = (
    "community members",
    "public health",
    "health care",
    "education",
    "housing",
    "transportation",
    "planning and economic development",
    "business",
    "media",
    "faith-based",
    "government",
    "social services",
)

BALANCE_HELP = (
    "Balance: the share of speaking time held by the top quarter of speakers. With everyone "
    "heard equally it is 25%; the higher it is, the more a few voices held the floor. We use it "
    "rather than a Gini index because it reads in plain words in the room; the minutes give both."
)


class Airtime(msgspec.Struct, frozen=True):
    key: str
    seconds: float
    turns: int


def turn_seconds(turn: Turn, now: datetime) -> float:
    """A finished turn's length, or an open turn's length so far."""
    end = turn.ended_at or now
    return max(0.0, (end - turn.started_at).total_seconds())


def by_person(turns: Iterable[Turn], now: datetime) -> dict[int, Airtime]:
    seconds: dict[int, float] = {}
    counts: dict[int, int] = {}
    for turn in turns:
        seconds[turn.person_id] = seconds.get(turn.person_id, 0.0) + turn_seconds(turn, now)
        counts[turn.person_id] = counts.get(turn.person_id, 0) + 1
    return {pid: Airtime(str(pid), seconds[pid], counts[pid]) for pid in seconds}


def grouped(per_person: dict[int, Airtime], people: dict[int, Person], key: Callable[[Person], str]) -> list[Airtime]:
    """Sum people's airtime by `key(person)` (organisation, sector, ...), most first."""
    seconds: dict[str, float] = {}
    turns: dict[str, int] = {}
    for pid, air in per_person.items():
        person = people.get(pid)
        group = (key(person) if person else "") or "not given"
        seconds[group] = seconds.get(group, 0.0) + air.seconds
        turns[group] = turns.get(group, 0) + air.turns
    return sorted((Airtime(g, seconds[g], turns[g]) for g in seconds), key=lambda a: (-a.seconds, a.key))


def top_quarter_share(seconds: list[float]) -> float | None:
    """Share of the total held by the top quarter of speakers (at least one speaker)."""
    total = sum(seconds)
    if total <= 0:
        return None
    count = max(1, math.ceil(len(seconds) / 4))
    return sum(sorted(seconds, reverse=True)[:count]) / total


def gini(values: list[float]) -> float | None:
    """0 when everyone speaks equally, towards 1 when one person holds the floor."""
    n, total = len(values), sum(values)
    if n == 0 or total <= 0:
        return None
    ordered = sorted(values)
    weighted = sum((i + 1) * v for i, v in enumerate(ordered))
    return (2 * weighted) / (n * total) - (n + 1) / n


def equal_share(speakers: int) -> float | None:
    """What the top quarter of `speakers` would hold if everyone spoke as long: 25% of 8 speakers,
    but 40% of 5 (the top 2 of 5), 33% of 3 (the top 1 of 3)."""
    return max(1, math.ceil(speakers / 4)) / speakers if speakers else None


def balance_reading(share: float | None, speakers: int) -> str:
    """The balance in words, judged against an equal share for the number who spoke."""
    if share is None:
        return "Nobody has spoken yet."
    quarter = max(1, math.ceil(speakers / 4))
    equal = equal_share(speakers) or 1.0
    lead = f"The top {quarter} of {speakers} speaker{'s' if speakers != 1 else ''} held {share:.0%} of the time"
    if speakers < 3:
        return lead + " (too few speakers to judge balance)."
    lead += f" ({equal:.0%} if all spoke equally)"
    if share <= equal + 0.10:
        return lead + ": voices are well balanced."
    if share <= equal + 0.25:
        return lead + ": a few voices lead; invite the quieter ones."
    return lead + ": a few voices dominate; hear from others before deciding."


def is_community_member(person: Person) -> bool:
    """A community member or someone speaking from lived experience: a fact the roster states
    (`Person.community`), never a guess from the words of a sector or role ("President" is not a
    resident)."""
    return person.community


def bar(fraction: float, width: int) -> str:
    """A text bar: full blocks for the share, a light shade for the rest."""
    filled = max(0, min(width, round(fraction * width)))
    return "█" * filled + "░" * (width - filled)


def here(attendance: list[Attendance], *, at_any_time: bool = False) -> set[int]:
    """Who is in the room now (present or arrived late); with `at_any_time`, who came at all
    (someone who left early was at the meeting)."""
    came = {AttendanceStatus.PRESENT, AttendanceStatus.LATE} | ({AttendanceStatus.LEFT_EARLY} if at_any_time else set())
    return {r.person.id for r in attendance if r.status in came}


def progressive_order(queue: list[tuple[int, datetime]], spoken: dict[int, float]) -> list[int]:
    """People who have spoken least so far go first; equal time keeps the order hands went up."""
    return [pid for pid, raised in sorted(queue, key=lambda q: (spoken.get(q[0], 0.0), q[1]))]


class Coverage(msgspec.Struct, frozen=True):
    present: list[str]
    """Sectors with someone in the room today."""
    absent: list[str]
    """Sectors on the roster with nobody here today."""
    missing: list[str]
    """Sectors the coalition usually needs and has nobody from."""


COMMUNITY = USUAL_SECTORS[0]
"""The sector a community member belongs to (`Person.community`), whatever their own sector says."""


def _sectors_of(person: Person) -> list[str]:
    """The sectors a person counts for: their own, and community members if they are one."""
    return [s for s in (person.sector, COMMUNITY if person.community else "") if s]


def coverage(expected: Iterable[str], roster: list[Person], attendance: list[Attendance], *, at_any_time: bool = False) -> Coverage:
    """Sectors at the table now (or, `at_any_time`, at any point of the meeting: the minutes). A
    community member (marked so on the roster) counts for community members too."""
    in_room = here(attendance, at_any_time=at_any_time)
    on_roster = {sector.casefold(): sector for p in roster for sector in _sectors_of(p)}
    present = {sector.casefold() for p in roster if p.id in in_room for sector in _sectors_of(p)}
    wanted = list(expected)
    wanted_keys = {s.casefold() for s in wanted}
    return Coverage(
        present=[s for s in wanted if s.casefold() in present] + sorted(on_roster[k] for k in present - wanted_keys),
        absent=[s for s in wanted if s.casefold() in on_roster and s.casefold() not in present],
        missing=[s for s in wanted if s.casefold() not in on_roster],
    )


class Voices(msgspec.Struct, frozen=True):
    """Everything the balance panel and the minutes' participation section show."""

    people: list[tuple[Person, Airtime]]
    organisations: list[Airtime]
    sectors: list[Airtime]
    silent: list[Person]
    """Marked as here (in the room now; for the minutes, at any time of the meeting) and not heard."""
    total_seconds: float
    top_quarter: float | None
    gini: float | None
    reading: str
    community_seconds: float
    institutional_seconds: float
    coverage: Coverage
    marked: bool = True
    """Whether anyone's attendance was taken: without it, who was not heard cannot be known."""

    @property
    def community_share(self) -> float | None:
        total = self.community_seconds + self.institutional_seconds
        return self.community_seconds / total if total else None


def summarise(
    turns: list[Turn], roster: list[Person], attendance: list[Attendance], sectors: list[str] | None, now: datetime,
    *, whole_meeting: bool = False,
) -> Voices:
    """Speaking time and coverage as at `now`; `whole_meeting` for the minutes, where everyone who
    came counts as at the table, also those who left early."""
    people = {p.id: p for p in roster}
    per_person = by_person(turns, now)
    ranked = sorted(
        ((people[pid], air) for pid, air in per_person.items() if pid in people), key=lambda pa: (-pa[1].seconds, pa[0].name)
    )
    came = here(attendance, at_any_time=whole_meeting)
    silent = [p for p in sorted(roster, key=lambda p: p.name.casefold()) if p.id in came and p.id not in per_person]
    seconds = [air.seconds for _, air in ranked]
    share = top_quarter_share(seconds)
    community = sum(air.seconds for person, air in ranked if is_community_member(person))
    return Voices(
        people=ranked,
        organisations=grouped(per_person, people, lambda p: p.organisation),
        sectors=grouped(per_person, people, lambda p: p.sector),
        silent=silent,
        total_seconds=sum(seconds),
        top_quarter=share,
        gini=gini(seconds),
        reading=balance_reading(share, len(seconds)),
        community_seconds=community,
        institutional_seconds=sum(seconds) - community,
        coverage=coverage(sectors or USUAL_SECTORS, roster, attendance, at_any_time=whole_meeting),
        marked=bool(attendance),
    )


# The floor in a running meeting ------------------------------------------

SEAT_TIMEOUT = 15
"""Seconds: a seat silent this long is gone (seats say they are alive every few seconds)."""


class Floor(Part):
    """Who has the floor, the speaker queue, and attendance taken during the meeting: not tied to
    one kind of item, so every item has it."""

    def __init__(self, ctx: MeetingContext, checkin_round: CheckinRound | None = None) -> None:
        super().__init__(ctx)
        self._checkin_round = checkin_round

    @command
    def speak(self, command: Speak) -> Outcome:
        """`/speak NAME` (or the number in the voices panel): NAME has the floor from now."""
        return self._give_floor(command.name)

    @command
    def hand(self, command: Hand) -> Outcome:
        ctx = self.ctx
        person = ctx.pick_person(command.name)
        if isinstance(person, str):
            return Outcome(error=person)
        if not self.store.voices.raise_hand(ctx.meeting_id, person.id, at=ctx.now()):
            return Outcome(error=f"{person.name} is already in the queue.")
        waiting = len(self.store.voices.hands_up(ctx.meeting_id))
        return Outcome(message=f"{person.name} is in the queue ({waiting} waiting).", agenda_changed=True)

    @command
    def next_from_queue(self) -> Outcome:
        queue = self.queue()
        if not queue:
            return Outcome(error="Nobody is waiting: /hand NAME adds someone to the queue.")
        person = queue[0]
        self.store.voices.call_from_queue(self.ctx.meeting_id, person.id, at=self.ctx.now())
        return self._give_floor(person.name)

    @command
    def set_queue_mode(self, command: QueueMode) -> Outcome:
        self.store.meetings.set_queue_mode(self.ctx.meeting_id, command.mode)
        return Outcome(message=f"Speaker queue: {command.mode}.", agenda_changed=True)

    @command
    def attend(self, command: Attend) -> Outcome:
        """`/late NAME`, `/left NAME`, `/here NAME`: attendance, timed now. Leaving ends the
        person's turn; arriving during a seated check-in round joins it."""
        ctx = self.ctx
        person = ctx.find_person(command.name)
        if isinstance(person, str):
            return Outcome(error=person)
        at = ctx.now()
        status = AttendanceStatus(command.status)
        mark = self.store.people.mark(ctx.meeting_id, person.id, status, at, seat_id=ctx.seat_id)
        if status is AttendanceStatus.LEFT_EARLY and any(t.person_id == person.id for t in self.store.voices.open_turns(ctx.meeting_id)):
            self.store.voices.end_turn(ctx.meeting_id, at=at)
        said = f"{person.name}: {status} at {at.astimezone().strftime('%H:%M')}"
        if status is not AttendanceStatus.LEFT_EARLY and self._checkin_round is not None and self._checkin_round.join_late(person):
            said += "; joins the check-in round"
        return Outcome(message=said + ".", saved=Saved("attendance", mark), agenda_changed=True)

    def queue(self) -> list[Person]:
        """Hands up, in the order they will be called."""
        ctx = self.ctx
        hands = self.store.voices.hands_up(ctx.meeting_id)
        if self.store.meetings.queue_mode(ctx.meeting_id) == "progressive":
            spoken = {pid: air.seconds for pid, air in by_person(self.store.voices.turns(ctx.meeting_id), ctx.now()).items()}
            order = progressive_order(hands, spoken)
        else:
            order = [pid for pid, _ in hands]
        people = {p.id: p for p in ctx.roster}
        return [people[pid] for pid in order if pid in people]

    def summary(self) -> Voices:
        ctx = self.ctx
        return summarise(
            self.store.voices.turns(ctx.meeting_id), ctx.roster, self.store.people.attendance(ctx.meeting_id),
            self.store.people.series_sectors(ctx.meeting.series_id), ctx.now(),
        )

    def view(self) -> VoicesView:
        ctx = self.ctx
        return VoicesView(
            summary=self.summary(),
            roster=ctx.numbered_roster(),
            speaking={t.person_id for t in self.store.voices.open_turns(ctx.meeting_id)},
            queue=self.queue(),
            queue_mode=self.store.meetings.queue_mode(ctx.meeting_id),
        )

    def recover_open_turn(self) -> None:
        """After a crash a turn is still open: end it at the last moment anything was written,
        not at the restart, so the time the app was down is nobody's speaking time. Not while
        another seat is alive: then the turn is still running there."""
        ctx = self.ctx
        store = self.store
        open_turns = store.voices.open_turns(ctx.meeting_id)
        if not open_turns or store.seats.live(ctx.meeting_id, since=ctx.now() - timedelta(seconds=SEAT_TIMEOUT)):
            return
        last = store.seats.last_known_moment(ctx.meeting_id)
        if last is not None:
            with store.atomic():
                store.voices.end_turn(ctx.meeting_id, at=max(last, max(t.started_at for t in open_turns)))

    def _give_floor(self, typed: str) -> Outcome:
        ctx = self.ctx
        person = ctx.pick_person(typed)
        if isinstance(person, str):
            return Outcome(error=person)
        if ctx.clock().status is not Status.RUNNING:
            return Outcome(error="The clock is not running; speaking time counts only while the meeting runs.")
        said = f"{person.name} has the floor."
        marked = next((r for r in self.store.people.attendance(ctx.meeting_id) if r.person.id == person.id), None)
        if marked is not None and marked.status in (AttendanceStatus.ABSENT, AttendanceStatus.LEFT_EARLY):
            # Whoever speaks is in the room: the mark was wrong, or they came back.
            self.store.people.mark(ctx.meeting_id, person.id, AttendanceStatus.PRESENT, ctx.now(), seat_id=ctx.seat_id)
            said += f" (was marked {marked.status.value}; now present)"
        self.store.voices.start_turn(ctx.meeting_id, ctx.current_item().id, person.id, at=ctx.now())
        return Outcome(message=said)


class VoicesView(msgspec.Struct, frozen=True):
    """What the voices panel shows."""

    summary: Voices
    roster: list[Person]
    """Numbered as `/speak N` counts."""
    speaking: set[int]
    queue: list[Person]
    queue_mode: str
