"""Records as they come out of the store, in the facilitator's words.

Frozen msgspec structs: they never cross a boundary (agenda files and exports have their own
pydantic models), and opening a meeting should not wait for pydantic. msgspec rather than
dataclasses because a dataclass writes and compiles its methods when its module loads, about
1.5 ms a class on Python 3.11: for the 45 value classes on the way to the first frame, that
was a tenth of a second. `from_row` turns a database row into a record: ISO dates and times,
0/1 flags, JSON lists and enum values become what the field says.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import date, datetime
from enum import StrEnum
from typing import Any, ClassVar, Self

import msgspec


class ItemKind(StrEnum):
    """What kind of activity an agenda item is; it decides the item's view."""

    CHECKIN = "checkin"
    ICEBREAKER = "icebreaker"
    PRESENTATION = "presentation"
    DISCUSSION = "discussion"
    BRAINWRITING = "brainwriting"
    DECISION = "decision"
    NEXT_STEPS = "next_steps"
    BREAK = "break"
    EVALUATION = "evaluation"


class EntryKind(StrEnum):
    NOTE = "note"
    IDEA = "idea"
    PARK = "park"
    DRAFT = "draft"
    """One part of a workshop document, as drafted (`/draft PART: TEXT`)."""


class AttendanceStatus(StrEnum):
    PRESENT = "present"
    LATE = "late"
    LEFT_EARLY = "left early"
    ABSENT = "absent"


