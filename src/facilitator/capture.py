"""The capture bar's grammar: one typed line in, one command (or a clear error) out.

Pure and total: `parse` never raises on any text; it returns a `Note`, a
`Flow` command, or a `CaptureError` whose message is shown while the typed
text stays in the bar.
"""

from __future__ import annotations

from dataclasses import dataclass

from facilitator.clock import FlowKind


@dataclass(frozen=True)
class Note:
    """Plain text: a note on the current agenda item."""

    text: str


@dataclass(frozen=True)
class Flow:
    """A meeting-flow command such as `/next` or `/extend 5`."""

    kind: FlowKind
    number: int | None = None


@dataclass(frozen=True)
class CaptureError:
    """Why a line could not be understood; the bar keeps the text."""

    message: str


Command = Note | Flow | CaptureError


@dataclass(frozen=True)
class CommandSpec:
    name: str
    aliases: tuple[str, ...]
    usage: str
    help: str
    flow: FlowKind
    takes_number: str | None = None  # what the number means, when one is required


COMMANDS: tuple[CommandSpec, ...] = (
    CommandSpec("start", (), "/start", "start the meeting clock", FlowKind.START),
    CommandSpec("next", ("n",), "/next", "move to the next agenda item", FlowKind.NEXT),
    CommandSpec("back", ("b",), "/back", "go back to the previous item", FlowKind.BACK),
    CommandSpec("goto", ("g",), "/goto N", "jump to agenda item N", FlowKind.GOTO, "item number"),
    CommandSpec("pause", (), "/pause", "pause the clock", FlowKind.PAUSE),
    CommandSpec("resume", (), "/resume", "resume the clock", FlowKind.RESUME),
    CommandSpec("extend", ("x",), "/extend MIN", "give the current item MIN more minutes", FlowKind.EXTEND, "minutes"),
    CommandSpec("skip", (), "/skip", "skip the current item and move on", FlowKind.SKIP),
    CommandSpec("end", (), "/end", "end the meeting", FlowKind.END),
)

_BY_NAME = {name: spec for spec in COMMANDS for name in (spec.name, *spec.aliases)}


def command_names() -> list[str]:
    """Every command name and alias, for completion."""
    return sorted(_BY_NAME)


def parse(line: str) -> Command:
    """Understand one line typed into the capture bar."""
    text = line.strip()
    if not text:
        return CaptureError("Nothing to save: type a note, or / for a command.")
    if not text.startswith("/") or text.startswith("//"):
        # A leading "//" escapes the slash, so a note can begin with one.
        return Note(text[1:] if text.startswith("//") else text)
    word, _, rest = text[1:].partition(" ")
    spec = _BY_NAME.get(word.lower())
    if spec is None:
        known = ", ".join(f"/{s.name}" for s in COMMANDS)
        return CaptureError(f"Unknown command /{word}. Known: {known}. Start with // to save a note beginning with /.")
    rest = rest.strip()
    if spec.takes_number is None:
        if rest:
            return CaptureError(f"{spec.usage} takes nothing after it (got {rest!r}).")
        return Flow(spec.flow)
    if not rest:
        return CaptureError(f"{spec.usage}: say the {spec.takes_number}, e.g. /{spec.name} 3.")
    if not rest.isascii() or not rest.isdigit() or int(rest) < 1 or int(rest) > 600:
        return CaptureError(f"{spec.usage}: {spec.takes_number} must be a whole number from 1 to 600 (got {rest!r}).")
    return Flow(spec.flow, int(rest))
