"""A workshop document as drafted so far: the item's own part marked ▶, parts not drafted yet dim."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text

from facilitator.activities.document import DocumentView
from facilitator.text import printable


def render(view: DocumentView, now: datetime) -> Text:
    text = Text()
    for label, drafted, own in view.parts:
        text.append("▶ " if own else "  ", style="bold")
        text.append(f"{printable(label)}: ", style="bold" if drafted else "dim")
        text.append(printable(drafted) if drafted is not None else "not drafted yet", style="" if drafted else "dim italic")
        text.append("\n")
    text.append(printable(view.hint), style="italic")
    return text
