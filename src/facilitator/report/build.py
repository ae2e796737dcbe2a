"""Gather a series report from the store: a pure computation over one read of each table."""

from __future__ import annotations

import statistics
from collections import defaultdict
from datetime import date, datetime
from typing import Any

from facilitator.activities import voices
from facilitator.activities.evaluation import questions_of
from facilitator.activities.next_steps import CLOSING
from facilitator.clock import Status, replay
from facilitator.documents import KINDS, pending, status_line, version_line
from facilitator.minutes.kept import amendments
from facilitator.minutes.model import published_decision
from facilitator.models import AgendaItem, Attendance, AttendanceStatus, EvaluationEntry, ItemKind, Meeting, Person, Turn
from facilitator.report.model import (
    FollowThrough,
    LoggedDecision,
    ParkedRow,
    PersonAttendance,
    ReportDocument,
    ReportMeeting,
    ReportVersion,
    Retention,
    SectorGap,
    SeriesReport,
    StepRow,
)
from facilitator.store import Store
from facilitator.words import plural

Row = dict[str, Any]
"""A row as the store reads it."""
CAME = (AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.LEFT_EARLY)
NO_OWNER = "no owner"


def build_report(store: Store, series: str, now: datetime) -> SeriesReport:
    """The report for the series called `series` (its exact name), as at `now`; `KeyError` if there is none."""
    series_id = store.series.series_id(series)
    if series_id is None:
        raise KeyError(series)
    today = now.astimezone().date()
    meetings = store.series.meetings(series_id)
    people = store.series.people(series_id)
    by_id = {p.id: p for p in people}
    items = store.series.items(series_id)
    events = store.series.events(series_id)
    attendance = store.series.attendance(series_id, by_id)
    turns = store.series.turns(series_id)
    evaluations = store.series.evaluations(series_id)
    needed = store.people.series_sectors(series_id) or list(voices.USUAL_SECTORS)
    date_of = {m.id: m.date for m in meetings}

    questions: list[str] = []
    rated: dict[int, dict[str, list[float]]] = {}
    for meeting in meetings:
        rated[meeting.id] = _ratings(items.get(meeting.id, []), evaluations.get(meeting.id, []), questions)

    rows: list[ReportMeeting] = []
    for meeting in meetings:
        clock = replay(items.get(meeting.id, []), events.get(meeting.id, []), now)
        row = _meeting(
            meeting, clock.status, attendance.get(meeting.id, []), turns.get(meeting.id, []), by_id, needed,
            clock.ended_at or now, rated[meeting.id], questions,
        )
        rows.append(row.model_copy(update={"minutes": _approval(store, meeting.id, clock.status)}))
    held = [m for m in rows if m.held]
    came = {m.id: {a.person.id for a in attendance.get(m.id, []) if a.status in CAME} for m in held}
    reviews = store.series.reviews(series_id)
    by_subject: dict[str, dict[int, list[Row]]] = defaultdict(lambda: defaultdict(list))
    for review in reviews:
        by_subject[review["subject"]][review["ref_id"]].append(review)
    return SeriesReport(
        series=series,
        as_of=today,
        meetings=rows,
        sectors_needed=needed,
        people=_people(people, held, attendance),
        retention=_retention(held, came, {m.id: {a.person.id for a in attendance.get(m.id, [])} for m in held}),
        sector_gaps=_sector_gaps(needed, held),
        follow_through=_follow_through(store.series.next_steps(series_id), by_subject["action"], date_of, today),
        decisions=_decisions(store, series_id, by_subject["decision"], date_of, {m.id: m.title for m in meetings}, today),
        evaluation_questions=questions,
        parked=_parked(store.series.parked(series_id), by_subject["park"], date_of, today),
        documents=[
            ReportDocument(
                title=state.title, kind=KINDS[state.kind].title, status=status_line(state),
                adopted_on=state.current.adopted_on if state.current else None, versions=len(state.adopted),
                in_force=state.current.parts if state.current else [], drafted=pending(state),
                history=[ReportVersion(number=v.number or 0, adopted=version_line(v), parts=v.parts) for v in state.adopted],
            )
            for state in store.documents.states(series_id)
        ],
    )


def _ratings(items: list[AgendaItem], entries: list[EvaluationEntry], questions: list[str]) -> dict[str, list[float]]:
    """Each question's ratings in one meeting, by question text; new questions are added to `questions`."""
    found: dict[str, list[float]] = defaultdict(list)
    asked = {item.id: questions_of(item) for item in items if item.kind is ItemKind.EVALUATION}
    for entry in entries:
        if entry.kind != "rating" or entry.item_id not in asked:
            continue
        for question, value in zip(asked[entry.item_id], entry.ratings or [], strict=False):
            found[question].append(value)
    for question in (q for item_questions in asked.values() for q in item_questions):
        if found.get(question) and question not in questions:
            questions.append(question)
    return found


