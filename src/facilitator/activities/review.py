"""Carry-over: what earlier meetings of the series left open, and what this meeting did with it."""

from __future__ import annotations

import msgspec

from facilitator.store import Store

# What each kind of record can become when a later meeting reviews it.
OUTCOMES = {
    "action": {"done": "done", "carry": "carried over", "drop": "dropped"},
    "park": {"agenda": "moved onto the agenda", "keep": "kept", "drop": "dropped"},
    "decision": {"done": "reviewed", "keep": "kept for later"},
}
# Outcomes that close a record for good; anything else comes back at the next meeting.
CLOSING = {"done", "dropped", "moved onto the agenda", "reviewed"}


class ReviewItem(msgspec.Struct, frozen=True):
    number: int
    subject: str
    ref_id: int
    text: str
    source: str
    detail: str = ""
    outcome: str | None = None


def review_list(store: Store, meeting_id: int) -> list[ReviewItem]:
    """Open actions, parked items and decisions due for review from the series' earlier meetings."""
    meeting = store.meeting(meeting_id)
    earlier = store.earlier_meetings(meeting_id)
    if not earlier:
        return []
    ids = [m["id"] for m in earlier]
    source = {m["id"]: f"{m['title']} ({m['date']})" for m in earlier}
    found: list[tuple[str, int, str, str, str]] = []

    def still_open(reviews) -> tuple[bool, str | None]:
        before = [r for r in reviews if r.meeting_id != meeting_id]
        here = [r for r in reviews if r.meeting_id == meeting_id]
        closed_before = any(r.outcome in CLOSING for r in before)
        return not closed_before, here[-1].outcome if here else None

    actions = store.next_steps_of(ids)
    action_reviews = store.reviews("action", [a.id for a in actions])
    for action in actions:
        is_open, outcome = still_open(action_reviews.get(action.id, []))
        if is_open and (action.status == "open" or outcome):
            owner = action.owner_name or "no owner"
            due = f"due {action.due.isoformat()}" if action.due else "no due date"
            found.append(("action", action.id, action.text, source[action.meeting_id], f"{owner}, {due}", outcome))
    parked = store.parked(ids)
    park_reviews = store.reviews("park", [p.id for p in parked])
    for entry in parked:
        is_open, outcome = still_open(park_reviews.get(entry.id, []))
        if is_open:
            found.append(("park", entry.id, entry.text, source[entry.meeting_id], "parked", outcome))
    decisions = [d for d in store.decisions_of(ids) if d.review_date is not None and d.review_date <= meeting.date]
    decision_reviews = store.reviews("decision", [d.id for d in decisions])
    for decision in decisions:
        is_open, outcome = still_open(decision_reviews.get(decision.id, []))
        if is_open:
            found.append(("decision", decision.id, decision.text, source[decision.meeting_id], f"review due {decision.review_date}", outcome))
    return [ReviewItem(n, *row) for n, row in enumerate(found, start=1)]
