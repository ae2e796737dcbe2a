"""A meeting's room: who may post (a secret token in the link, then a device cookie), what
they may post now (the current item's activity), and the limits that keep one phone from
flooding the meeting. Devices live in memory only, for as long as the room is open: nothing
stored in the database names a device, and an idea is never linked to one."""

from __future__ import annotations

import asyncio
import hmac
import secrets
import time
from collections import deque
from collections.abc import Callable
from functools import partial
from itertools import count
from typing import Any

import msgspec

from facilitator.parts.outcome import Outcome
from facilitator.session.meeting import MeetingSession
from facilitator.session.participants import Asked
from facilitator.session.view import MeetingView
from facilitator.words import N_

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L to misread from a projector
RATE = (10, 30.0)
"""At most 10 submissions from one device in 30 seconds."""
MAX_DEVICES = 300
CODE_TRIES = 10
"""Join codes one address may try in a minute."""


CHOICES: dict[str, tuple[tuple[str, str], ...]] = {
    "majority vote": (("for", "For"), ("against", "Against"), ("abstain", "Abstain")),
    "consent": (("for", "I consent"), ("stand", "I stand aside"), ("block", "I block")),
    "fist-to-five": tuple((str(n), f"{n} – " + ("block", "serious concerns", "concerns to discuss", "can live with it",
                                                 "support", "fully support")[n]) for n in range(6)),
}
"""What a phone may answer, by method (`DecisionMethod` values), with the words on its buttons."""


class Device(msgspec.Struct, kw_only=True):
    id: str
    csrf: str
    number: int
    """Shown to the facilitator ("phone 3"), to remove one that should not be there."""
    person_id: int | None = None
    name: str | None = None
    recent: deque[float] = msgspec.field(default_factory=deque)
    dots: dict[int, list[int]] = msgspec.field(default_factory=dict)
    """The dots this phone placed, by item: a new vote replaces them. Memory only."""
    voted: set[int] = msgspec.field(default_factory=set)
    """The ballots this phone has voted on (never what it voted)."""
    kept: dict[str, str] = msgspec.field(default_factory=dict)
    """What this phone sent that was refused, by form, to fill in again: nothing typed is lost."""
    kept_dots: tuple[int, list[int]] | None = None
    """The dots it tried to place (item, idea numbers) when they were refused."""


class Ballot(msgspec.Struct, kw_only=True):
    """A vote on a proposal from phones: counts only, never who chose what."""

    id: int
    proposal: str
    method: str
    counts: dict[str, int]
    open: bool = True

    @property
    def voted(self) -> int:
        return sum(self.counts.values())

    def tally(self) -> dict[str, object]:
        """The counts as the decision form's fields (votes_for..., fist)."""
        c = self.counts
        if self.method == "fist-to-five":
            return {"fist": [c[str(n)] for n in range(6)]}
        if self.method == "consent":
            return {"votes_for": c["for"], "stand_asides": c["stand"], "blocks": c["block"]}
        return {"votes_for": c["for"], "votes_against": c["against"], "votes_abstain": c["abstain"]}

    def added_to(self, typed: dict[str, Any]) -> dict[str, Any]:
        """A decision's fields with this ballot's counts added to the ones typed (paper and
        proxy votes, or a show of hands): one tally, saying how many came from phones."""
        fields = dict(typed)
        for key, value in self.tally().items():
            if key == "fist":
                assert isinstance(value, list)
                fist = fields.get("fist") or [0] * 6
                fields["fist"] = [a + b for a, b in zip(fist, value, strict=True)]
            else:
                assert isinstance(value, int)
                fields[key] = (fields.get(key) or 0) + value
        if self.voted:
            fields["phone_votes"] = self.voted
        return fields

    def words(self) -> str:
        labels = dict(CHOICES[self.method])
        return " · ".join(f"{labels[key].split(' – ')[0]}: {n}" for key, n in self.counts.items())


