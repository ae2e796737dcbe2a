"""A meeting being run: the capture bar's lines and the screen's keys applied to the store and
the clock, and the view model any front-end draws.

No Textual here. The live screen hands each submitted line to `apply` and shows what comes
back; the store has the capture before `apply` returns. Each command is one transaction.
"""

from __future__ import annotations

import re
from typing import assert_never

from facilitator.activities.base import Activity
from facilitator.activities.brainwriting import Brainwriting
from facilitator.activities.checkin import CheckinRound
from facilitator.activities.decisions import Decisions
from facilitator.activities.document import DocumentPanel
from facilitator.activities.evaluation import Evaluation
from facilitator.activities.next_steps import NextSteps, ReviewList
from facilitator.activities.registry import ACTIVITIES
from facilitator.activities.voices import Floor
from facilitator.capture import parse
from facilitator.clock import MeetingClock
from facilitator.documents import KINDS
from facilitator.models import AgendaItem, ItemKind, Meeting, Person
from facilitator.parsed import (
    Action,
    AddItem,
    Attend,
    Attribute,
    CaptureError,
    Command,
    Decide,
    Draft,
    Edit,
    Flow,
    Hand,
    Idea,
    MoveItem,
    Note,
    Park,
    PlainNote,
    Question,
    QueueMode,
    RenameTheme,
    Restore,
    RetimeItem,
    ReviewMark,
    RoomRequest,
    Speak,
    Strike,
    Undo,
)
from facilitator.parts.context import MeetingContext, Now
from facilitator.parts.outcome import Outcome
from facilitator.session.approvals import Approvals
from facilitator.session.corrections import Corrections
from facilitator.session.drafts import Drafts
from facilitator.session.flow import FlowControl
from facilitator.session.notes import Notes
from facilitator.session.participants import Participants, RoomControl
from facilitator.session.people import People
from facilitator.session.plan import Plan
from facilitator.session.view import MeetingView, agenda_rows
from facilitator.store import Store

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class MeetingSession:
    """One meeting's agenda, captures and clock, kept in step with the store, made of parts:
    `flow`, `notes`, `floor`, `corrections`, `people`, `drafts` and one object per activity (`checkin`, `brainwriting`,
    `decisions`, `next_steps`, `evaluation`)."""

    def __init__(self, store: Store, meeting_id: int, now: Now, *, recovering: bool = False) -> None:
        self.ctx = MeetingContext(store, meeting_id, now)
        self.plan = Plan(self.ctx)
        self.flow = FlowControl(self.ctx, self.plan)
        self.checkin = CheckinRound(self.ctx)
        self.floor = Floor(self.ctx, self.checkin)
        self.brainwriting = Brainwriting(self.ctx)
        self.approvals = Approvals(self.ctx)
        self.decisions = Decisions(self.ctx, self.approvals.approve)
        self.next_steps = NextSteps(self.ctx, self.flow.add_item)
        self.evaluation = Evaluation(self.ctx)
        self.review = ReviewList(self.ctx)
        self.notes = Notes(self.ctx, self.activity, self.brainwriting)
        self.corrections = Corrections(self.ctx, self.checkin, self.next_steps, self.decisions)
        self.people = People(self.ctx)
        self.drafts = Drafts(self.ctx)
        self.participants = Participants(self.ctx, self.brainwriting, self.evaluation, self.floor, self.checkin)
        self.room = RoomControl(self.ctx)
        self.document = DocumentPanel(self.ctx)
        parts: list[Activity] = [
            self.checkin, self.brainwriting, self.decisions, self.next_steps, self.evaluation, self.review, self.document,
        ]
        assert {type(part) for part in parts} == set(ACTIVITIES), "every registered activity is part of the session"
        self._by_kind: dict[ItemKind, Activity] = {kind: part for part in parts for kind in part.kinds}
        if recovering and not store.readonly:
            self.floor.recover_open_turn()

    # What the screens read ---------------------------------------------

    @property
    def store(self) -> Store:
        return self.ctx.store

    @property
    def now(self) -> Now:
        return self.ctx.now

    @property
    def meeting(self) -> Meeting:
        return self.ctx.meeting

    @property
    def meeting_id(self) -> int:
        return self.ctx.meeting_id

    @property
    def roster(self) -> list[Person]:
        return self.ctx.roster

    def clock(self) -> MeetingClock:
        return self.ctx.clock()

    def current_item(self, clock: MeetingClock | None = None) -> AgendaItem:
        return self.ctx.current_item(clock)

    @property
    def agenda(self) -> list[AgendaItem]:
        """The items in their running order, which may differ from the plan."""
        return [self.ctx.items[item_id] for item_id in self.clock().order]

    def activity(self, item: AgendaItem) -> Activity | None:
        """The activity that runs this kind of item, if it has one (a review item shows the review
        list, an item working on a workshop document the document)."""
        if item.review and item.kind not in self._by_kind:
            return self.review
        if item.document in KINDS and item.kind not in self._by_kind:
            return self.document
        return self._by_kind.get(item.kind)

    def sync(self) -> bool:
        """Take in what another seat wrote; True when anything changed."""
        return self.ctx.sync()

    def reload_roster(self) -> None:
        self.ctx.reload_roster()

    # Applying a line ---------------------------------------------------

    def apply(self, line: str) -> Outcome:
        """One line from the capture bar: understood by the grammar, then run."""
        # UTF-8 (and so SQLite) cannot hold a lone surrogate; everything else is kept exactly.
        return self.run(parse(_LONE_SURROGATE.sub("\ufffd", line), self.ctx.today()))

    def run(self, command: Command) -> Outcome:
        """Run what a line means, as one transaction, by the part it belongs to. One case per kind
        of parsed value: mypy checks that every kind has its case and each part takes its value."""
        match command:
            case CaptureError():
                return Outcome(error=command.message)
            case Note():
                return self.notes.note(command)
            case PlainNote():
                return self.notes.plain(command)
            case Idea():
                return self.notes.idea(command)
            case Park():
                return self.notes.park(command)
            case Attribute():
                return self.notes.set_attribution(command)
            case Decide():
                return self.decisions.decide(command)
            case Action():
                return self.next_steps.action(command)
            case ReviewMark():
                return self.next_steps.mark_review(command)
            case Speak():
                return self.floor.speak(command)
            case Hand():
                return self.floor.hand(command)
            case QueueMode():
                return self.floor.set_queue_mode(command)
            case Attend():
                return self.floor.attend(command)
            case Flow():
                return self.flow.apply(command)
            case AddItem():
                return self.flow.add_item(command)
            case MoveItem():
                return self.flow.move_item(command)
            case RetimeItem():
                return self.flow.retime_item(command)
            case Question():
                return self.checkin.ask_question(command)
            case RenameTheme():
                return self.brainwriting.rename_theme(command)
            case Draft():
                return self.drafts.draft(command)
            case RoomRequest():
                return self.room.request(command)
            case Undo():
                return self.corrections.undo(command)
            case Edit():
                return self.corrections.edit(command)
            case Strike():
                return self.corrections.strike(command)
            case Restore():
                return self.corrections.restore(command)
            case _:
                assert_never(command)

    # The view model ----------------------------------------------------

    def view(self) -> MeetingView:
        """What the live screen (or any front-end) shows now, as plain structs."""
        clock = self.clock()
        item = self.current_item(clock)
        activity = self.activity(item)
        agenda = [self.ctx.items[item_id] for item_id in clock.order]
        return MeetingView(
            title=self.meeting.title,
            clock=clock,
            agenda=agenda_rows(agenda, clock),
            item=item,
            number=clock.current_index + 1,
            activity=activity.view(item, clock.now) if activity is not None else None,
            activity_name=activity.name if activity is not None else None,
            parking=[entry.text for entry in self.notes.parked()],
        )
