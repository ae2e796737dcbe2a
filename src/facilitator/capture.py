"""The capture bar's grammar: one typed line in, one command (or a clear error) out.

Pure and total: `parse` never raises on any text. It returns a command, or a
`CaptureError` whose message is shown while the typed text stays in the bar.
Names after `@`, `/speak`, `/late` and `/left` are kept as typed; the session
matches them against the roster. What a line means is a value of `facilitator.parsed`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import msgspec

from facilitator.clock import FlowKind
from facilitator.dates import parse_done, parse_due
from facilitator.models import ItemKind
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

OUTCOMES = ("adopted", "rejected", "deferred", "amended")
METHODS = {"consensus": "consensus", "consent": "consent", "majority": "majority vote", "vote": "majority vote",
           "fist": "fist-to-five", "fist-to-five": "fist-to-five", "other": "other"}
MAX_MINUTES = 600

_OUTCOME = re.compile(r"(?<!\S)outcome:(\S*)", re.IGNORECASE)
_VOTES = re.compile(r"(?<!\S)(for|against|abstain|stand|block)=(\S*)", re.IGNORECASE)
_METHOD = re.compile(r"(?<!\S)method:(\S*)", re.IGNORECASE)
_REVIEW = re.compile(r"(?<!\S)review:(\S*)", re.IGNORECASE)
_ADOPTS = re.compile(r"(?<!\S)adopts:(\S*)", re.IGNORECASE)
_OWNER = re.compile(r"(?<!\S)@(\S*)")
_DUE = re.compile(r"(?<!\S)due:(\S*)", re.IGNORECASE)
_STATUS = re.compile(r"(?<!\S)status:(\S*)", re.IGNORECASE)
STATUSES = ("open", "done", "dropped")
_OPTION = re.compile(r"(?<!\S)(min|kind):(\S*)", re.IGNORECASE)


def _whole(text: str, what: str, usage: str, low: int = 1, high: int = MAX_MINUTES) -> int | CaptureError:
    if text.isascii() and text.isdigit() and low <= int(text) <= high:
        return int(text)
    return CaptureError(f"{usage}: {what} must be a whole number from {low} to {high} (got {text!r}).")


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def _squeeze_lines(text: str) -> str:
    """Spaces squeezed within each line; the line breaks of a pasted proposal kept."""
    lines = [_squeeze(line) for line in text.replace("\r\n", "\n").split("\n")]
    return "\n".join(line for line in lines if line)


Reader = Callable[["CommandSpec", str, date], "Command"]
"""Reads what follows a command's name."""


def _text_only(make: Callable[[str], Command]) -> Reader:
    def handler(spec: CommandSpec, rest: str, today: date) -> Command:
        if not rest:
            return CaptureError(f"{spec.usage}: there is nothing to save after /{spec.name}.")
        return make(rest)

    return handler


def _no_argument(kind: FlowKind) -> Reader:
    def handler(spec: CommandSpec, rest: str, today: date) -> Command:
        if rest:
            return CaptureError(f"{spec.usage} takes nothing after it (got {rest!r}).")
        return Flow(kind)

    return handler


def _no_argument_as(command: Command) -> Reader:
    def handler(spec: CommandSpec, rest: str, today: date) -> Command:
        if rest:
            return CaptureError(f"{spec.usage} takes nothing after it (got {rest!r}).")
        return command

    return handler


def _capture_ref(text: str, usage: str) -> tuple[int, int | None] | CaptureError:
    """`3` (capture 3 of the current item) or `6.3` (capture 3 of agenda item 6)."""
    item, dot, number = text.rpartition(".")
    whole = _whole(number, "the capture number", usage, high=1_000_000)
    if isinstance(whole, CaptureError):
        return whole
    if not dot:
        return whole, None
    position = _whole(item, "the item number (before the dot)", usage, high=1_000)
    return position if isinstance(position, CaptureError) else (whole, position)


