"""The capture bar's commands as values: what a typed line means, before it is run.

`facilitator.capture` reads a line into one of these; the session part named in the command's
declaration (`capture.COMMANDS`) runs it.
"""

from __future__ import annotations

from datetime import date

import msgspec

from facilitator.clock import FlowKind
from facilitator.models import ItemKind


class Note(msgspec.Struct, frozen=True):
    """Plain text: a note on the current agenda item (an idea, in a brainwriting item)."""

    text: str


class Idea(msgspec.Struct, frozen=True):
    text: str


class Park(msgspec.Struct, frozen=True):
    """Something to come back to: the parking lot."""

    text: str


class Decide(msgspec.Struct, frozen=True):
    """`/decide`: the proposal and what was said of it; the fields are named as `Decision`'s."""

    text: str
    outcome: str | None = None
    votes_for: int | None = None
    votes_against: int | None = None
    votes_abstain: int | None = None
    method: str | None = None
    stand_asides: int | None = None
    blocks: int | None = None
    review_date: date | None = None
    adopts: str | None = None
    """The workshop document this decision adopts, as typed after `adopts:` (a kind, or kind/title)."""


class Action(msgspec.Struct, frozen=True):
    """A next step; `owner` as typed after @, matched to the roster later."""

    text: str
    owner: str | None = None
    due: date | None = None
    status: str | None = None
    """open, done or dropped: given when correcting one (`/edit 4 ... status:done`)."""
    owner_at: int | None = None
    """How many words of `text` came before the @owner: the words after it may finish a name
    typed with its spaces (`@José Muñoz`), which the roster decides."""


class Draft(msgspec.Struct, frozen=True):
    """`/draft [ORGANISATION /] [PART:] TEXT`: one part of the workshop document the item works on."""

    text: str


class RoomRequest(msgspec.Struct, frozen=True):
    """`/room`, `/room network`, `/room close`: phones join the meeting, or no longer; `/vote
    METHOD PROPOSAL` asks the phones to vote (action `vote`), `/vote` alone shows the count,
    `/vote close` ends it without recording a decision (action `end-vote`)."""

    action: str
    proposal: str = ""
    method: str = ""


class PlainNote(msgspec.Struct, frozen=True):
    """`/note TEXT`: an ordinary note whatever the item (not a check-in answer, idea or action)."""

    text: str


class Edit(msgspec.Struct, frozen=True):
    """`/edit N` puts capture N back in the bar; `/edit N TEXT` stores TEXT as its correction.
    `/edit 6.3` is capture 3 of agenda item 6 (the current item's otherwise)."""

    number: int
    text: str | None = None
    item: int | None = None


class Strike(msgspec.Struct, frozen=True):
    number: int
    item: int | None = None


class Restore(msgspec.Struct, frozen=True):
    number: int
    item: int | None = None


class Undo(msgspec.Struct, frozen=True):
    """Take back the last thing this seat saved."""


class Attribute(msgspec.Struct, frozen=True):
    """`/attribute on`: notes taken while someone has the floor carry their name."""

    on: bool


class Speak(msgspec.Struct, frozen=True):
    name: str


class Hand(msgspec.Struct, frozen=True):
    name: str


class QueueMode(msgspec.Struct, frozen=True):
    mode: str


class Attend(msgspec.Struct, frozen=True):
    """`/late NAME` or `/left NAME`."""

    name: str
    status: str


class Flow(msgspec.Struct, frozen=True):
    """A meeting-flow command such as `/next` or `/extend 5`."""

    kind: FlowKind
    number: int | None = None


class AddItem(msgspec.Struct, frozen=True):
    title: str
    minutes: int
    kind: ItemKind = ItemKind.DISCUSSION


class MoveItem(msgspec.Struct, frozen=True):
    number: int
    to: int


class RetimeItem(msgspec.Struct, frozen=True):
    number: int
    minutes: int


class Question(msgspec.Struct, frozen=True):
    """`/question` alone rotates the saved questions; with text it saves and asks that one."""

    text: str | None = None


class RenameTheme(msgspec.Struct, frozen=True):
    old: str
    new: str


class ReviewMark(msgspec.Struct, frozen=True):
    """`/done 2`, `/carry 2`, ...: what this meeting does with review item 2."""

    verb: str
    number: int
    on: date | None = None
    """`/done 2 2026-03-20`: when it was done (the meeting's date when not said)."""


class CaptureError(msgspec.Struct, frozen=True):
    """Why a line could not be understood; the bar keeps the text."""

    message: str


Command = (
    Note | Idea | Park | Decide | Action | Speak | Attend | Flow | AddItem | MoveItem | RetimeItem
    | Question | RenameTheme | ReviewMark | Hand | QueueMode | PlainNote | Edit | Strike | Restore | Undo | Attribute
    | Draft | RoomRequest | CaptureError
)
