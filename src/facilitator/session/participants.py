"""What a participant may add from their own phone (the room, `facilitator.room`): the same
one-transaction writes and the same checks as the capture bar, and only what the current item
asks for. An idea never carries a person: nothing stored with it says who or which device."""

from __future__ import annotations

import msgspec

from facilitator.activities.brainwriting import Brainwriting
from facilitator.activities.checkin import CheckinRound, current_seat, waiting
from facilitator.activities.evaluation import Evaluation, questions_of
from facilitator.activities.voices import Floor
from facilitator.models import ItemKind
from facilitator.parsed import Hand, RoomRequest
from facilitator.parts.context import MeetingContext, Part, command
from facilitator.parts.outcome import Outcome
from facilitator.words import N_

MAX_TEXT = 500
"""Characters a phone may send in one idea or comment."""


class Asked(msgspec.Struct, frozen=True):
    """What the current item asks of a participant, for their page."""

    item: str
    prompt: str
    kind: str
    item_id: int = 0
    phase: str = ""
    """Brainwriting's phase (write, group, vote, results); empty for other items."""
    ideas: bool = False
    """Brainwriting, writing phase: ideas are welcome."""
    dot_on: list[tuple[int, str]] = []
    """Brainwriting, voting phase: the ideas to place dots on, by number."""
    dot_budget: int = 0
    questions: list[str] = []
    """Evaluation: the statements to rate from 1 to 5."""
    turn: str = ""
    """Check-in: `now` when it is this person's turn to answer, `waiting` while others go first."""


class Participants(Part):
    def __init__(
        self, ctx: MeetingContext, brainwriting: Brainwriting, evaluation: Evaluation, floor: Floor, checkin: CheckinRound
    ) -> None:
        super().__init__(ctx)
        self._brainwriting = brainwriting
        self._evaluation = evaluation
        self._floor = floor
        self._checkin = checkin

    def asked(self, person_id: int | None = None) -> Asked:
        """What the current item asks of a phone (named after `person_id`, or anonymous)."""
        item = self.ctx.current_item()
        phase = self._brainwriting.phase(item) if item.kind is ItemKind.BRAINWRITING else ""
        dot_on: list[tuple[int, str]] = []
        if phase == "vote":
            ideas = self.store.brainwriting.ideas(item.id, struck=True)
            dot_on = [(number, idea.text) for number, idea in enumerate(ideas, 1) if not idea.struck]
        turn = ""
        if item.kind is ItemKind.CHECKIN and person_id is not None:
            seats = self._checkin.seats(item)
            speaker = current_seat(seats)
            if speaker is not None and speaker.person.id == person_id:
                turn = "now"
            elif any(seat.person.id == person_id for seat in waiting(seats)):
                turn = "waiting"
        return Asked(
            item=item.title, prompt=item.prompt, kind=item.kind.value, item_id=item.id, phase=phase,
            ideas=phase == "write", dot_on=dot_on, dot_budget=item.dot_budget if dot_on else 0,
            questions=questions_of(item) if item.kind is ItemKind.EVALUATION else [], turn=turn,
        )

    @command
    def idea(self, text: str) -> Outcome:
        """An anonymous idea, during a brainwriting item's writing phase only."""
        text = " ".join(text.split())
        if not self.asked().ideas:
            return Outcome(error=N_("Ideas are collected while a brainwriting item is in its writing phase."))
        if not text:
            return Outcome(error=N_("Write the idea first."))
        if len(text) > MAX_TEXT:
            return Outcome(error=f"An idea is at most {MAX_TEXT} characters; split it in two.")
        return self._brainwriting.add_idea(text, None)

    @command
    def rate(self, ratings: list[int]) -> Outcome:
        """One person's ratings, during an evaluation item."""
        item = self.ctx.current_item()
        questions = self.asked().questions
        if not questions:
            return Outcome(error=N_("Ratings are collected during the evaluation."))
        if len(ratings) != len(questions) or any(not 1 <= r <= 5 for r in ratings):
            return Outcome(error=f"Rate each of the {len(questions)} statements from 1 to 5.")
        outcome = self._evaluation.line(item, " ".join(map(str, ratings)))
        return outcome or Outcome(error="The ratings could not be read.")

    @command
    def comment(self, went_well: bool, text: str) -> Outcome:
        """What went well (+) or what to change (-), during an evaluation item."""
        text = " ".join(text.split())
        if not self.asked().questions:
            return Outcome(error=N_("Comments on the meeting are collected during the evaluation."))
        if not text or len(text) > MAX_TEXT:
            return Outcome(error=f"Write a comment of at most {MAX_TEXT} characters.")
        outcome = self._evaluation.line(self.ctx.current_item(), ("+ " if went_well else "- ") + text)
        return outcome or Outcome(error="The comment could not be read.")

    @command
    def dots(self, person_id: int | None, numbers: list[int], replacing: list[int]) -> Outcome:
        """A phone's dots (all of them, replacing what it placed before), during a vote only."""
        asked = self.asked()
        if not asked.dot_on:
            return Outcome(error=N_("Dots are placed while a brainwriting item is in its voting phase."))
        if len(numbers) > asked.dot_budget:
            return Outcome(error=f"You have {asked.dot_budget} dots and placed {len(numbers)}: take some back, then send again.")
        if not numbers:
            return Outcome(error=N_("Place at least one dot."))
        person = next((p for p in self.ctx.roster if p.id == person_id), None)
        return self._brainwriting.place_dots(self.ctx.current_item(), person, numbers, replacing)

    @command
    def checkin(self, person_id: int, text: str) -> Outcome:
        """A named phone's check-in answer, when it is that person's turn."""
        text = " ".join(text.split())
        if self.asked(person_id).turn != "now":
            return Outcome(error=N_("Your check-in is taken when it is your turn in the round."))
        if not text or len(text) > MAX_TEXT:
            return Outcome(error=f"Write an answer of at most {MAX_TEXT} characters.")
        return self._checkin.answer(text)

    @command
    def hand(self, person_id: int) -> Outcome:
        """A named participant joins the speaker queue."""
        person = next((p for p in self.ctx.roster if p.id == person_id), None)
        if person is None:
            return Outcome(error=N_("Pick your name first: the queue needs to know whom to call."))
        return self._floor.hand(Hand(str(self.ctx.numbered_roster().index(person) + 1)))


class RoomControl(Part):
    """`/room`: the screen opens or closes the room (a web server is the front-end's to run)."""

    def request(self, command: RoomRequest) -> Outcome:
        if self.store.readonly:
            return Outcome(error="A read-only seat cannot open the room; the facilitator's seat can.")
        return Outcome(room=command)
