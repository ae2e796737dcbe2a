"""Corrections, in the room and after: `/undo`, `/edit N`, `/strike N`, `/restore N`.

A capture is found by its number on an item (the number beside it in the notes view). Nothing
is overwritten: a correction is a new version of the capture (see `store.corrections`), a
strike leaves no version current, and every change is in the trail with the seat that made it.
Each capture is edited in the grammar it was typed in, so `/edit N` puts it back in the bar
exactly so: a decision as `/decide` reads it, an action as `/action` does, a check-in answer as
`Name: what they said`.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from typing import Any

import msgspec

from facilitator.activities.checkin import CheckinRound, current_seat
from facilitator.activities.decisions import Decisions
from facilitator.activities.evaluation import evaluation_text, parse_line, questions_of
from facilitator.activities.next_steps import NextSteps
from facilitator.capture import METHODS, parse
from facilitator.completion import handle
from facilitator.models import AgendaItem, AttendanceStatus, Decision, EvaluationEntry, NextStep, Person
from facilitator.parsed import Action, CaptureError, Decide, Edit, Restore, Strike, Undo
from facilitator.parts.context import MeetingContext, Part, command
from facilitator.parts.outcome import Outcome, Saved

_METHOD_WORDS = {value: key for key, value in METHODS.items() if key in ("consensus", "consent", "majority", "fist", "other")}
_CHECKIN_LINE = re.compile(r"^\s*(?P<name>[^:]+?)\s*:\s*(?P<said>.*?)\s*$", re.DOTALL)
SUBJECT_WORDS = {
    "entries": "note", "decisions": "decision", "next_steps": "action", "evaluations": "evaluation line", "checkin": "check-in",
}


class Found(msgspec.Struct, frozen=True):
    """Capture N of an item: its kind, its identity, and the version shown now."""

    item: AgendaItem
    number: int
    subject: str
    origin: int
    row: dict[str, Any]
    """The current version, or the last one of a struck capture."""
    struck: bool


class Corrections(Part):
    def __init__(self, ctx: MeetingContext, checkin: CheckinRound, next_steps: NextSteps, decisions: Decisions) -> None:
        super().__init__(ctx)
        self._checkin = checkin
        self._next_steps = next_steps
        self._decisions = decisions

    # Commands ----------------------------------------------------------

    @command
    def undo(self, command: Undo | None = None) -> Outcome:
        """Take back the last thing this seat saved and has not taken back yet."""
        ctx = self.ctx
        while ctx.saved:
            saved = ctx.saved[-1]
            said = self._take_back(saved)
            if said is not None:
                message = f"Taken back: {said}. /restore brings a capture back."
                return Outcome(message=message, recount=True, agenda_changed=True, undid=saved)
            ctx.saved.pop()  # already struck or corrected away: look further back
        return Outcome(error="Nothing this seat saved is left to take back (/strike N takes back any capture).")

    @command
    def edit(self, command: Edit, item: AgendaItem | None = None) -> Outcome:
        """`/edit N` puts capture N in the bar as typed; `/edit N TEXT` saves TEXT as its correction."""
        found = self.find(command.number, item, at=command.item)
        if isinstance(found, str):
            return Outcome(error=found)
        ref = _ref(command)
        if command.text is None:
            return Outcome(
                fill=f"/edit {ref} {self.editable(found)}",
                message=f"Change {SUBJECT_WORDS[found.subject]} {ref} and press Enter (Ctrl+U leaves it as it was).",
            )
        if found.struck:
            return Outcome(error=f"Capture {ref} was struck; /restore {ref} first, then correct it.")
        return self._correct(found, command.text)

    @command
    def strike(self, command: Strike, item: AgendaItem | None = None) -> Outcome:
        found = self.find(command.number, item, at=command.item)
        if isinstance(found, str):
            return Outcome(error=found)
        ref = _ref(command)
        if found.struck:
            return Outcome(error=f"Capture {ref} is already struck.")
        self._strike(found)
        return Outcome(message=f"Struck {SUBJECT_WORDS[found.subject]} {ref}; /restore {ref} brings it back.",
                       recount=True, agenda_changed=True)

    @command
    def restore(self, command: Restore, item: AgendaItem | None = None) -> Outcome:
        ctx = self.ctx
        found = self.find(command.number, item, at=command.item)
        if isinstance(found, str):
            return Outcome(error=found)
        ref = _ref(command)
        if not found.struck:
            return Outcome(error=f"Capture {ref} is not struck.")
        if found.subject == "checkin":
            if self.store.checkin.current_answer(found.item.id, found.origin) is not None:
                return Outcome(error="That person has checked in again since; strike that first.")
            self.store.checkin.restore(found.row["id"])
            self._log(found, "restore", new_id=found.row["id"])
            self._floor_if_current(found.item)
        else:
            self.store.corrections.restore(found.subject, found.origin, at=ctx.now(), seat_id=ctx.seat_id)
        return Outcome(message=f"Restored {SUBJECT_WORDS[found.subject]} {ref}.", recount=True, agenda_changed=True)

    # Finding and showing -----------------------------------------------

    def find(self, number: int, item: AgendaItem | None = None, *, at: int | None = None) -> Found | str:
        """Capture `number` of `item`, or of the item at agenda position `at` (the current item by
        default), or why there is none."""
        if item is None and at is not None:
            agenda = [self.ctx.items[item_id] for item_id in self.ctx.clock().order]  # as the agenda shows them
            if not 1 <= at <= len(agenda):
                return f"There is no item {at}; the agenda has {len(agenda)}."
            item = agenda[at - 1]
        item = item or self.ctx.current_item()
        key = self.store.captures.numbered(item.id, number)
        if key is None:
            where = f"item {at}" if at is not None else "this item"
            return f"There is no capture {number} in {where}; the numbers are beside the notes (another item's: /edit 6.3)."
        subject, origin = key
        if subject == "checkin":
            rows = [row for row in self.store.checkin.answers(item.id) if row["person_id"] == origin]
        else:
            rows = [row for row in self.store.captures.item_rows(subject, item.id) if row["origin"] == origin]
        if not rows:
            return f"Capture {number} is no longer in this item."
        current = next((row for row in rows if row["current"]), None)
        return Found(item, number, subject, origin, current or rows[-1], struck=current is None)

    def editable(self, found: Found) -> str:
        """The capture as it would be typed, to correct in the bar."""
        row = found.row
        if found.subject == "entries":
            return str(row["text"])
        if found.subject == "decisions":
            decision = Decision.from_row(row)
            line = decision_line(decision)
            if decision.adopts_document_id is not None:
                document = self.store.documents.get(decision.adopts_document_id)
                line += f" adopts:{document['kind']}" + (f"/{document['title'].split(': ', 1)[1]}" if ": " in document["title"] else "")
            return line
        if found.subject == "next_steps":
            return action_line(NextStep.from_row(row), self.ctx.roster)
        if found.subject == "evaluations":
            entry = EvaluationEntry.from_row(row)
            return {"well": "+ ", "change": "- "}.get(entry.kind, "") + evaluation_text(entry)
        said = "not here" if row["absent"] else "passed" if row["passed"] else row["answer"] or "spoke"
        return f"{row['name']}: {said}"

    # Within a command --------------------------------------------------

    def _correct(self, found: Found, text: str) -> Outcome:
        ctx = self.ctx
        store = self.store
        row = found.row
        changes: dict[str, Any]
        if found.subject == "entries":
            if not text.strip():
                return Outcome(error="A note cannot be empty; /strike strikes it instead.")
            changes = {"text": text.rstrip()}
        elif found.subject == "decisions":
            decided = parse(f"/decide {text}", ctx.today())
            if isinstance(decided, CaptureError):
                return Outcome(error=decided.message)
            assert isinstance(decided, Decide)
            fields = msgspec.structs.asdict(decided)
            typed = fields.pop("adopts")
            document = self._decisions.document_named(typed) if typed is not None else None
            if isinstance(document, str):
                return Outcome(error=document)
            changes = {key: (value.isoformat() if isinstance(value, date) else value) for key, value in fields.items()}
            changes["adopts_document_id"] = document
        elif found.subject == "next_steps":
            action = parse(f"/action {text}", ctx.today())
            if isinstance(action, CaptureError):
                return Outcome(error=action.message)
            assert isinstance(action, Action)
            resolved = self._next_steps.owner(action)
            if isinstance(resolved, str):
                return Outcome(error=resolved)
            owner, _, action_text = resolved
            changes = {
                "text": action_text, "owner_id": owner.id if owner else None, "owner_name": owner.name if owner else action.owner,
                "due": action.due.isoformat() if action.due else None, "status": action.status or row["status"],
            }
        elif found.subject == "evaluations":
            line = parse_line(text, len(questions_of(found.item)))
            if line is None or isinstance(line, str):
                return Outcome(error=line or "An evaluation line is + what went well, - what to change, or the ratings, e.g. 4 4 5.")
            changes = {"kind": line.kind, "text": line.text, "ratings": None if line.ratings is None else json.dumps(line.ratings)}
        else:
            return self._correct_checkin(found, text)
        new_id = store.corrections.new_version(found.subject, row["id"], changes, at=ctx.now(), seat_id=ctx.seat_id)
        said = f"Corrected {SUBJECT_WORDS[found.subject]} {found.number}."
        if found.subject == "decisions":
            decision = Decision.from_row(store.captures.version("decisions", new_id))
            for also in (self._decisions.adopt(decision), self._decisions.approve(decision)):
                said += f" {also}" if also else ""
        elif found.subject == "entries" and row["kind"] == "draft":
            said += self._amends(row)
        return Outcome(message=said, recount=True, agenda_changed=True)

    def _amends(self, row: dict[str, Any]) -> str:
        """A draft corrected after its document was adopted: the adopted text stays as voted."""
        standing = self.store.documents.standing([row["document_id"]]).get(row["document_id"], [])
        if not standing:
            return ""
        number = standing[-1]["number"]
        return (f" Version {number}, as adopted, is unchanged: this correction is an amendment, in force once a decision "
                "adopts it (adopts: in /decide, or the decision form).")

    def _correct_checkin(self, found: Found, text: str) -> Outcome:
        """`Name: what they said` (or `Name: passed`, `Name: not here`): the answer, or who gave it."""
        ctx = self.ctx
        store = self.store
        line = _CHECKIN_LINE.match(text)
        if line is None:
            return Outcome(error="A check-in is corrected as Name: what they said (or Name: passed, Name: not here).")
        person = ctx.find_person(line["name"])
        if isinstance(person, str):
            return Outcome(error=person)
        said = line["said"]
        passed, absent = said.casefold() in ("passed", "pass"), said.casefold() in ("not here", "absent")
        answer = None if passed or absent or not said else said
        item = found.item
        if person.id != found.origin:
            if store.checkin.current_answer(item.id, person.id) is not None:
                return Outcome(error=f"{person.name} has checked in already in this round; correct or strike that one.")
            store.checkin.take_back(found.row["id"])  # the person it was credited to has not spoken yet
            store.checkin.seat(ctx.meeting_id, item.id, [person.id], at=ctx.now())
            store.captures.renumber_origin(item.id, "checkin", found.origin, person.id)
            # The speaking time of that answer was theirs too.
            store.voices.reassign_turn(item.id, found.origin, person.id, ended_at=datetime.fromisoformat(found.row["at"]))
        at = datetime.fromisoformat(found.row["at"])  # when they spoke, not when it was corrected
        new_id = store.checkin.record(ctx.meeting_id, item.id, person.id, answer=answer, passed=passed, absent=absent, at=at)
        self._log(found, "edit", new_id=new_id, detail={"person_id": person.id} if person.id != found.origin else None)
        self._floor_if_current(item)
        return Outcome(message=f"Corrected check-in {found.number}: {person.name}.", recount=True, agenda_changed=True)

    def _strike(self, found: Found) -> None:
        ctx = self.ctx
        if found.subject == "checkin":
            self.store.checkin.take_back(found.row["id"])
            self._unmark_absent(found)
            self._log(found, "strike")
            self._floor_if_current(found.item)
        else:
            self.store.corrections.strike(found.subject, found.row["id"], at=ctx.now(), seat_id=ctx.seat_id)

    def _unmark_absent(self, found: Found) -> None:
        """A "not here" taken back takes back the absence it marked (F8 pressed on the wrong
        person): their attendance is as it was before, not absent."""
        row = found.row
        if not row["absent"]:
            return
        mark = self.store.people.current_mark(self.ctx.meeting_id, row["person_id"])
        if mark is not None and mark["status"] == AttendanceStatus.ABSENT.value and mark["at"] == row["at"]:
            self.store.people.unmark(mark["id"])

    def _take_back(self, saved: Saved) -> str | None:
        """Take back one saved thing; what it was, in words, or None if it is gone already."""
        ctx = self.ctx
        store = self.store
        if saved.subject == "dots":
            store.brainwriting.take_back_dots(list(saved.placed), list(saved.replaced))
            store.corrections.log(ctx.meeting_id, "dots", saved.origin or 0, "strike", at=ctx.now(), seat_id=ctx.seat_id,
                                  detail={"placed": list(saved.placed), "restored": list(saved.replaced)})
            name = next((p.name for p in ctx.roster if p.id == saved.origin), "that person")
            return f"{name}'s dots"
        if saved.subject == "attendance":
            mark = store.people.mark_of(saved.row_id)
            if mark is None or not mark["current"]:
                return None
            store.people.unmark(saved.row_id)
            store.corrections.log(ctx.meeting_id, "attendance", saved.row_id, "strike", at=ctx.now(), seat_id=ctx.seat_id)
            return f"{mark['name']} {mark['status']}"
        if saved.item_id is None:
            return None
        number = store.captures.numbers(saved.item_id).get((saved.subject, saved.origin or saved.row_id))
        item = ctx.items.get(saved.item_id)
        if number is None or item is None:
            return None
        found = self.find(number, item)
        if isinstance(found, str) or found.struck:
            return None
        self._strike(found)
        return f"{SUBJECT_WORDS[found.subject]} {number} ({self.editable(found)[:40]})"

    def _floor_if_current(self, item: AgendaItem) -> None:
        """A check-in changed in the round under way: the floor goes to whoever is due now. Someone
        already speaking who is still due keeps their turn; a turn given to anyone else while the
        answer was wrong is nobody's speaking time (the one who spoke got theirs with the answer)."""
        ctx = self.ctx
        if item.id != ctx.current_item().id or item.kind not in self._checkin.kinds:
            return
        due = current_seat(self._checkin.seats(item))
        speaking = False
        for turn in self.store.voices.open_turns(ctx.meeting_id):
            if turn.item_id == item.id and (due is None or turn.person_id != due.person.id):
                self.store.voices.discard_open_turn(ctx.meeting_id, turn.person_id)
            elif turn.item_id == item.id:
                speaking = True
        if not speaking:
            self._checkin.give_floor_to_current(item)

    def _log(self, found: Found, action: str, *, new_id: int | None = None, detail: dict[str, Any] | None = None) -> None:
        ctx = self.ctx
        self.store.corrections.log(
            ctx.meeting_id, "checkin_answers", found.origin, action, at=ctx.now(), old_id=found.row["id"], new_id=new_id,
            seat_id=ctx.seat_id, detail={"item_id": found.item.id, **(detail or {})},
        )


