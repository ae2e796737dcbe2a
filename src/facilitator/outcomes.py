"""What applying a capture-bar line produced: shared by the session and its activity mixin."""

from __future__ import annotations

import functools
import sqlite3
import time
from datetime import datetime

import msgspec

from facilitator.clock import FlowKind
from facilitator.models import Decision, NextStep


# How each kind of entry is labelled on screen; a plain note has no label.
ENTRY_LABELS = {"note": "", "idea": "idea", "park": "parked"}


class Capture(msgspec.Struct, frozen=True):
    """One line of the current item's log, whatever kind of record it came from."""

    at: datetime
    label: str
    text: str


class Outcome(msgspec.Struct, frozen=True):
    """What a capture-bar line did: a saved capture, a flow change, or an error to show."""

    error: str | None = None
    message: str | None = None
    capture: Capture | None = None
    flow: FlowKind | None = None
    agenda_changed: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None


def decision_capture(decision: Decision) -> Capture:
    tally = [f"{label} {n}" for label, n in (("for", decision.votes_for), ("against", decision.votes_against), ("abstain", decision.votes_abstain)) if n is not None]
    extra = ", ".join(([decision.outcome] if decision.outcome else []) + tally)
    return Capture(decision.created_at, "decision", decision.text + (f" ({extra})" if extra else ""))


def action_capture(step: NextStep) -> Capture:
    owner = f" → {step.owner_name}" if step.owner_name else " → NO OWNER"
    due = f", due {step.due.isoformat()}" if step.due else ", NO DUE DATE"
    return Capture(step.created_at, "action", step.text + owner + due)


def storage_problem(exc: sqlite3.Error) -> str:
    """What a person should read when a write fails; the text they typed stays in the bar."""
    text = str(exc).lower()
    kept = "Nothing already saved is lost and your text is still in the bar"
    if "full" in text:
        return f"Could not save: the disk is full. {kept}; free some space and press Enter again."
    if "readonly" in text or "read-only" in text:
        return "This seat is read-only (--view): it shows the meeting but cannot change it."
    if "locked" in text or "busy" in text:
        return f"The other seat is busy saving. {kept}; press Enter again in a moment."
    return f"Could not save ({exc}). {kept}."


def guarded(method):
    """Run a write; retry while another seat holds the database, and turn storage failures into
    a message instead of a traceback."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        for attempt in range(4):
            try:
                return method(self, *args, **kwargs)
            except sqlite3.OperationalError as exc:
                busy = "locked" in str(exc).lower() or "busy" in str(exc).lower()
                if busy and attempt < 3:
                    time.sleep(0.05 * (attempt + 1))
                    continue
                return Outcome(error=storage_problem(exc))
            except sqlite3.DatabaseError as exc:
                return Outcome(error=storage_problem(exc))
        raise AssertionError("unreachable")

    return wrapper
