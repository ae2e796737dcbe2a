"""Phrases every minutes format shares, as plain text; each renderer escapes them its own way."""

from __future__ import annotations

from facilitator.minutes.model import (
    Minutes,
    MinutesAction,
    MinutesCheckin,
    MinutesDecision,
    MinutesDocument,
    MinutesDraft,
    MinutesIdea,
    MinutesItem,
    MinutesNote,
    MinutesParticipation,
    MinutesReview,
)
from facilitator.models import Attendance, AttendanceStatus
from facilitator.words import plural, tally


def decision_facts(decision: MinutesDecision) -> list[str]:
    """Method, tally, quorum, rationale and review date, those that were recorded."""
    facts = []
    if decision.method:
        facts.append(f"Method: {decision.method}")
    if tally(decision):
        facts.append(f"Tally: {tally(decision)}")
    if decision.quorum:
        facts.append(f"Quorum {decision.quorum}")
    if decision.rationale:
        facts.append(f"Rationale: {decision.rationale}")
    if decision.review_date:
        facts.append(f"Review on {decision.review_date.isoformat()}")
    return facts


def attendance_status(record: Attendance) -> str:
    """`present`, `late at 14:12`, `left early at 15:40`, `late at 14:12, left early at 15:40`, `absent`."""
    status = record.status.value
    if record.status in (AttendanceStatus.LATE, AttendanceStatus.LEFT_EARLY) and record.at:
        status += f" at {record.at.astimezone():%H:%M}"
    if record.late_at is not None:
        status = f"late at {record.late_at.astimezone():%H:%M}, {status}"
    return status


NO_SPEAKING = "No speaking time was recorded."
NO_ATTENDANCE = "No attendance was taken."


def note_line(note: MinutesNote) -> str:
    """A note, with who had the floor when the group asked notes to say so."""
    return note.text + (f" — {note.speaker}" if note.speaker else "")


def checkin_said(checkin: MinutesCheckin) -> str:
    """What one person's check-in was, in the minutes."""
    return "not here" if checkin.absent else "passed" if checkin.passed else checkin.answer or "spoke"


def dots(count: int) -> str:
    return plural(count, "dot")


def idea_line(idea: MinutesIdea) -> str:
    """`Free bus passes (2 dots) — Amara Okafor`: the author only when the group attributed it."""
    return f"{idea.text} ({dots(idea.dots)})" + (f" — {idea.author}" if idea.author else "")


def review_line(review: MinutesReview) -> str:
    """What this meeting did with something an earlier one left open: an action with its owner and
    due date (`action: Share the data — Luis Ortega, due 2026-03-19 (from March, 2026-03-12): carried over`)."""
    detail = f" — {review.detail}" if review.subject == "action" and review.detail else ""
    return f"{review.subject}: {review.text}{detail} (from {review.source}): {review.outcome}"


def balance(participation: MinutesParticipation) -> str:
    """The balance reading, with the Gini index for those who want one figure."""
    gini = f" Gini index {participation.gini:.2f}." if participation.gini is not None else ""
    return participation.reading + gini


def community_share(participation: MinutesParticipation) -> str | None:
    share = participation.community_share
    return None if share is None else f"Community members held {share:.0%} of the speaking time."


NO_OWNER = "no owner yet"
NO_DUE = "no due date yet"


def due(action: MinutesAction) -> str | None:
    """`due 2026-03-20`; None when there is no date (each format flags `NO_DUE` its own way)."""
    return f"due {action.due.isoformat()}" if action.due else None


def header_facts(minutes: Minutes) -> list[tuple[str, str]]:
    """The minutes' opening lines, as (label, text): date, series, place, time, meeting roles."""
    facts = [("Date", minutes.date.isoformat())]
    if minutes.series:
        facts.append(("Series", minutes.series))
    if minutes.place:
        facts.append(("Place", minutes.place))
    if minutes.started_at is None:
        facts.append(("Time", f"not started ({minutes.status})"))
    else:
        end = f"{minutes.ended_at.astimezone():%H:%M}" if minutes.ended_at else "—"
        facts.append(("Time", f"{minutes.started_at.astimezone():%H:%M} to {end} ({minutes.status})"))
    facts += [(role.capitalize(), name) for role, name in minutes.roles.items()]
    approved = minutes.approved
    if approved:
        how = f" by {approved.method}" if approved.method else ""
        how += ", as amended" if approved.outcome == "amended" else ""
        quorum = f"; quorum {approved.quorum}" if approved.quorum and not approved.quorum.startswith("not") else (
            f"; WITHOUT A QUORUM ({approved.quorum.removeprefix('not met: ')})" if approved.quorum else "; no quorum was recorded"
        )
        facts.append(("Minutes approved", f"{approved.date.isoformat()}, at {approved.meeting}{how}{quorum}"))
    return facts


def draft_line(draft: MinutesDraft) -> str:
    """A part of a workshop document drafted in an item: `Gap (Problem statement): ...`, or
    `Problem statement: ...` for the part that carries the document's name."""
    if draft.part == draft.document:
        return f"{draft.part}: {draft.text}"
    return f"{draft.part} ({draft.document}): {draft.text}"


def document_heading(document: MinutesDocument) -> str:
    return document.title if document.title == document.kind else f"{document.title} ({document.kind.lower()})"


def minutes_of(value: float) -> str:
    return f"{value:g} min"


def planned(item: MinutesItem) -> str:
    """The item's time box as first planned, or that it was added during the meeting."""
    return minutes_of(item.planned_minutes) if item.planned_minutes is not None else f"{item.plan_minutes} min (added)"


def actual(item: MinutesItem) -> str:
    """How long the item ran, or that it was skipped or never reached."""
    if item.skipped:
        return "skipped"
    if not item.reached:
        return "not reached"
    return minutes_of(item.actual_minutes)


def timing(item: MinutesItem) -> str:
    """`discussion · planned 15 min · actual 12.5 min`, `... · added during the meeting (10 min) · not reached`."""
    kind = item.kind.value.replace("_", " ")
    if item.planned_minutes is not None:
        plan = f"planned {minutes_of(item.planned_minutes)}"
    else:
        plan = f"added during the meeting ({item.plan_minutes} min)"
    ran = actual(item)
    return f"{kind} · {plan} · " + (ran if ran in ("skipped", "not reached") else f"actual {ran}")


def changes(item: MinutesItem) -> str:
    return "; ".join(change for change in item.changes if change != "skipped")


def sectors(participation: MinutesParticipation) -> list[tuple[str, str]]:
    """Which sectors were at the table, as (label, list): present always, the others if any."""
    found = [("Sectors present", ", ".join(participation.sectors_present) or "none recorded")]
    if participation.sectors_absent:
        found.append(("On the roster but absent", ", ".join(participation.sectors_absent)))
    if participation.sectors_missing:
        found.append(("Nobody on the roster from", ", ".join(participation.sectors_missing)))
    return found