def _ref(command: Edit | Strike | Restore) -> str:
    """How the command named the capture: `3`, or `6.3` for another item's."""
    return f"{command.item}.{command.number}" if command.item is not None else str(command.number)


def decision_line(decision: Decision) -> str:
    """A decision as `/decide` reads it."""
    parts = [decision.text]
    if decision.outcome:
        parts.append(f"outcome:{decision.outcome}")
    if decision.method:
        parts.append(f"method:{_METHOD_WORDS.get(decision.method, 'other')}")
    for word, value in (("for", decision.votes_for), ("against", decision.votes_against), ("abstain", decision.votes_abstain),
                        ("stand", decision.stand_asides), ("block", decision.blocks)):
        if value is not None:
            parts.append(f"{word}={value}")
    if decision.review_date:
        parts.append(f"review:{decision.review_date.isoformat()}")
    return " ".join(parts)


def action_line(step: NextStep, roster: list[Person]) -> str:
    """An action as `/action` reads it: the owner as a roster handle where there is one."""
    parts = [step.text]
    if step.owner_name:
        on_roster = next((p for p in roster if p.id == step.owner_id), None)
        parts.append("@" + (handle(on_roster.name) if on_roster else step.owner_name))
    if step.due:
        parts.append(f"due:{step.due.isoformat()}")
    if step.status != "open":
        parts.append(f"status:{step.status}")
    return " ".join(parts)
