"""What a command produced: a saved capture, a flow change, or a message; and storage failures in words."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import msgspec

from facilitator.clock import FlowKind
from facilitator.models import Decision, NextStep
from facilitator.parsed import RoomRequest

# How each kind of entry is labelled on screen; a plain note has no label.
ENTRY_LABELS = {"note": "", "idea": "idea", "park": "parked", "draft": "draft"}


class Capture(msgspec.Struct, frozen=True):
    """One line of the current item's log, whatever kind of record it came from."""

    at: datetime
    label: str
    text: str
    number: int | None = None
    """Its number on the item (for `/edit N`); given when it is saved."""
    struck: bool = False
    corrected: bool = False


NUMBERED = ("entries", "decisions", "next_steps", "evaluations", "checkin")
"""The kinds of saved thing that are captures with a number on their item."""


class Saved(msgspec.Struct, frozen=True):
    """What a command stored that `/undo` can take back (and, for a capture, what to number)."""

    subject: str
    """entries, decisions, next_steps, evaluations, checkin (an answer), dots (a vote) or attendance (a mark)."""
    row_id: int
    item_id: int | None = None
    origin: int | None = None
    """The capture's identity in its subject: the first version's id; for a check-in, the person."""
    placed: tuple[int, ...] = ()
    """A vote's dots."""
    replaced: tuple[int, ...] = ()
    """The dots that vote replaced."""


class Outcome(msgspec.Struct, frozen=True):
    """What a capture-bar line or a key did: a saved capture, a flow change, or an error to show."""

    error: str | None = None
    message: str | None = None
    capture: Capture | None = None
    flow: FlowKind | None = None
    agenda_changed: bool = False
    busy: bool = False
    """The database was busy with another seat's write: nothing was saved, and the same
    command may simply be tried again in a moment."""
    full: bool = False
    """The disk (or the database's size limit) is full: nothing was saved, and the same command
    may be tried again once space is freed."""
    saved: Saved | None = None
    fill: str | None = None
    """Text for the capture bar, to edit and send again (`/edit N` puts the line there)."""
    recount: bool = False
    """Captures already shown changed (a correction): the notes view reads them again."""
    undid: Saved | None = None
    """What `/undo` took back: no longer this seat's to take back."""
    room: RoomRequest | None = None
    """`/room` or `/vote`: what the screen, which runs the room's web server, is asked to do."""

    @property
    def ok(self) -> bool:
        return self.error is None


def decision_capture(decision: Decision) -> Capture:
    tally = [
        f"{label} {n}"
        for label, n in (("for", decision.votes_for), ("against", decision.votes_against), ("abstain", decision.votes_abstain))
        if n is not None
    ]
    extra = ", ".join(([decision.outcome] if decision.outcome else []) + tally)
    return Capture(decision.created_at, "decision", decision.text + (f" ({extra})" if extra else ""))


def action_capture(step: NextStep) -> Capture:
    owner = f" → {step.owner_name}" if step.owner_name else " → NO OWNER"
    due = f", due {step.due.isoformat()}" if step.due else ", NO DUE DATE"
    status = f" ({step.status})" if step.status != "open" else ""
    return Capture(step.created_at, "action", step.text + owner + due + status)


def is_busy(exc: sqlite3.Error) -> bool:
    """Another connection holds the write lock (SQLITE_BUSY), or a table is locked (SQLITE_LOCKED)."""
    text = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def is_full(exc: sqlite3.Error) -> bool:
    """SQLITE_FULL: "database or disk is full"."""
    return isinstance(exc, sqlite3.OperationalError) and "full" in str(exc).lower()


def storage_problem(exc: sqlite3.Error) -> str:
    """What a person should read when a write fails; the text they typed stays in the bar."""
    text = str(exc).lower()
    kept = "Nothing already saved is lost and your text is still in the bar"
    if "full" in text:
        return f"Could not save: the disk is full. {kept}; free some space and press Enter again."
    if "readonly" in text or "read-only" in text:
        return "This seat is read-only (--view): it shows the meeting but cannot change it."
    if is_busy(exc):
        return f"The other seat is busy saving. {kept}; press Enter again in a moment."
    return f"Could not save ({exc}). {kept}."
