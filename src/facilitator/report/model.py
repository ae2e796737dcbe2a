"""The series report model: what a coordinator needs to "periodically assess membership
composition and participation" and how the coalition decides and follows through."""

from __future__ import annotations

from datetime import date

from facilitator.minutes.model import Doc, MinutesDecision


class ReportMeeting(Doc):
    """One meeting of the series and its figures; figures are None for a meeting not held."""

    id: int
    date: date
    title: str
    status: str
    """not started, running, paused or ended."""
    held: bool
    """Started in the app: only held meetings count in the figures."""
    minutes: str = ""
    """Whether its minutes were approved (when, how, corrected since), for an ended meeting."""
    attended: int = 0
    """Came at all: present, late, or left early."""
    late: int = 0
    left_early: int = 0
    absent: int = 0
    community_attended: int = 0
    community_attendance_share: float | None = None
    speakers: int = 0
    speaking_minutes: float = 0.0
    community_speaking_share: float | None = None
    top_quarter_share: float | None = None
    gini: float | None = None
    organisations: list[str] = []
    sectors_present: list[str] = []
    sectors_needed_absent: list[str] = []
    """Sectors the series needs that nobody who came was from."""
    evaluation_responses: int = 0
    evaluation: list[float | None] = []
    """Average rating per question of `SeriesReport.evaluation_questions`; None where not asked or not rated."""


class PersonAttendance(Doc):
    name: str
    organisation: str = ""
    sector: str = ""
    community: bool = False
    on_roster: bool = True
    """False for someone who has left the roster since."""
    marks: list[str]
    """Per held meeting: present, late, left early, absent, or "" when nobody marked them."""
    attended: int
    expected: int
    """Held meetings from their first mark (or all, if never marked): what `attended` is out of."""
    last_attended: date | None = None
    missed_in_a_row: int = 0
    """Held meetings in a row, up to the latest, that they did not come to."""


class Retention(Doc):
    """Who came back: of those at one held meeting, how many came to the next."""

    from_date: date
    to_date: date
    came_before: int
    came_again: int
    new: int
    """New faces: at the later meeting, and never marked (present or absent) at an earlier one."""

    @property
    def share(self) -> float | None:
        return self.came_again / self.came_before if self.came_before else None


class SectorGap(Doc):
    sector: str
    last_present: date | None = None
    missed_in_a_row: int


class StepRow(Doc):
    text: str
    owner: str | None = None
    meeting_date: date
    due: date | None = None
    status: str
    done_on: date | None = None
    """The date of the meeting that reported it done (the app knows no closer date)."""
    on_time: bool | None = None
    days_late: int | None = None
    times_carried: int = 0
    days_overdue: int | None = None


class FollowThrough(Doc):
    steps: int
    done: int
    dropped: int
    open: int
    with_due: int
    counted: int
    """Steps whose due date has come (or that are done): the base of `done_by_due_share`."""
    done_by_due: int
    done_by_due_share: float | None = None
    median_days_late: float | None = None
    carried_over: int
    """Times any step was carried over to a later meeting."""
    steps_carried: int
    overdue: dict[str, list[StepRow]] = {}
    """Open steps past their due date, by owner ("no owner" for the unowned)."""
    rows: list[StepRow] = []


class LoggedDecision(Doc):
    date: date
    meeting: str
    decision: MinutesDecision
    review_due: bool = False
    """It has a review date on or before the report's date and no meeting has reviewed it yet."""
    reviewed: bool = False


class ParkedRow(Doc):
    text: str
    meeting_date: date
    status: str
    """waiting, kept, moved onto the agenda, or dropped."""
    closed_on: date | None = None
    days_waited: int


class ReportVersion(Doc):
    """One adopted version of a document, as voted."""

    number: int
    adopted: str
    """When, where, how and with what tally, in words."""
    parts: list[tuple[str, str]]


class ReportDocument(Doc):
    """A workshop document of the series: the version in force, its history, and what has been drafted since."""

    title: str
    kind: str
    status: str
    adopted_on: date | None = None
    versions: int = 0
    """How many versions have been adopted."""
    in_force: list[tuple[str, str]] = []
    drafted: list[tuple[str, str]] = []
    """Parts drafted and not adopted (new, or changed since the version in force)."""
    history: list[ReportVersion] = []
    """Every version adopted, oldest first, each as it was voted."""


class SeriesReport(Doc):
    series: str
    as_of: date
    meetings: list[ReportMeeting]
    sectors_needed: list[str]
    people: list[PersonAttendance]
    retention: list[Retention]
    sector_gaps: list[SectorGap]
    follow_through: FollowThrough
    decisions: list[LoggedDecision]
    evaluation_questions: list[str]
    parked: list[ParkedRow]
    documents: list[ReportDocument] = []
    left_out: int = 0
    """Earlier held meetings left out of the per-meeting tables (`latest`); the totals still count them."""

    def latest(self, count: int) -> SeriesReport:
        """The report with its per-meeting tables cut to the latest `count` held meetings (for a
        screen); totals, follow-through, decisions and the parking lot stay whole."""
        held = self.held
        if len(held) <= count:
            return self
        first = held[-count]
        return self.model_copy(update={
            "meetings": [m for m in self.meetings if m.date > first.date or (m.date == first.date and m.id >= first.id)],
            "people": [p.model_copy(update={"marks": p.marks[-count:]}) for p in self.people],
            "retention": self.retention[-(count - 1):] if count > 1 else [],
            "left_out": len(held) - count,
        })

    @property
    def held(self) -> list[ReportMeeting]:
        return [m for m in self.meetings if m.held]

    @property
    def missing_longest(self) -> list[PersonAttendance]:
        """People on the roster who have missed two or more held meetings in a row, longest first."""
        gone = [p for p in self.people if p.on_roster and p.missed_in_a_row >= 2]
        return sorted(gone, key=lambda p: (-p.missed_in_a_row, p.name.casefold()))
