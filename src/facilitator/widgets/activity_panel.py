"""The current item's activity, drawn as text from its view struct: the check-in round,
brainwriting ideas and dots, decisions with quorum, next steps and the review list, evaluation
averages. Each activity's renderer is in `facilitator.widgets.panels`."""

from __future__ import annotations

import re
from datetime import datetime

from textual.widgets import Static

from facilitator.session.view import MeetingView
from facilitator.widgets.panels import renderer


class ActivityPanel(Static):
    """Hidden for items with no activity of their own (presentations, discussions, breaks)."""

    DEFAULT_CSS = """
    ActivityPanel {
        height: auto;
        max-height: 45%;
        padding: 0 1;
        border: round $secondary;
        border-title-color: $text-muted;
        overflow-y: auto;
    }
    ActivityPanel.-empty {
        display: none;
    }
    """

    _shape = ""

    def show(self, view: MeetingView, now: datetime) -> None:
        """Draw the current item's activity as at `now` (a check-in speaker's countdown moves
        with it; nothing is read again)."""
        self.set_class(view.activity is None, "-empty")
        if view.activity is None or view.activity_name is None:
            return
        body = renderer(view.activity_name)(view.activity, now)
        self.border_title = view.activity.title
        # Re-lay-out the screen only when more than figures changed: the check-in countdown
        # redraws every second while someone types, and never changes the panel's height.
        shape = re.sub(r"\d", "0", body.plain)
        changed = shape != self._shape
        self.update(body, layout=changed)
        self._shape = shape
        if changed:
            self.call_after_refresh(scroll_to_focus, self, body.plain)


def scroll_to_focus(panel: Static, plain: str) -> None:
    """Keep what matters now in sight in a panel longer than its box: the line of whoever has
    the floor (marked ▶), or else the newest line."""
    lines = plain.split("\n")
    focus = next((n for n, line in enumerate(lines) if line.lstrip().startswith("▶")), len(lines) - 1)
    panel.scroll_to(y=max(0, focus - panel.scrollable_content_region.height // 2), animate=False)