def _numbered(make: Callable[[int, int | None], Command]) -> Reader:
    def handler(spec: CommandSpec, rest: str, today: date) -> Command:
        if not rest:
            return CaptureError(f"{spec.usage}: say which capture, by the number beside it in the notes.")
        ref = _capture_ref(rest, spec.usage)
        return ref if isinstance(ref, CaptureError) else make(*ref)

    return handler


def _one_number(kind: FlowKind, what: str, optional: bool = False) -> Reader:
    def handler(spec: CommandSpec, rest: str, today: date) -> Command:
        if not rest:
            if optional:
                return Flow(kind)
            return CaptureError(f"{spec.usage}: say the {what}, e.g. /{spec.name} 3.")
        number = _whole(rest, what, spec.usage)
        return number if isinstance(number, CaptureError) else Flow(kind, number)

    return handler


def _name(make: Callable[[str], Command]) -> Reader:
    def handler(spec: CommandSpec, rest: str, today: date) -> Command:
        if not rest:
            return CaptureError(f"{spec.usage}: whose name? Tab completes names from the roster.")
        return make(_squeeze(rest))

    return handler


def _room(spec: CommandSpec, rest: str, today: date) -> Command:
    action = {"": "open", "open": "open", "local": "open", "network": "network", "wifi": "network", "close": "close", "off": "close"}
    if rest.lower() not in action:
        return CaptureError("/room opens the room on this laptop; /room network opens it to the room's Wi-Fi; /room close ends it.")
    return RoomRequest(action[rest.lower()])


def _vote(spec: CommandSpec, rest: str, today: date) -> Command:
    if not rest:
        return RoomRequest("vote")
    if rest.lower() in ("close", "end", "stop"):
        return RoomRequest("end-vote")
    first, _, proposal = rest.partition(" ")
    method = {"majority": "majority vote", "vote": "majority vote", "consent": "consent", "fist": "fist-to-five",
              "fist-to-five": "fist-to-five"}.get(first.lower())
    if method is None:
        method, proposal = "majority vote", rest
    proposal = " ".join(proposal.split())
    if not proposal:
        return CaptureError("/vote [majority|consent|fist] PROPOSAL: write the proposal phones vote on.")
    return RoomRequest("vote", proposal=proposal, method=method)


def _queue(spec: CommandSpec, rest: str, today: date) -> Command:
    mode = rest.lower()
    if mode in ("first", "first-come", "fifo"):
        return QueueMode("first-come")
    if mode in ("progressive", "prog", "least"):
        return QueueMode("progressive")
    return CaptureError("/queue first (hands in the order raised) or /queue progressive (who spoke least goes first).")


def _decide(spec: CommandSpec, rest: str, today: date) -> Command:
    options: dict[str, str] = {}
    for pattern, name in ((_OUTCOME, "outcome"), (_METHOD, "method"), (_REVIEW, "review"), (_ADOPTS, "adopts")):
        found = pattern.findall(rest)
        if len(found) > 1:
            return CaptureError(f"/decide: give {name}: once only.")
        if found:
            options[name] = found[0]
    outcome = options.get("outcome")
    if outcome is not None:
        if outcome.lower() not in OUTCOMES:
            return CaptureError(f"/decide: outcome:{outcome} is not one of {', '.join(OUTCOMES)}.")
        outcome = outcome.lower()
    method = options.get("method")
    if method is not None:
        if method.lower() not in METHODS:
            return CaptureError(f"/decide: method:{method} is not one of consensus, consent, majority, fist, other.")
        method = METHODS[method.lower()]
    review: date | None = None
    if "review" in options:
        when = parse_due(options["review"], today, "review")
        if isinstance(when, str):
            return CaptureError(when)
        review = when
    votes: dict[str, int] = {}
    for name, value in _VOTES.findall(rest):
        name = name.lower()
        if name in votes:
            return CaptureError(f"/decide: {name}= is given twice.")
        number = _whole(value, f"{name}=", "/decide", low=0, high=100_000)
        if isinstance(number, CaptureError):
            return number
        votes[name] = number
    adopts = options.get("adopts")
    if adopts is not None and not adopts:
        return CaptureError("/decide: name the document after adopts:, e.g. adopts:problem_statement (Tab completes it).")
    text = rest
    for pattern in (_VOTES, _OUTCOME, _METHOD, _REVIEW, _ADOPTS):
        text = pattern.sub("", text)
    text = _squeeze_lines(text)
    if not text:
        return CaptureError("/decide: what was decided? Write the proposal before the outcome and votes.")
    return Decide(
        text, outcome, votes.get("for"), votes.get("against"), votes.get("abstain"),
        method, votes.get("stand"), votes.get("block"), review, adopts,
    )


