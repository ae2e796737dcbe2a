"""Phrases every minutes format shares, as plain text; each renderer escapes them its own way."""

from __future__ import annotations

from facilitator.minutes.model import MinutesDecision
from facilitator.models import Attendance, AttendanceStatus


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