def _json_list(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


_FROM_COLUMN: dict[str, Callable[[Any], Any]] = {
    "bool": bool,
    "date": date.fromisoformat,
    "datetime": datetime.fromisoformat,
    "list[str]": _json_list,
    "list[int]": _json_list,
    "ItemKind": ItemKind,
    "EntryKind": EntryKind,
    "AttendanceStatus": AttendanceStatus,
}


class Record(msgspec.Struct, frozen=True, kw_only=True):
    """A record made from a database row."""

    _columns: ClassVar[dict[str, tuple[Callable[[Any], Any] | None, bool]]]

    @classmethod
    def from_row(cls, row: Mapping[str, Any], **extra: Any) -> Self:
        """The record for `row` (plus `extra` fields). Columns the record does not name are left
        out; NULL in a column whose field cannot be None leaves the field's default."""
        columns = cls.__dict__.get("_columns")
        if columns is None:
            columns = cls._columns = {}
            written = {name: kind for klass in reversed(cls.__mro__) for name, kind in vars(klass).get("__annotations__", {}).items()}
            for name in cls.__struct_fields__:
                kind = str(written[name])  # as written: annotations are not evaluated here
                columns[name] = (_FROM_COLUMN.get(kind.removesuffix(" | None")), kind.endswith(" | None"))
        values = dict(extra)
        for name, (convert, optional) in columns.items():
            if name not in row or name in values:
                continue
            value = row[name]
            if value is None:
                if optional:
                    values[name] = None
            else:
                values[name] = convert(value) if convert is not None else value
        return cls(**values)


class Versioned(Record, frozen=True, kw_only=True):
    """A capture that corrections version: `id` is this version's row, `origin` the capture's
    identity (its first version), which later meetings, themes and dots refer to."""

    id: int
    origin_id: int | None = None
    current: bool = True
    """False for a struck capture (or, read as history, a version a correction replaced)."""

    @property
    def origin(self) -> int:
        return self.origin_id or self.id


class Meeting(Record, frozen=True, kw_only=True):
    """One meeting, prepared from a template or from scratch."""

    id: int
    title: str
    date: date
    place: str = ""
    series_id: int | None = None
    series_name: str | None = None
    template: str = ""
    ground_rules: list[str] = msgspec.field(default_factory=list)
    quorum: int | None = None
    """Voting members needed for a decision; None means more than half."""
    attribute_notes: bool = False
    """The group wants notes taken while someone has the floor to carry that person's name."""
    length_minutes: int | None = None
    """How long the meeting is planned to take (the template's length, or as set in Setup)."""
    starts_at: str | None = None
    """The planned start, `HH:MM`, when it is set."""


class AgendaItem(Record, frozen=True, kw_only=True):
    """One item of a meeting's agenda, with its planned time box."""

    id: int
    meeting_id: int
    position: int
    title: str
    kind: ItemKind
    planned_minutes: int
    prompt: str = ""
    added_live: bool = False
    speaker_seconds: int = 60
    dot_budget: int = 3
    questions: list[str] = msgspec.field(default_factory=list)
    phase: str | None = None
    review: bool = False
    """The item where earlier meetings' open actions, parked items and due decisions are gone through."""
    approves_meeting_id: int | None = None
    """A decision item that approves the minutes of this earlier meeting of the series."""
    document: str | None = None
    """The kind of workshop document this item works on (`problem_statement`, `smartie`, ...)."""
    document_title: str | None = None
    part: str | None = None
    """The part of the document this item drafts, when it drafts one."""


class Entry(Versioned, frozen=True, kw_only=True):
    """Something captured during the meeting, attached to an agenda item."""

    id: int
    meeting_id: int
    item_id: int
    kind: EntryKind
    text: str
    created_at: datetime
    document_id: int | None = None
    """A draft's document."""
    part: str | None = None
    """A draft's part of it (`gap`, `measurable`, a capacity...)."""


class Person(Record, frozen=True, kw_only=True):
    """Someone on a series' roster."""

    PUBLISHED: ClassVar[tuple[str, ...]] = ("id", "series_id", "name", "organisation", "sector", "role", "voting", "community")
    """The fields the minutes publish, in their order."""

    id: int
    series_id: int | None
    name: str
    organisation: str = ""
    sector: str = ""
    role: str = ""
    """Their role in the coalition (co-chair, member, ...), not a meeting role."""
    voting: bool = False
    """A voting member: counts toward the quorum."""
    community: bool = False
    """A community member, or someone speaking from lived experience: their share of the speaking
    time is reported apart from institutional partners'. Said on the roster, never guessed."""
    email: str = ""
    """Where the minutes go (the draft email is addressed to those who came); never published in them."""
    retired_at: datetime | None = None
    """Off the roster from then on (moved on, or a duplicate merged into someone else)."""
    added_at: datetime | None = None
    """When they joined the roster (None: before the app kept it); minutes of earlier meetings do not name them."""
    merged_into: int | None = None


class Attendance(Record, frozen=True, kw_only=True):
    """Whether and when a person was at a meeting."""

    person: Person
    status: AttendanceStatus
    at: datetime | None = None
    late_at: datetime | None = None
    """Someone who left early after arriving late: when they arrived."""

    @property
    def late(self) -> bool:
        """Arrived late (whether or not they left early after)."""
        return self.status is AttendanceStatus.LATE or self.late_at is not None


class DecisionMethod(StrEnum):
    CONSENSUS = "consensus"
    CONSENT = "consent"
    MAJORITY = "majority vote"
    FIST_TO_FIVE = "fist-to-five"
    OTHER = "other"


class Decision(Versioned, frozen=True, kw_only=True):
    """What the group decided, how, with the tally and the quorum at that moment."""

    PUBLISHED: ClassVar[tuple[str, ...]] = (
        "text", "outcome", "method", "votes_for", "votes_against", "votes_abstain", "stand_asides", "blocks",
        "fist", "remote_votes", "remote_note", "phone_votes", "rationale", "review_date",
    )
    """The fields the minutes publish, in their order (the JSON schema derives from them)."""

    id: int
    meeting_id: int
    item_id: int
    text: str
    """The proposal, as decided."""
    outcome: str | None = None
    """adopted, rejected, deferred or amended."""
    method: str | None = None
    """consensus, consent, majority vote, fist-to-five or other."""
    votes_for: int | None = None
    votes_against: int | None = None
    votes_abstain: int | None = None
    stand_asides: int | None = None
    """Consent: people who will not block but stand aside."""
    blocks: int | None = None
    fist: list[int] | None = None
    """Fist-to-five: how many showed 0, 1, 2, 3, 4 and 5 fingers."""
    remote_votes: int | None = None
    """How many of the votes counted were cast outside the room (phone, proxy)."""
    remote_note: str | None = None
    phone_votes: int | None = None
    """How many of the votes counted came from phones in the room (`/vote`): in the room, not remote."""
    rationale: str | None = None
    """Why the group decided so."""
    review_date: date | None = None
    """When a later meeting should look at it again."""
    created_at: datetime
    quorum_present: int | None = None
    quorum_needed: int | None = None
    quorum_met: bool | None = None
    adopts_document_id: int | None = None
    """The workshop document this decision adopts (named explicitly: `adopts:` or the form)."""


class NextStep(Versioned, frozen=True, kw_only=True):
    """An action with an owner (from the roster, or a name as typed) and a due date."""

    id: int
    meeting_id: int
    item_id: int
    text: str
    owner_id: int | None = None
    owner_name: str | None = None
    due: date | None = None
    status: str = "open"
    created_at: datetime

    @property
    def flagged(self) -> bool:
        """An action nobody owns, or with no date, is not yet a next step."""
        return not self.owner_name or self.due is None


class Turn(Record, frozen=True, kw_only=True):
    """One person holding the floor; `ended_at` is None while they still speak."""

    id: int
    meeting_id: int
    item_id: int
    person_id: int
    started_at: datetime
    ended_at: datetime | None = None


ROLES = ("facilitator", "note-taker", "timekeeper")


class Theme(Record, frozen=True, kw_only=True):
    id: int
    name: str


class Idea(Record, frozen=True, kw_only=True):
    """A brainwriting idea with its theme and dots; `author` is None when anonymous. `id` is the
    idea's origin (its first version), which themes and dots refer to; `number` stays with it
    when it is corrected or struck, so the numbers people said out loud keep their meaning."""

    id: int
    number: int
    text: str
    theme: str | None = None
    dots: int = 0
    author: str | None = None
    struck: bool = False


class CheckinSeat(Record, frozen=True, kw_only=True):
    """One person's place in a check-in round and what they said."""

    person: Person
    position: int
    seated_at: datetime
    answer: str | None = None
    passed: bool = False
    """Passed, or (with `absent`) was not here: either way, did not speak."""
    absent: bool = False
    at: datetime | None = None

    @property
    def done(self) -> bool:
        return self.at is not None


class Review(Record, frozen=True, kw_only=True):
    """What a later meeting did with an open action, a parked item or a decision due for review."""

    subject: str
    ref_id: int
    outcome: str
    meeting_id: int
    at: datetime
    done_on: date | None = None
    """For an action said done: the day it was done."""


class EvaluationEntry(Versioned, frozen=True, kw_only=True):
    id: int
    item_id: int | None = None
    kind: str
    """`well`, `change` or `rating`."""
    text: str | None = None
    ratings: list[int] | None = None
    at: datetime

