"""Notes and the parking lot: plain text on the current item (unless its activity claims the
line), ideas, parked items, and reading an item's captures back for the notes view."""

from __future__ import annotations

from collections.abc import Callable

from facilitator.activities.base import Activity
from facilitator.activities.brainwriting import Brainwriting, split_author
from facilitator.capture import Idea, Note, Park
from facilitator.models import AgendaItem, Entry, EntryKind
from facilitator.session.context import MeetingContext, Part, command
from facilitator.session.outcome import ENTRY_LABELS, Capture, Outcome, action_capture, decision_capture


class Notes(Part):
    def __init__(self, ctx: MeetingContext, activity: Callable[[AgendaItem], Activity | None], brainwriting: Brainwriting) -> None:
        super().__init__(ctx)
        self._activity = activity
        self._brainwriting = brainwriting

    @command
    def note(self, command: Note) -> Outcome:
        """Plain text: the current item's activity may claim it (a check-in answer, an idea, an
        action, a rating); otherwise it is a note on the item."""
        item = self.ctx.current_item()
        activity = self._activity(item)
        claimed = activity.line(item, command.text) if activity is not None else None
        if claimed is not None:
            return claimed
        return self.ctx.save_entry(item, command.text, EntryKind.NOTE)

    @command
    def idea(self, command: Idea) -> Outcome:
        """`/idea TEXT`: an idea in any item, anonymous unless it ends with @name."""
        text, author = split_author(command.text)
        return self._brainwriting.add_idea(text, author)

    @command
    def park(self, command: Park) -> Outcome:
        return self.ctx.save_entry(self.ctx.current_item(), command.text, EntryKind.PARK, "Parked for later.")

    def park_typed(self, text: str) -> Outcome:
        """Ctrl+L: park whatever is in the capture bar."""
        if not text.strip():
            return Outcome(error="Type what to park first, then press Ctrl+L (or use /park TEXT).")
        return self.park(Park(text.strip()))

    def parked(self) -> list[Entry]:
        """This meeting's parking lot, oldest first."""
        return self.store.captures.entries(self.ctx.meeting_id, kind=EntryKind.PARK)

    def captures(self, item_id: int) -> list[Capture]:
        """Everything captured on one item, oldest first."""
        ctx = self.ctx
        found = [Capture(at, ENTRY_LABELS[kind], text) for at, kind, text in self.store.captures.entry_lines(ctx.meeting_id, item_id)]
        found += [decision_capture(d) for d in self.store.captures.decisions(ctx.meeting_id) if d.item_id == item_id]
        found += [action_capture(a) for a in self.store.captures.next_steps(ctx.meeting_id) if a.item_id == item_id]
        return sorted(found, key=lambda c: c.at)
