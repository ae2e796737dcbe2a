"""Decisions: the proposal, how the group decided, the tally, and the quorum at that moment."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import ClassVar

import msgspec

from facilitator.activities.base import Activity, ActivityView
from facilitator.documents import find_document
from facilitator.models import AgendaItem, Attendance, AttendanceStatus, Decision, ItemKind, Person
from facilitator.parsed import Decide
from facilitator.parts.context import MeetingContext, command
from facilitator.parts.outcome import Outcome, Saved, decision_capture
from facilitator.store.documents import ADOPTING


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


class DecisionsView(ActivityView, frozen=True):
    quorum: Quorum
    decisions: list[Decision]


class Decisions(Activity):
    """Decisions in a decision item (F5 opens the whole form); `/decide` works in any item."""

    name: ClassVar[str] = "decision"
    kinds: ClassVar[tuple[ItemKind, ...]] = (ItemKind.DECISION,)

    def __init__(self, ctx: MeetingContext, approve: Callable[[Decision], str | None]) -> None:
        super().__init__(ctx)
        self.approve = approve
        """Approves earlier minutes when the decision was taken in the item that approves them
        (the session's `Approvals`, which keeps them as approved); what to say of it."""

    def quorum_now(self) -> Quorum:
        ctx = self.ctx
        return quorum(ctx.roster, self.store.people.attendance(ctx.meeting_id), self.store.meetings.get(ctx.meeting_id).quorum)

    def view(self, item: AgendaItem, now: datetime) -> DecisionsView:
        decisions = [d for d in self.store.captures.decisions(self.ctx.meeting_id) if d.item_id == item.id]
        return DecisionsView(title=f"Decisions · {len(decisions)}", quorum=self.quorum_now(), decisions=decisions)

    @command
    def record(self, /, text: str, **details: object) -> Outcome:
        """Any decision, with the quorum as it stands at this moment recorded beside it. One that
        names a document (`adopts_document_id`) and is adopted (or adopted as amended) stores that
        document as its drafts stand now: the version the people present voted on."""
        ctx = self.ctx
        now_quorum = self.quorum_now()
        decision = self.store.captures.add_decision(
            ctx.meeting_id, ctx.current_item().id, text, at=ctx.now(),
            quorum_present=now_quorum.present, quorum_needed=now_quorum.needed, quorum_met=now_quorum.met,
            **{k: v for k, v in details.items() if v is not None},
        )
        said = f"Decision recorded; {now_quorum}."
        for also in (self.adopt(decision), self.approve(decision)):
            said += f" {also}" if also else ""
        return Outcome(
            capture=decision_capture(decision), message=said, saved=Saved("decisions", decision.id, decision.item_id, decision.id),
        )

    @command
    def decide(self, command: Decide) -> Outcome:
        """`/decide TEXT outcome:... method:... for=... adopts:DOCUMENT`"""
        details = msgspec.structs.asdict(command)
        typed = details.pop("adopts")
        if typed is not None:
            found = self.document_named(typed)
            if isinstance(found, str):
                return Outcome(error=found)
            details["adopts_document_id"] = found
        return self.record(details.pop("text"), **details)

    def document_named(self, typed: str) -> int | str:
        """The series' document `adopts:TYPED` names (see `documents.find_document`)."""
        item = self.ctx.current_item()
        documents = [(d["id"], d["kind"], d["title"]) for d in self.store.documents.of_series(self.ctx.meeting.series_id)]
        return find_document(typed, documents, item.document, item.document_title)

    def adopt(self, decision: Decision) -> str | None:
        """When `decision` adopts a document, store the version it adopts; what to say of it."""
        if decision.adopts_document_id is None:
            return None
        document = self.store.documents.get(decision.adopts_document_id)
        if decision.outcome not in ADOPTING:
            return f"{document['title']} is not adopted by it ({decision.outcome or 'no outcome recorded'})."
        number = self.store.documents.adopt(document["id"], decision.origin, self.ctx.meeting_id, at=self.ctx.now())
        said = f"{document['title']}: version {number} adopted as drafted now"
        return said + (f"; it amends version {number - 1}." if number > 1 else ".")