class Refused(Exception):
    """A request the room turns away, with the words the phone shows."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


class Room:
    """One open room. `session` is the room's own seat on the meeting (so the note-taker's /undo
    never takes back a phone's idea); `changed` tells the live screen what came in (the outcome
    of a write, or None when a phone joined or voted) so that it can show it."""

    def __init__(
        self, session: MeetingSession, changed: Callable[[Outcome | None], object] = lambda outcome: None, *,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.session = session
        self.changed = changed
        self.token = secrets.token_urlsafe(16)  # 128 bits
        self.code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))
        self.open = True
        self.devices: dict[str, Device] = {}
        self.submissions = 0
        self.ballot: Ballot | None = None
        self._clock = clock
        self._numbers = count(1)
        self._moved = asyncio.Event()
        self._states: dict[int | None, str] = {}
        self._code_tries: dict[str, deque[float]] = {}
        self._asked: dict[int | None, Asked] = {}

    # Telling pages that something changed ------------------------------------

    def bump(self) -> None:
        """The meeting changed (here, or on the facilitator's screen): wake the pages' live updates."""
        self._states.clear()
        self._asked.clear()
        moved, self._moved = self._moved, asyncio.Event()
        moved.set()

    async def moved(self, timeout: float) -> None:
        """Wait for the next change, or `timeout` seconds (a live page's keep-alive)."""
        try:
            await asyncio.wait_for(self._moved.wait(), timeout)
        except TimeoutError:
            pass

    def state(self, device: Device | None) -> str:
        """What a page shows, in one short string: when it changes, the page is out of date.
        Worked out once per change and per person, however many phones are listening."""
        person_id = device.person_id if device else None
        state = self._states.get(person_id)
        if state is None:
            asked = self.asked(person_id)
            clock = self.session.ctx.clock()
            ballot = self.ballot.id if self.ballot and self.ballot.open else 0
            state = f"{asked.item_id}:{asked.phase}:{asked.turn}:{ballot}:{clock.status.name}:{clock.current.box_seconds:.0f}"
            self._states[person_id] = state
        return state

    def view(self) -> MeetingView:
        """The meeting as the facilitator's screen shows it, for the projector and screen-reader pages."""
        self.session.ctx.load()
        return self.session.view()

    # Who is asking -------------------------------------------------------

    def check_token(self, token: str) -> None:
        if not self.open:
            raise Refused(N_("This room is closed. Ask the facilitator for the new link."), 410)
        if not hmac.compare_digest(token.encode(), self.token.encode()):
            raise Refused(N_("This link is not (or no longer) the room's. Scan the code on the screen again."), 404)

    def by_code(self, code: str, source: str) -> bool:
        """Whether `code`, typed on the room's front page, is the join code; each address gets
        a few tries a minute, so the code cannot be guessed."""
        if not self.open:
            raise Refused(N_("This room is closed. Ask the facilitator for the new link."), 410)
        now = self._clock()
        tries = self._code_tries.setdefault(source, deque())
        while tries and now - tries[0] > 60:
            tries.popleft()
        if len(tries) >= CODE_TRIES:
            raise Refused(N_("That was a lot at once: wait a few seconds, then send again."), 429)
        tries.append(now)
        typed = "".join(code.split()).upper()
        return hmac.compare_digest(typed.encode(), self.code.encode())

    def join(self, person_id: int | None) -> Device:
        """A new device, named after a roster person or anonymous."""
        if len(self.devices) >= MAX_DEVICES:
            raise Refused(N_("The room is full."), 503)
        person = next((p for p in self.session.roster if p.id == person_id), None) if person_id is not None else None
        device = Device(id=secrets.token_urlsafe(16), csrf=secrets.token_urlsafe(16), number=next(self._numbers),
                        person_id=person.id if person else None, name=person.name if person else None)
        self.devices[device.id] = device
        self.changed(None)
        return device

    def device(self, device_id: str | None) -> Device | None:
        return self.devices.get(device_id or "")

    def remove(self, number: int) -> Device | None:
        """The facilitator takes a device out of the room: its cookie no longer works."""
        device = next((d for d in self.devices.values() if d.number == number), None)
        if device is not None:
            del self.devices[device.id]
            self.bump()
        return device

    def close(self) -> None:
        """No more phones: their links stop working; a vote still open is closed unrecorded
        (its counts stay in the database)."""
        if self.ballot is not None:
            self.end_vote()
        self.open = False
        self.devices.clear()
        self.bump()

    # A vote from phones --------------------------------------------------------

    def call_vote(self, proposal: str, method: str) -> Ballot | None:
        """Ask the phones to vote on `proposal`; returns the ballot it sets aside, if one was open.
        The ballot is stored at once, and each vote as it comes in (counts only)."""
        before = self.end_vote() if self.ballot is not None else None
        choices = [key for key, _ in CHOICES[method]]
        ctx = self.session.ctx
        opened: list[int] = []

        def store() -> Outcome:
            opened.append(self.session.store.ballots.open(ctx.meeting_id, ctx.current_item().id, proposal, method, choices, at=ctx.now()))
            return Outcome(message="A vote is open.")

        outcome = self._saved(store, counted=False)
        if not outcome.ok:
            raise Refused(outcome.error or "The vote could not be stored.", 503)
        self.ballot = Ballot(id=opened[0], proposal=proposal, method=method, counts=dict.fromkeys(choices, 0))
        self.bump()
        return before

    def end_vote(self, decision_id: int | None = None) -> Ballot | None:
        """The decision is recorded (as `decision_id`), or the vote is closed unrecorded: phones
        can no longer vote on it."""
        ballot, self.ballot = self.ballot, None
        if ballot is not None:
            ballot.open = False
            closed_as = "recorded" if decision_id is not None else "closed"
            self._saved(lambda: self._close(ballot.id, closed_as, decision_id), counted=False)
            self.bump()
        return ballot

    def interrupted(self) -> list[Ballot]:
        """Votes left open when the app stopped (a crash, a closed laptop): closed now, since
        no phone can prove it has not voted yet, and returned so their counts can be read out."""
        ballots = [Ballot(id=row["id"], proposal=row["proposal"], method=row["method"], counts=row["counts"], open=False)
                   for row in self.session.store.ballots.still_open(self.session.ctx.meeting_id)]
        for ballot in ballots:
            self._saved(partial(self._close, ballot.id, "interrupted", None), counted=False)
        return ballots

    def _close(self, ballot_id: int, closed_as: str, decision_id: int | None) -> Outcome:
        self.session.store.ballots.close(ballot_id, closed_as, at=self.session.ctx.now(), decision_id=decision_id)
        return Outcome(message="The vote is closed.")

    def vote(self, device: Device, csrf: str, ballot_id: int, choice: str) -> Outcome:
        self._allowed(device, csrf)
        ballot = self.ballot
        if ballot is None or not ballot.open or ballot.id != ballot_id:
            return Outcome(error=N_("That vote is closed."))
        if ballot.id in device.voted:
            return Outcome(error=N_("This phone has already voted on this proposal."))
        if choice not in ballot.counts:
            return Outcome(error=N_("Choose one of the answers."))
        counted: list[dict[str, int]] = []

        def store() -> Outcome:
            counts = self.session.store.ballots.cast(ballot.id, choice)
            if counts is None:
                return Outcome(error=N_("That vote is closed."))
            counted.append(counts)
            return Outcome(message="A vote is counted.")

        outcome = self._saved(store, counted=False)
        if outcome.ok:
            device.voted.add(ballot.id)
            ballot.counts = counted[0]
            self.submissions += 1
            self.changed(None)
        return outcome

    def _allowed(self, device: Device, csrf: str) -> None:
        if not hmac.compare_digest(csrf.encode(), device.csrf.encode()):
            raise Refused(N_("This form has expired: go back, reload the page, and send it again."), 403)
        now = self._clock()
        limit, window = RATE
        while device.recent and now - device.recent[0] > window:
            device.recent.popleft()
        if len(device.recent) >= limit:
            raise Refused(N_("That was a lot at once: wait a few seconds, then send again."), 429)
        device.recent.append(now)

    # What they may do ----------------------------------------------------

    def asked(self, person_id: int | None = None, *, fresh: bool = False) -> Asked:
        """What the current item asks of a phone: read once per change of the meeting (`bump`),
        however many phones load their page; `fresh` to read what a write is checked against."""
        asked = None if fresh else self._asked.get(person_id)
        if asked is None:
            self.session.ctx.load()  # the live seat moves the meeting on, on the same connection
            asked = self._asked[person_id] = self.session.participants.asked(person_id)
        return asked

    def idea(self, device: Device, csrf: str, text: str) -> Outcome:
        self._allowed(device, csrf)
        return self._saved(lambda: self.session.participants.idea(text))

    def rate(self, device: Device, csrf: str, ratings: list[int]) -> Outcome:
        self._allowed(device, csrf)
        return self._saved(lambda: self.session.participants.rate(ratings))

    def comment(self, device: Device, csrf: str, went_well: bool, text: str) -> Outcome:
        self._allowed(device, csrf)
        return self._saved(lambda: self.session.participants.comment(went_well, text))

    def dots(self, device: Device, csrf: str, numbers: list[int]) -> Outcome:
        self._allowed(device, csrf)
        item_id = self.asked(fresh=True).item_id
        outcome = self._saved(lambda: self.session.participants.dots(device.person_id, numbers, device.dots.get(item_id, [])))
        if outcome.ok and outcome.saved is not None:
            device.dots[item_id] = list(outcome.saved.placed)
        return outcome

    def checkin(self, device: Device, csrf: str, text: str) -> Outcome:
        self._allowed(device, csrf)
        if device.person_id is None:
            return Outcome(error=N_("Join with your name to answer the check-in."))
        return self._saved(lambda: self.session.participants.checkin(device.person_id or 0, text))

    def hand(self, device: Device, csrf: str) -> Outcome:
        self._allowed(device, csrf)
        if device.person_id is None:
            return Outcome(error=N_("To raise your hand, join with your name (the queue calls people by name)."))
        return self._saved(lambda: self.session.participants.hand(device.person_id or 0))

    def _saved(self, write: Callable[[], Outcome], *, counted: bool = True) -> Outcome:
        """`write` as one transaction on the room's seat (what the capture bar's commands do);
        `counted`: a phone's submission, shown on the facilitator's screen."""
        self.session.ctx.load()
        outcome = write() if counted else self.session.ctx.run(write)
        if outcome.ok and counted:
            self.submissions += 1
            self.changed(outcome)
            self.bump()
        return outcome
