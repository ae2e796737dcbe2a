"""What applying a capture-bar line produced: shared by the session and its activity mixin."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from facilitator.clock import FlowKind
from facilitator.models import Decision, NextStep


@dataclass(frozen=True)
class Capture:
    """One line of the current item's log, whatever kind of record it came from."""

    at: datetime
    label: str
    text: str


@dataclass(frozen=True)
class Outcome:
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
