"""Records as they come out of the store, in the facilitator's words."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from facilitator.agenda import ItemKind


class Record(BaseModel):
    model_config = ConfigDict(frozen=True)


class Series(Record):
    """A coalition or workgroup whose meetings belong together."""

    id: int
    name: str


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


class Decision(Record):
    """What the group decided, with the tally when one was taken."""

    id: int
    meeting_id: int
    item_id: int
    text: str
    outcome: str | None = None
    votes_for: int | None = None
    votes_against: int | None = None
    votes_abstain: int | None = None
    created_at: datetime


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
