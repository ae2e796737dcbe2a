"""What a participant may add from their own phone (the room, `facilitator.room`): the same
one-transaction writes and the same checks as the capture bar, and only what the current item
asks for. An idea never carries a person: nothing stored with it says who or which device."""

from __future__ import annotations

import msgspec

from facilitator.activities.brainwriting import Brainwriting
from facilitator.activities.evaluation import Evaluation, questions_of
from facilitator.activities.voices import Floor
from facilitator.capture import Hand, RoomRequest
from facilitator.models import ItemKind
from facilitator.session.context import MeetingContext, Part, command
from facilitator.session.outcome import Outcome

MAX_TEXT = 500
"""Characters a phone may send in one idea or comment."""


class Asked(msgspec.Struct, frozen=True):
    """What the current item asks of a participant, for their page."""

    item: str
    prompt: str
    kind: str
    ideas: bool = False
    """Brainwriting, writing phase: ideas are welcome."""
    questions: list[str] = []
    """Evaluation: the statements to rate from 1 to 5."""


class Participants(Part):
    def __init__(self, ctx: MeetingContext, brainwriting: Brainwriting, evaluation: Evaluation, floor: Floor) -> None:
        super().__init__(ctx)
        self._brainwriting = brainwriting
        self._evaluation = evaluation
        self._floor = floor

    def asked(self) -> Asked:
        item = self.ctx.current_item()
        return Asked(
            item=item.title, prompt=item.prompt, kind=item.kind.value,
            ideas=item.kind is ItemKind.BRAINWRITING and self._brainwriting.phase(item) == "write",
            questions=questions_of(item) if item.kind is ItemKind.EVALUATION else [],
        )

    @command
    def idea(self, text: str) -> Outcome:
        """An anonymous idea, during a brainwriting item's writing phase only."""
        text = " ".join(text.split())
        if not self.asked().ideas:
            return Outcome(error="Ideas are collected while a brainwriting item is in its writing phase.")
        if not text:
            return Outcome(error="Write the idea first.")
        if len(text) > MAX_TEXT:
            return Outcome(error=f"An idea is at most {MAX_TEXT} characters; split it in two.")
        return self._brainwriting.add_idea(text, None)

    @command
    def rate(self, ratings: list[int]) -> Outcome:
        """One person's ratings, during an evaluation item."""
        item = self.ctx.current_item()
        questions = self.asked().questions
        if not questions:
            return Outcome(error="Ratings are collected during the evaluation.")
        if len(ratings) != len(questions) or any(not 1 <= r <= 5 for r in ratings):
            return Outcome(error=f"Rate each of the {len(questions)} statements from 1 to 5.")
        outcome = self._evaluation.line(item, " ".join(map(str, ratings)))
        return outcome or Outcome(error="The ratings could not be read.")

    @command
    def comment(self, went_well: bool, text: str) -> Outcome:
        """What went well (+) or what to change (-), during an evaluation item."""
        text = " ".join(text.split())
        if not self.asked().questions:
            return Outcome(error="Comments on the meeting are collected during the evaluation.")
        if not text or len(text) > MAX_TEXT:
            return Outcome(error=f"Write a comment of at most {MAX_TEXT} characters.")
        outcome = self._evaluation.line(self.ctx.current_item(), ("+ " if went_well else "- ") + text)
        return outcome or Outcome(error="The comment could not be read.")

    @command
    def hand(self, person_id: int) -> Outcome:
        """A named participant joins the speaker queue."""
        person = next((p for p in self.ctx.roster if p.id == person_id), None)
        if person is None:
            return Outcome(error="Pick your name first: the queue needs to know whom to call.")
        return self._floor.hand(Hand(str(self.ctx.numbered_roster().index(person) + 1)))


class RoomControl(Part):
    """`/room`: the screen opens or closes the room (a web server is the front-end's to run)."""

    def request(self, command: RoomRequest) -> Outcome:
        if self.store.readonly:
            return Outcome(error="A read-only seat cannot open the room; the facilitator's seat can.")
        return Outcome(room=command.action)
