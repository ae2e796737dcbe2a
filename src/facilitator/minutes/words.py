"""Phrases every minutes format shares, as plain text; each renderer escapes them its own way."""

from __future__ import annotations

from facilitator.minutes.model import (
    MinutesCheckin,
    MinutesDecision,
    MinutesIdea,
    MinutesParticipation,
    MinutesReview,
    MinutesTheme,
)
from facilitator.models import Attendance, AttendanceStatus
from facilitator.words import plural


def tally(decision: MinutesDecision) -> str:
    """Every count recorded for a decision, in words."""
    counts = (
        ("for", decision.votes_for), ("against", decision.votes_against), ("abstain", decision.votes_abstain),
        ("stand-asides", decision.stand_asides), ("blocks", decision.blocks),
    )
    parts = [f"{label} {n}" for label, n in counts if n is not None]
    if decision.fist:
        parts.append("fist-to-five " + ", ".join(f"{n}×{fingers}" for fingers, n in enumerate(decision.fist) if n))
    if decision.remote_votes:
        parts.append(f"{decision.remote_votes} cast remotely" + (f" ({decision.remote_note})" if decision.remote_note else ""))
    return ", ".join(parts)


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
    """`present`, `late at 14:12`, `left early at 15:40`, `absent`."""
    status = record.status.value
    if record.status in (AttendanceStatus.LATE, AttendanceStatus.LEFT_EARLY) and record.at:
        status += f" at {record.at.astimezone():%H:%M}"
    return status


NO_SPEAKING = "No speaking time was recorded."
NO_ATTENDANCE = "No attendance was taken."


def checkin_said(checkin: MinutesCheckin) -> str:
    """What one person's check-in was, in the minutes."""
    return "not here" if checkin.absent else "passed" if checkin.passed else checkin.answer or "spoke"


def dots(count: int) -> str:
    return plural(count, "dot")


def idea_line(idea: MinutesIdea) -> str:
    """`Free bus passes (2 dots) — Amara Okafor`: the author only when the group attributed it."""
    return f"{idea.text} ({dots(idea.dots)})" + (f" — {idea.author}" if idea.author else "")


def theme_heading(theme: MinutesTheme) -> str:
    return f"{theme.name} ({dots(theme.dots)})"


def review_line(review: MinutesReview) -> str:
    """What this meeting did with something an earlier one left open."""
    return f"{review.subject}: {review.text} (from {review.source}): {review.outcome}"


def balance(participation: MinutesParticipation) -> str:
    """The balance reading, with the Gini index for those who want one figure."""
    gini = f" Gini index {participation.gini:.2f}." if participation.gini is not None else ""
    return participation.reading + gini


def community_share(participation: MinutesParticipation) -> str | None:
    share = participation.community_share
    return None if share is None else f"Community members held {share:.0%} of the speaking time."