def _approval(store: Store, meeting_id: int, status: Status) -> str:
    """Where a meeting's minutes stand: approved when, where and how, and corrected since or not."""
    if status is not Status.ENDED:
        return ""
    approved = store.meetings.approval(meeting_id)
    if approved is None:
        return "not approved yet"
    said = f"approved {approved['meeting_date']}" + (" as amended" if approved["outcome"] == "amended" else "")
    if approved["quorum_met"] == 0:
        said += ", without a quorum"
    later = len(amendments(store, meeting_id))
    return said + (f"; {plural(later, 'later amendment')}" if later else "")


def _meeting(
    meeting: Meeting, status: Status, marks: list[Attendance], turns: list[Turn], people: dict[int, Person], needed: list[str],
    end: datetime, rated: dict[str, list[float]], questions: list[str],
) -> ReportMeeting:
    held = status is not Status.NOT_STARTED
    if not held:
        return ReportMeeting(id=meeting.id, date=meeting.date, title=meeting.title, status=status.value, held=False)
    here = [a.person for a in marks if a.status in CAME]
    community = sum(1 for p in here if voices.is_community_member(p))
    per_person = voices.by_person(turns, end)
    seconds = [air.seconds for air in per_person.values()]
    total = sum(seconds)
    community_seconds = sum(air.seconds for pid, air in per_person.items() if pid in people and voices.is_community_member(people[pid]))
    present_sectors = {p.sector.casefold(): p.sector for p in here if p.sector}
    return ReportMeeting(
        id=meeting.id,
        date=meeting.date,
        title=meeting.title,
        status=status.value,
        held=True,
        attended=len(here),
        late=sum(1 for a in marks if a.late),
        left_early=sum(1 for a in marks if a.status is AttendanceStatus.LEFT_EARLY),
        absent=sum(1 for a in marks if a.status is AttendanceStatus.ABSENT),
        community_attended=community,
        community_attendance_share=community / len(here) if here else None,
        speakers=len(per_person),
        speaking_minutes=round(total / 60, 1),
        community_speaking_share=community_seconds / total if total else None,
        top_quarter_share=voices.top_quarter_share(seconds),
        gini=voices.gini(seconds),
        organisations=sorted({p.organisation for p in here if p.organisation}, key=str.casefold),
        sectors_present=[s for s in needed if s.casefold() in present_sectors]
        + sorted((v for k, v in present_sectors.items() if k not in {s.casefold() for s in needed}), key=str.casefold),
        sectors_needed_absent=[s for s in needed if s.casefold() not in present_sectors],
        evaluation_responses=max((len(v) for v in rated.values()), default=0),
        evaluation=[round(statistics.fmean(rated[q]), 1) if rated.get(q) else None for q in questions],
    )


def _people(people: list[Person], held: list[ReportMeeting], attendance: dict[int, list[Attendance]]) -> list[PersonAttendance]:
    marks = {m.id: {a.person.id: a.status for a in attendance.get(m.id, [])} for m in held}
    found = []
    for person in people:
        statuses = [marks[m.id].get(person.id) for m in held]
        came = [s in CAME for s in statuses]
        if person.retired_at is not None and not any(came):
            continue  # left the roster without ever coming: nothing to report
        first = next((i for i, s in enumerate(statuses) if s is not None), 0)
        missed = 0
        for attended in reversed(came):
            if attended:
                break
            missed += 1
        last = max((m.date for m, c in zip(held, came, strict=True) if c), default=None)
        found.append(
            PersonAttendance(
                name=person.name, organisation=person.organisation, sector=person.sector, community=person.community,
                on_roster=person.retired_at is None, marks=[s.value if s else "" for s in statuses],
                attended=sum(came), expected=len(held) - first, last_attended=last, missed_in_a_row=missed,
            )
        )
    return found


def _retention(held: list[ReportMeeting], came: dict[int, set[int]], marked: dict[int, set[int]]) -> list[Retention]:
    """From each held meeting to the next: who came again, and the new faces (people never marked
    at an earlier meeting, present or absent, who came)."""
    found = []
    known: set[int] = set(marked[held[0].id]) if held else set()
    for before, after in zip(held, held[1:], strict=False):
        found.append(
            Retention(
                from_date=before.date, to_date=after.date, came_before=len(came[before.id]),
                came_again=len(came[before.id] & came[after.id]), new=len(came[after.id] - known),
            )
        )
        known |= marked[after.id]
    return found


