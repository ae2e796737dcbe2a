"""A review item: what earlier meetings left open, with what this meeting has marked so far."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text

from facilitator.activities.next_steps import ReviewView
from facilitator.text import printable


def render(view: ReviewView, now: datetime) -> Text:
    text = Text()
    if not view.review:
        text.append("Nothing is open from earlier meetings of this series.", style="italic")
        return text
    for entry in view.review:
        outcome = f" → {entry.outcome}" if entry.outcome else ""
        text.append(f"{entry.number:>3}. {entry.subject}: {printable(entry.text)} ({printable(entry.detail)}){outcome}\n",
                    style="dim" if entry.outcome else "")
    text.append("F4 marks them one key at a time; or /done N, /carry N, /drop N, /agenda N, /keep N.", style="italic")
    return text
