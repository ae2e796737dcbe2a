"""Next steps: what earlier meetings left open (to mark), and this meeting's actions, flagged
when they lack an owner or a date."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text

from facilitator.activities.next_steps import NextStepsView
from facilitator.parts.outcome import action_capture
from facilitator.text import printable


def render(view: NextStepsView, now: datetime) -> Text:
    text = Text()
    if view.review:
        text.append("From earlier meetings (F4 to mark them; or /done N, /carry N, /drop N, /agenda N, /keep N):\n", style="bold")
        for entry in view.review:
            outcome = f" → {entry.outcome}" if entry.outcome else ""
            text.append(f"{entry.number:>3}. {entry.subject}: {printable(entry.text)} ({printable(entry.detail)}){outcome}\n")
    text.append(f"This meeting's next steps: {len(view.steps)}\n", style="bold")
    for step in view.steps:
        line = printable(action_capture(step).text)
        text.append(("⚠ " if step.flagged else "• ") + line + "\n", style="bold" if step.flagged else "")
    text.append("Type: what @owner due:friday, and Enter.", style="italic")
    return text