def _action(spec: CommandSpec, rest: str, today: date) -> Command:
    owners = _OWNER.findall(rest)
    if len(owners) > 1:
        return CaptureError("/action: one owner per action; add a second action for the other person.")
    if owners and not owners[0]:
        return CaptureError("/action: write the owner's name right after @, e.g. @Amara.")
    dues = _DUE.findall(rest)
    if len(dues) > 1:
        return CaptureError("/action: give one due date only.")
    due: date | None = None
    if dues:
        when = parse_due(dues[0], today)
        if isinstance(when, str):
            return CaptureError(when)
        due = when
    statuses = _STATUS.findall(rest)
    status = None
    if statuses:
        status = statuses[-1].lower()
        if len(statuses) > 1 or status not in STATUSES:
            return CaptureError(f"/action: status: is one of {', '.join(STATUSES)}, once.")
    def words(part: str) -> str:
        return _squeeze(_STATUS.sub("", _DUE.sub("", _OWNER.sub("", part))))

    text = words(rest)
    if not text:
        return CaptureError("/action: what is the action? e.g. /action send the data @Luis due:friday")
    at = _OWNER.search(rest)
    return Action(text, owners[0] if owners else None, due, status, len(words(rest[: at.start()]).split()) if at else None)


def _add(spec: CommandSpec, rest: str, today: date) -> Command:
    minutes, kind = 10, ItemKind.DISCUSSION
    for name, value in _OPTION.findall(rest):
        if name.lower() == "min":
            number = _whole(value, "min:", "/add")
            if isinstance(number, CaptureError):
                return number
            minutes = number
        else:
            try:
                kind = ItemKind(value.lower())
            except ValueError:
                return CaptureError(f"/add: kind:{value} is not one of {', '.join(k.value for k in ItemKind)}.")
    title = _squeeze(_OPTION.sub("", rest))
    if not title:
        return CaptureError("/add: the new item needs a title, e.g. /add Budget update min:10")
    return AddItem(title, minutes, kind)


def _two_numbers(make: Callable[[int, int], Command], first: str, second: str, high: int = MAX_MINUTES) -> Reader:
    def handler(spec: CommandSpec, rest: str, today: date) -> Command:
        parts = rest.split()
        if len(parts) != 2:
            return CaptureError(f"{spec.usage}: give the {first} and the {second}, e.g. /{spec.name} 4 2.")
        a = _whole(parts[0], first, spec.usage)
        if isinstance(a, CaptureError):
            return a
        b = _whole(parts[1], second, spec.usage, high=high)
        return b if isinstance(b, CaptureError) else make(a, b)

    return handler


def _edit(spec: CommandSpec, rest: str, today: date) -> Command:
    number, _, text = rest.partition(" ")
    if not number:
        return CaptureError("/edit N: say which capture, by the number beside it in the notes, e.g. /edit 3.")
    ref = _capture_ref(number, spec.usage)
    if isinstance(ref, CaptureError):
        return ref
    return Edit(ref[0], text if text.strip() else None, ref[1])


def _attribute(spec: CommandSpec, rest: str, today: date) -> Command:
    word = rest.lower()
    if word in ("on", "yes"):
        return Attribute(True)
    if word in ("off", "no"):
        return Attribute(False)
    return CaptureError("/attribute on (notes carry the name of whoever has the floor) or /attribute off.")


def _question(spec: CommandSpec, rest: str, today: date) -> Command:
    return Question(_squeeze(rest) or None)


def _theme(spec: CommandSpec, rest: str, today: date) -> Command:
    old, sep, new = rest.partition("=")
    if not sep or not old.strip() or not new.strip():
        return CaptureError("/theme OLD = NEW: name the theme and its new name (an existing name merges them).")
    return RenameTheme(_squeeze(old), _squeeze(new))


