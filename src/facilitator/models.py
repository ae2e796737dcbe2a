"""Records as they come out of the store, in the facilitator's words."""

from __future__ import annotations

import json
from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, field_validator

from facilitator.agenda import ItemKind


class Record(BaseModel):
    # Built on first use, so start-up does not pay for records it never makes.
    model_config = ConfigDict(frozen=True, defer_build=True)


class Meeting(Record):
    """One meeting, prepared from a template or from scratch."""

    id: int
    title: str
    date: date
    place: str = ""
    series_id: int | None = None
    series_name: str | None = None
    template: str = ""
    ground_rules: list[str] = []
    quorum: int | None = None
    """Voting members needed for a decision; None means more than half."""


class AgendaItem(Record):
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
    questions: list[str] = []
    phase: str | None = None

    @field_validator("questions", mode="before")
    @classmethod
    def _json_list(cls, value: object) -> object:
        return json.loads(value) if isinstance(value, str) else (value or [])


class EntryKind(StrEnum):
    NOTE = "note"
    IDEA = "idea"
    PARK = "park"


class Entry(Record):
    """Something captured during the meeting, attached to an agenda item."""

    id: int
    meeting_id: int
    item_id: int
    kind: EntryKind
    text: str
    created_at: datetime


class Person(Record):
    """Someone on a series' roster."""

    id: int
    series_id: int | None
    name: str
    organisation: str = ""
    sector: str = ""
    role: str = ""
    voting: bool = False


class AttendanceStatus(StrEnum):
    PRESENT = "present"
    LATE = "late"
    LEFT_EARLY = "left early"
    ABSENT = "absent"


class Attendance(Record):
    """Whether and when a person was at a meeting."""

    person: Person
    status: AttendanceStatus
    at: datetime | None = None


class DecisionMethod(StrEnum):
    CONSENSUS = "consensus"
    CONSENT = "consent"
    MAJORITY = "majority vote"
    FIST_TO_FIVE = "fist-to-five"
    OTHER = "other"


class Decision(Record):
    """What the group decided, how, with the tally and the quorum at that moment."""

    id: int
    meeting_id: int
    item_id: int
    text: str
    outcome: str | None = None
    votes_for: int | None = None
    votes_against: int | None = None
    votes_abstain: int | None = None
    created_at: datetime
    method: str | None = None
    rationale: str | None = None
    review_date: date | None = None
    stand_asides: int | None = None
    blocks: int | None = None
    fist: list[int] | None = None
    """Fist-to-five: how many showed 0, 1, 2, 3, 4 and 5 fingers."""
    remote_votes: int | None = None
    """How many of the votes counted were cast outside the room (phone, proxy)."""
    remote_note: str | None = None
    quorum_present: int | None = None
    quorum_needed: int | None = None
    quorum_met: bool | None = None

    @field_validator("fist", mode="before")
    @classmethod
    def _json_counts(cls, value: object) -> object:
        return json.loads(value) if isinstance(value, str) else value


class NextStep(Record):
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


class Turn(Record):
    """One person holding the floor; `ended_at` is None while they still speak."""

    id: int
    meeting_id: int
    item_id: int
    person_id: int
    started_at: datetime
    ended_at: datetime | None = None


ROLES = ("facilitator", "note-taker", "timekeeper")


class Theme(Record):
    id: int
    name: str


class Idea(Record):
    """A brainwriting idea with its theme and dots; `author` is None when anonymous."""

    id: int
    number: int
    text: str
    theme: str | None = None
    dots: int = 0
    author: str | None = None


class CheckinSeat(Record):
    """One person's place in a check-in round and what they said."""

    person: Person
    position: int
    seated_at: datetime
    answer: str | None = None
    passed: bool = False
    at: datetime | None = None

    @property
    def done(self) -> bool:
        return self.at is not None


class Review(Record):
    """What a later meeting did with an open action, a parked item or a decision due for review."""

    subject: str
    ref_id: int
    outcome: str
    meeting_id: int
    at: datetime


class EvaluationEntry(Record):
    id: int
    item_id: int | None = None
    kind: str
    """`well`, `change` or `rating`."""
    text: str | None = None
    ratings: list[int] | None = None
    at: datetime

    @field_validator("ratings", mode="before")
    @classmethod
    def _json_ratings(cls, value: object) -> object:
        return json.loads(value) if isinstance(value, str) else value
