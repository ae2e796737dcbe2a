"""Decisions in this item, under the quorum as it stands."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text

from facilitator.activities.decisions import DecisionsView
from facilitator.parts.outcome import decision_capture
from facilitator.text import printable


def render(view: DecisionsView, now: datetime) -> Text:
    text = Text(f"{view.quorum}\n", style="bold")
    for decision in view.decisions:
        text.append(f"• {printable(decision_capture(decision).text)}\n")
    text.append("F5 records a decision with its method, tally and rationale; /decide works anywhere.", style="italic")
    return text
