"""Notes and the parking lot: plain text on the current item (unless its activity claims the
line), ideas, parked items, and reading an item's captures back for the notes view."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

import msgspec

from facilitator.activities.base import Activity
from facilitator.activities.brainwriting import Brainwriting, split_author
from facilitator.activities.evaluation import EVALUATION_LABELS, evaluation_text
from facilitator.documents import KINDS
from facilitator.models import AgendaItem, Decision, Entry, EntryKind, EvaluationEntry, NextStep
from facilitator.parsed import Attribute, Idea, Note, Park, PlainNote
from facilitator.parts.context import MeetingContext, Part, command
from facilitator.parts.outcome import ENTRY_LABELS, Capture, Outcome, action_capture, decision_capture
from facilitator.session.drafts import draft_label

_LOOKS_LIKE_ACTION = re.compile(r"(?:^|\s)@\S.*\bdue:\S|\bdue:\S.*(?:^|\s)@\S")
"""`@owner` and `due:` in a plain line: the note-taker meant a next step, outside a next-steps item."""


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
        outcome = self._note(item, command.text)
        saved = outcome.saved
        if saved is not None and saved.item_id is not None and _LOOKS_LIKE_ACTION.search(command.text):
            number = self.store.captures.number(saved.item_id, saved.subject, saved.row_id)
            return msgspec.structs.replace(outcome, message=(
                f"Saved as note {number}: plain lines are notes in this item. For a next step, /strike {number}, "
                "then Up and /action in front of it."
            ))
        return outcome

    @command
    def plain(self, command: PlainNote) -> Outcome:
        """`/note TEXT`: a note whatever the item, never an answer, idea, action or rating."""
        return self._note(self.ctx.current_item(), command.text)

    @command
    def set_attribution(self, command: Attribute) -> Outcome:
        ctx = self.ctx
        ctx.store.meetings.set_attribute_notes(ctx.meeting_id, command.on)
        ctx.meeting = msgspec.structs.replace(ctx.meeting, attribute_notes=command.on)
        if command.on:
            return Outcome(message="Notes taken while someone has the floor now carry their name (/attribute off stops it).")
        return Outcome(message="Notes no longer carry the speaker's name.")

    def _note(self, item: AgendaItem, text: str) -> Outcome:
        """A note on `item`, with the name of whoever has the floor if the group asked for that."""
        ctx = self.ctx
        speaker = None
        if ctx.meeting.attribute_notes:
            speaking = ctx.store.voices.open_turns(ctx.meeting_id)
            speaker = next((p for p in ctx.roster if speaking and p.id == speaking[-1].person_id), None)
        outcome = ctx.save_entry(item, text, EntryKind.NOTE, label=speaker.name if speaker else None)
        if speaker is not None and outcome.saved is not None:
            ctx.store.captures.set_speaker(outcome.saved.row_id, speaker.id)
        return outcome

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
        """Everything captured on one item, by number: each capture as it stands now (a
        corrected one with its current text, a struck one marked so)."""
        store = self.store
        found: dict[tuple[str, int], Capture] = {}
        speakers = store.captures.speakers(item_id)
        for origin, row, versions in latest_versions(store.captures.item_rows("entries", item_id)):
            if row["kind"] == EntryKind.DRAFT:
                label = self._draft_label(row)
            else:
                label = speakers.get(origin, ENTRY_LABELS[row["kind"]])
            found["entries", origin] = _shown(Capture(_at(row["created_at"]), label, row["text"]), row, versions)
        for origin, row, versions in latest_versions(store.captures.item_rows("decisions", item_id)):
            found["decisions", origin] = _shown(decision_capture(Decision.from_row(row)), row, versions)
        for origin, row, versions in latest_versions(store.captures.item_rows("next_steps", item_id)):
            found["next_steps", origin] = _shown(action_capture(NextStep.from_row(row)), row, versions)
        for origin, row, versions in latest_versions(store.captures.item_rows("evaluations", item_id)):
            entry = EvaluationEntry.from_row(row)
            found["evaluations", origin] = _shown(Capture(entry.at, EVALUATION_LABELS[entry.kind], evaluation_text(entry)), row, versions)
        for person_id, row, versions in latest_versions(self._credited(item_id), key="person_id"):
            said = "not here" if row["absent"] else "passed" if row["passed"] else row["answer"] or "spoke"
            found["checkin", person_id] = _shown(Capture(_at(row["at"]), "check-in", f"{row['name']}: {said}"), row, versions)
        numbers = store.captures.numbers(item_id)
        # A person's check-in rows with no number of their own are the history of an answer that
        # was credited to someone else: they show under that person's number, not again here.
        found = {key: capture for key, capture in found.items() if key[0] != "checkin" or key in numbers or not capture.struck}
        shown = [msgspec.structs.replace(capture, number=numbers.get(key)) for key, capture in found.items()]
        return sorted(shown, key=lambda c: (c.number is None, c.number or 0, c.at))

    def _credited(self, item_id: int) -> list[dict[str, Any]]:
        """A round's check-in rows, each under the person it is now credited to: an answer moved to
        the person who really gave it (`/edit N Name: ...`) is that person's history, so their answer
        shows as corrected, and the one it was wrongly credited to does not."""
        moved = self.store.corrections.moved_answers(item_id)
        return [{**row, "person_id": moved.get(row["id"], row["person_id"])} for row in self.store.checkin.answers(item_id)]

    def _draft_label(self, row: dict[str, Any]) -> str:
        document = self.store.documents.get(row["document_id"])
        return draft_label(KINDS[document["kind"]], document["title"], row["part"])


def latest_versions(rows: list[dict[str, Any]], key: str = "origin") -> list[tuple[int, dict[str, Any], int]]:
    """(origin, the version to show, how many versions) for rows holding every version of some
    captures, oldest first: the current version, or the last one of a struck capture."""
    versions: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        versions.setdefault(row[key], []).append(row)
    return [(origin, next((r for r in rows if r["current"]), rows[-1]), len(rows)) for origin, rows in versions.items()]


def _at(value: str) -> datetime:
    return datetime.fromisoformat(value)


def _shown(capture: Capture, row: dict[str, Any], versions: int) -> Capture:
    return msgspec.structs.replace(capture, struck=not row["current"], corrected=versions > 1 and bool(row["current"]))
