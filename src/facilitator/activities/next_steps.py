"""Next steps with owners, and the review of what earlier meetings of the series left open.

A plain line in a next-steps item is an action (`what @owner due:friday`); `/action` works in
any item. The review list gathers open actions, parked items and decisions due for review from
the series' earlier meetings; marking one (`/done 2`, `/carry 2`, ...) is stored as a review.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

import msgspec

from facilitator.activities.base import Activity, ActivityView
from facilitator.capture import parse
from facilitator.models import AgendaItem, ItemKind, NextStep, Person, Review
from facilitator.parsed import Action, AddItem, ReviewMark
from facilitator.parts.context import command
from facilitator.parts.outcome import Outcome, Saved, action_capture
from facilitator.words import article

if TYPE_CHECKING:
    from facilitator.parts.context import MeetingContext
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
    meeting = store.meetings.get(meeting_id)
    earlier = store.meetings.earlier(meeting_id)
    if not earlier:
        return []
    ids = [m["id"] for m in earlier]
    source = {m["id"]: f"{m['title']} ({m['date']})" for m in earlier}
    found: list[tuple[str, int, str, str, str, str | None]] = []

    def still_open(reviews: list[Review]) -> tuple[bool, str | None]:
        before = [r for r in reviews if r.meeting_id != meeting_id]
        here = [r for r in reviews if r.meeting_id == meeting_id]
        closed_before = any(r.outcome in CLOSING for r in before)
        if not here:
            return not closed_before, None
        last = here[-1]
        when = f" on {last.done_on.isoformat()}" if last.done_on and last.done_on != meeting.date else ""
        return not closed_before, last.outcome + when

    actions = store.captures.next_steps_of(ids)
    action_reviews = store.review.of("action", [a.id for a in actions])
    for action in actions:
        is_open, outcome = still_open(action_reviews.get(action.id, []))
        if is_open and (action.status == "open" or outcome):
            owner = action.owner_name or "no owner"
            due = f"due {action.due.isoformat()}" if action.due else "no due date"
            found.append(("action", action.id, action.text, source[action.meeting_id], f"{owner}, {due}", outcome))
    parked = store.captures.parked(ids)
    park_reviews = store.review.of("park", [p.id for p in parked])
    for entry in parked:
        is_open, outcome = still_open(park_reviews.get(entry.id, []))
        if is_open:
            found.append(("park", entry.id, entry.text, source[entry.meeting_id], "parked", outcome))
    decisions = [d for d in store.captures.decisions_of(ids) if d.review_date is not None and d.review_date <= meeting.date]
    decision_reviews = store.review.of("decision", [d.id for d in decisions])
    for decision in decisions:
        is_open, outcome = still_open(decision_reviews.get(decision.id, []))
        if is_open:
            due_text = f"review due {decision.review_date}"
            found.append(("decision", decision.id, decision.text, source[decision.meeting_id], due_text, outcome))
    return [ReviewItem(n, *row) for n, row in enumerate(found, start=1)]


class ReviewView(ActivityView, frozen=True):
    review: list[ReviewItem]


class ReviewList(Activity):
    """An item set aside for going through what earlier meetings left open (`review = true` in
    the template): its panel lists them to mark; what is said is noted as usual."""

    name: ClassVar[str] = "review"
    kinds: ClassVar[tuple[ItemKind, ...]] = ()

    def view(self, item: AgendaItem, now: datetime) -> ReviewView:
        items = review_list(self.store, self.ctx.meeting_id)
        marked = sum(entry.outcome is not None for entry in items)
        return ReviewView(title=f"From earlier meetings · {marked} of {len(items)} marked", review=items)


class NextStepsView(ActivityView, frozen=True):
    review: list[ReviewItem]
    steps: list[NextStep]


class NextSteps(Activity):
    name: ClassVar[str] = "next_steps"
    kinds: ClassVar[tuple[ItemKind, ...]] = (ItemKind.NEXT_STEPS,)

    def __init__(self, ctx: MeetingContext, add_item: Callable[[AddItem], Outcome]) -> None:
        super().__init__(ctx)
        self._add_item = add_item
        """Puts a parked item onto this agenda (`/agenda N`): the flow's command, given by the session."""

    def line(self, item: AgendaItem, text: str) -> Outcome | None:
        parsed = parse(f"/action {text}", self.ctx.today())
        return self._action(parsed) if isinstance(parsed, Action) else None

    def view(self, item: AgendaItem, now: datetime) -> NextStepsView:
        steps = self.store.captures.next_steps(self.ctx.meeting_id)
        flagged = sum(step.flagged for step in steps)
        title = f"Next steps · {len(steps)}" + (f" · {flagged} need an owner or date" if flagged else "")
        return NextStepsView(title=title, review=self.review_items(), steps=steps)

    def review_items(self) -> list[ReviewItem]:
        return review_list(self.store, self.ctx.meeting_id)

    def flagged(self) -> list[str]:
        """Actions nobody owns or with no date: what `/end` asks about."""
        return [step.text for step in self.store.captures.next_steps(self.ctx.meeting_id) if step.flagged]

    @command
    def action(self, command: Action) -> Outcome:
        """`/action TEXT @owner due:DATE`, in any item."""
        return self._action(command)

    @command
    def mark_review(self, command: ReviewMark) -> Outcome:
        ctx = self.ctx
        items = self.review_items()
        if not 1 <= command.number <= len(items):
            return Outcome(error=f"There is no review item {command.number}; the list has {len(items)} (F4 shows it).")
        item = items[command.number - 1]
        outcome = OUTCOMES[item.subject].get(command.verb)
        if outcome is None:
            allowed = ", ".join(f"/{verb}" for verb in OUTCOMES[item.subject])
            what = {"action": "action", "park": "parked item", "decision": "decision"}[item.subject]
            return Outcome(error=f"Review item {item.number} is {article(what)}: use {allowed}.")
        if command.on is not None and not (item.subject == "action" and outcome == "done"):
            return Outcome(error=f"A date says when an action was done; /{command.verb} {command.number} takes none.")
        done_on = command.on or (ctx.today() if item.subject == "action" and outcome == "done" else None)
        self.store.review.add(ctx.meeting_id, item.subject, item.ref_id, outcome, at=ctx.now(), done_on=done_on)
        if outcome == "moved onto the agenda":
            return self._add_item(AddItem(item.text[:80], 10, ItemKind.DISCUSSION))
        when = f" on {done_on.isoformat()}" if done_on is not None else ""
        return Outcome(message=f"{item.text}: {outcome}{when}.", agenda_changed=True)

    def owner(self, command: Action) -> tuple[Person | None, list[str], str] | str:
        """The roster person `@owner` names (or None: kept as typed, or no owner yet), with what
        the message should add and the action's text; a str when the name is ambiguous.

        A full roster name typed with its spaces (`@José Muñoz`) is the owner whole, and its
        words after the first leave the text."""
        typed, text = command.owner, command.text
        if not typed:
            return None, ["no owner yet (@name)"], text
        words = text.split()
        at = command.owner_at if command.owner_at is not None else len(words)
        for more in range(len(words) - at, 0, -1):
            name = " ".join([typed, *words[at : at + more]]).casefold()
            whole = [p for p in self.ctx.roster if p.name.casefold() == name]
            if len(whole) == 1:
                return whole[0], [], " ".join(words[:at] + words[at + more :])
        found = self.ctx.find_person(typed)
        if isinstance(found, Person):
            return found, [], text
        if "more than one" in found:
            return found
        return None, [f"{typed} is not on the roster; kept as typed"], text

    def _action(self, command: Action) -> Outcome:
        ctx = self.ctx
        resolved = self.owner(command)
        if isinstance(resolved, str):
            return Outcome(error=resolved)
        owner, note, text = resolved
        if not text:
            return Outcome(error="/action: what is the action? The words after @ are the owner's name.")
        if command.due is None:
            note.append("no due date yet (due:friday)")
        step = self.store.captures.add_next_step(
            ctx.meeting_id, ctx.current_item().id, text, at=ctx.now(), owner=owner,
            owner_name=None if owner else command.owner, due=command.due, status=command.status or "open",
        )
        message = "Action saved" + (": " + "; ".join(note) + "." if note else ".")
        return Outcome(capture=action_capture(step), message=message, saved=Saved("next_steps", step.id, step.item_id, step.id))