def _sector_gaps(needed: list[str], held: list[ReportMeeting]) -> list[SectorGap]:
    """The needed sectors absent from the latest held meeting, missing longest first."""
    gaps = []
    for sector in needed:
        present = [sector.casefold() in {s.casefold() for s in m.sectors_present} for m in held]
        missed = 0
        for here in reversed(present):
            if here:
                break
            missed += 1
        if missed:
            last = max((m.date for m, here in zip(held, present, strict=True) if here), default=None)
            gaps.append(SectorGap(sector=sector, last_present=last, missed_in_a_row=missed))
    return sorted(gaps, key=lambda g: (-g.missed_in_a_row, g.last_present or date.min, needed.index(g.sector)))


def _follow_through(steps: list[Row], reviews: dict[int, list[Row]], date_of: dict[int, date], today: date) -> FollowThrough:
    rows = []
    for step in steps:
        marks = reviews.get(step["id"], [])
        due = date.fromisoformat(step["due"]) if step["due"] else None
        done_on = None
        if step["status"] == "done":
            said = next((r for r in marks if r["outcome"] == "done"), None)
            if said is None:
                done_on = date_of[step["meeting_id"]]  # marked done in its own meeting
            else:
                done_on = date.fromisoformat(said["done_on"]) if said["done_on"] else date_of[said["meeting_id"]]
        row = StepRow(
            text=step["text"], owner=step["owner_name"], meeting_date=date_of[step["meeting_id"]], due=due,
            status=step["status"], done_on=done_on, times_carried=sum(1 for r in marks if r["outcome"] == "carried over"),
        )
        if due is not None and done_on is not None:
            late = max(0, (done_on - due).days)
            row = row.model_copy(update={"on_time": late == 0, "days_late": late})
        elif due is not None and step["status"] == "open" and due < today:
            row = row.model_copy(update={"days_overdue": (today - due).days})
        rows.append(row)
    counted = [r for r in rows if r.due is not None and r.status != "dropped" and (r.done_on is not None or r.due < today)]
    on_time = sum(1 for r in counted if r.on_time)
    overdue: dict[str, list[StepRow]] = defaultdict(list)
    for row in sorted((r for r in rows if r.days_overdue is not None), key=lambda r: (-(r.days_overdue or 0), r.text)):
        overdue[row.owner or NO_OWNER].append(row)
    lateness = [r.days_late for r in rows if r.days_late is not None]
    return FollowThrough(
        steps=len(rows),
        done=sum(1 for r in rows if r.status == "done"),
        dropped=sum(1 for r in rows if r.status == "dropped"),
        open=sum(1 for r in rows if r.status == "open"),
        with_due=sum(1 for r in rows if r.due is not None),
        counted=len(counted),
        done_by_due=on_time,
        done_by_due_share=on_time / len(counted) if counted else None,
        median_days_late=statistics.median(lateness) if lateness else None,
        carried_over=sum(r.times_carried for r in rows),
        steps_carried=sum(1 for r in rows if r.times_carried),
        overdue=dict(sorted(overdue.items(), key=lambda kv: (kv[0] == NO_OWNER, kv[0].casefold()))),
        rows=rows,
    )


def _decisions(
    store: Store, series_id: int, reviews: dict[int, list[Row]], date_of: dict[int, date], titles: dict[int, str], today: date
) -> list[LoggedDecision]:
    found = []
    for decision, item in store.series.decisions(series_id):
        reviewed = any(r["outcome"] in CLOSING for r in reviews.get(decision.origin_id or decision.id, []))
        published = published_decision(decision, item)
        found.append(
            LoggedDecision(
                date=date_of[decision.meeting_id], meeting=titles[decision.meeting_id], decision=published, reviewed=reviewed,
                review_due=decision.review_date is not None and decision.review_date <= today and not reviewed,
            )
        )
    return sorted(found, key=lambda d: d.date)


def _parked(parked: list[Row], reviews: dict[int, list[Row]], date_of: dict[int, date], today: date) -> list[ParkedRow]:
    found = []
    for entry in parked:
        marks = reviews.get(entry["id"], [])
        closing = next((r for r in marks if r["outcome"] in CLOSING), None)
        status = closing["outcome"] if closing else marks[-1]["outcome"] if marks else "waiting"
        opened = date_of[entry["meeting_id"]]
        closed_on = date_of[closing["meeting_id"]] if closing else None
        waited = ((closed_on or today) - opened).days
        found.append(ParkedRow(text=entry["text"], meeting_date=opened, status=status, closed_on=closed_on, days_waited=waited))
    return sorted(found, key=lambda p: (p.closed_on is not None, -p.days_waited, p.text.casefold()))
