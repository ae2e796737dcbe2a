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


class EntryKind(StrEnum):
    NOTE = "note"


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