def _review(verb: str) -> Reader:
    def handler(spec: CommandSpec, rest: str, today: date) -> Command:
        if not rest:
            return CaptureError(f"{spec.usage}: say which review item, e.g. /{verb} 2.")
        first, _, when = rest.partition(" ")
        number = _whole(first, "review item", spec.usage, high=10_000)
        if isinstance(number, CaptureError):
            return number
        if not when.strip():
            return ReviewMark(verb, number)
        if verb != "done":
            return CaptureError(f"{spec.usage} takes the review item's number only (got {rest!r}).")
        on = parse_done(when, today)
        return CaptureError(f"/done: {on}") if isinstance(on, str) else ReviewMark(verb, number, on)

    return handler


# The commands ------------------------------------------------------------
# Each declared once: its name and aliases, usage and help (F1, completion), and how the rest of
# the line is read into a value of `facilitator.parsed`. What runs that value is the session's
# (`MeetingSession.run`, one case per kind of value, checked by mypy).


class CommandSpec(msgspec.Struct, frozen=True):
    name: str
    aliases: tuple[str, ...]
    usage: str
    help: str
    read: Reader
    takes_name: bool = False
    """Tab completes roster names after it."""


COMMANDS: tuple[CommandSpec, ...] = (
    CommandSpec("idea", ("i",), "/idea TEXT", "a brainwriting idea (anonymous)", _text_only(Idea)),
    CommandSpec(
        "decide", ("d",),
        "/decide TEXT [outcome:adopted] [method:consent] [for=7 against=1 abstain=2] [stand=1 block=0] [review:DATE] [adopts:DOCUMENT]",
        "record a decision; adopts:problem_statement adopts that document as drafted (F5 in a decision item opens the full form)", _decide,
    ),
    CommandSpec("action", ("a",), "/action TEXT @owner due:DATE", "a next step; DATE is ISO, a weekday, +3d or +2w", _action),
    CommandSpec("park", ("p",), "/park TEXT", "put something in the parking lot", _text_only(Park)),
    CommandSpec("speak", ("s",), "/speak NAME", "NAME has the floor now", _name(Speak), takes_name=True),
    CommandSpec(
        "hand", ("h",), "/hand NAME", "NAME raises a hand: joins the speaker queue (Ctrl+Y calls the next)",
        _name(Hand), takes_name=True,
    ),
    CommandSpec("queue", (), "/queue first|progressive", "first-come queue, or those who spoke least go first", _queue),
    CommandSpec("late", (), "/late NAME", "NAME arrived late (now)", _name(lambda name: Attend(name, "late")), takes_name=True),
    CommandSpec("left", (), "/left NAME", "NAME left early (now)", _name(lambda name: Attend(name, "left early")), takes_name=True),
    CommandSpec("start", (), "/start", "start the meeting clock", _no_argument(FlowKind.START)),
    CommandSpec("next", ("n",), "/next", "move to the next agenda item", _no_argument(FlowKind.NEXT)),
    CommandSpec("back", ("b",), "/back", "go back to the previous item", _no_argument(FlowKind.BACK)),
    CommandSpec("goto", ("g",), "/goto N", "jump to agenda item N", _one_number(FlowKind.GOTO, "item number")),
    CommandSpec("pause", (), "/pause", "pause the clock", _no_argument(FlowKind.PAUSE)),
    CommandSpec("resume", (), "/resume", "resume the clock", _no_argument(FlowKind.RESUME)),
    CommandSpec("extend", ("x",), "/extend MIN", "give the current item MIN more minutes from now", _one_number(FlowKind.EXTEND, "minutes")),
    CommandSpec("skip", (), "/skip [N]", "skip item N (default: the current one)", _one_number(FlowKind.SKIP, "item number", optional=True)),
    CommandSpec("add", (), "/add TITLE [min:10] [kind:discussion]", "add an item after the current one", _add),
    CommandSpec("move", (), "/move N M", "move upcoming item N to place M", _two_numbers(MoveItem, "item number", "new place")),
    CommandSpec(
        "retime", ("time",), "/retime N MIN", "change item N's time box to MIN minutes",
        _two_numbers(RetimeItem, "item number", "minutes"),
    ),
    CommandSpec(
        "question", ("q",), "/question [TEXT]", "check-in: the series' next saved question, or save and ask TEXT",
        _question,
    ),
    CommandSpec("theme", (), "/theme OLD = NEW", "brainwriting: rename a theme, or merge it into NEW", _theme),
    CommandSpec("done", (), "/done N [DATE]", "review: action N is done (on DATE, default today); decision N reviewed", _review("done")),
    CommandSpec("carry", (), "/carry N", "review: carry action N over", _review("carry")),
    CommandSpec("drop", (), "/drop N", "review: drop action or parked item N", _review("drop")),
    CommandSpec("agenda", (), "/agenda N", "review: move parked item N onto this agenda", _review("agenda")),
    CommandSpec("keep", (), "/keep N", "review: keep parked item or decision N for later", _review("keep")),
    CommandSpec("end", (), "/end", "end the meeting (twice, if next steps are still flagged)", _no_argument(FlowKind.END)),
    CommandSpec("draft", (), "/draft [PART:] TEXT", "a part of the workshop document this item works on (from theme NAME: a theme's ideas)", _text_only(Draft)),
    CommandSpec("room", (), "/room [network|close]", "phones join to send ideas, ratings and hands: this laptop only, the room's Wi-Fi, or close it", _room),
    CommandSpec("vote", (), "/vote [majority|consent|fist] PROPOSAL", "phones in the room vote on PROPOSAL (counts only); F5 records the decision with their tally; /vote alone shows the count, /vote close ends it unrecorded", _vote),
    CommandSpec("note", (), "/note TEXT", "an ordinary note, whatever the item (not an answer, idea or action)", _text_only(PlainNote)),
    CommandSpec("here", (), "/here NAME", "NAME is here (present), e.g. after being marked absent by mistake", _name(lambda name: Attend(name, "present")), takes_name=True),
    CommandSpec("undo", (), "/undo", "take back the last thing this seat saved (a note, answer, vote, action...)", _no_argument_as(Undo())),
    CommandSpec(
        "edit", (), "/edit N [TEXT]",
        "capture N back in the bar to correct; with TEXT, save TEXT as its correction (6.3: capture 3 of item 6)", _edit,
    ),
    CommandSpec(
        "strike", (), "/strike N", "strike capture N from the record (kept in the trail; /restore N brings it back; 6.3: of item 6)",
        _numbered(Strike),
    ),
    CommandSpec("restore", (), "/restore N", "bring back capture N after a strike (6.3: capture 3 of item 6)", _numbered(Restore)),
    CommandSpec("attribute", (), "/attribute on|off", "notes taken while someone has the floor carry their name", _attribute),
)
_BY_NAME = {name: spec for spec in COMMANDS for name in (spec.name, *spec.aliases)}


def spec_named(word: str) -> CommandSpec | None:
    """The command a name or alias (any case) stands for."""
    return _BY_NAME.get(word.lower())


def command_names() -> list[str]:
    """Every command name and alias."""
    return sorted(_BY_NAME)


def parse(line: str, today: date) -> Command:
    """Understand one line typed into the capture bar; `today` anchors relative dates. Never
    raises: a line it cannot read is a `CaptureError`."""
    text = line.strip()
    if not text:
        return CaptureError("Nothing to save: type a note, or / for a command.")
    if not text.startswith("/") or text.startswith("//"):
        # A note keeps its leading spaces (an indented paste); a leading "//" escapes the slash.
        note = line.rstrip()
        if text.startswith("//"):
            note = note.replace("/", "", 1)
        return Note(note)
    word, _, rest = text[1:].partition(" ")
    spec = _BY_NAME.get(word.lower())
    if spec is None:
        return CaptureError(f"Unknown command /{word}. F1 lists the commands; start with // to note a leading slash.")
    return spec.read(spec, rest.strip(), today)
