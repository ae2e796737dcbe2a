"""Quorum: checked against attendance at the moment a decision is recorded."""

from __future__ import annotations

import msgspec

from facilitator.models import Attendance, AttendanceStatus, Person


class Quorum(msgspec.Struct, frozen=True):
    present: int
    needed: int
    voting: int

    @property
    def met(self) -> bool:
        return self.present >= self.needed

    def __str__(self) -> str:
        state = "quorum met" if self.met else "NO QUORUM"
        return f"{state}: {self.present} of {self.voting} voting members here, {self.needed} needed"


def quorum(roster: list[Person], attendance: list[Attendance], setting: int | None) -> Quorum:
    """Voting members in the room now (present, or arrived late; not absent or gone), against
    the meeting's setting, or more than half of the series' voting members by default."""
    voting = [p for p in roster if p.voting]
    here = {r.person.id for r in attendance if r.status in (AttendanceStatus.PRESENT, AttendanceStatus.LATE)}
    present = sum(1 for p in voting if p.id in here)
    needed = setting if setting is not None else len(voting) // 2 + 1
    return Quorum(present=present, needed=needed, voting=len(voting))
