"""The current item's activity, drawn as text from its view struct: the check-in round,
brainwriting ideas and dots, decisions with quorum, next steps and the review list, evaluation
averages. Each activity's renderer is in `facilitator.widgets.panels`.

The text is a Static as tall as it needs; the box around it (`ActivityBox`) has the border, at
most 45% of the screen, and scrolls, keeping the current speaker or the newest line in sight.
"""

from __future__ import annotations

import re
from datetime import datetime

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from facilitator.session.view import MeetingView
from facilitator.widgets.panels import renderer


class ActivityPanel(Static):
    """The text; its box is hidden for items with no activity of their own (a discussion, a break)."""

    DEFAULT_CSS = """
    ActivityPanel {
        height: auto;
        padding: 0 1;
    }
    """

    _shape = ""

    def show(self, view: MeetingView, now: datetime) -> None:
        """Draw the current item's activity as at `now` (a check-in speaker's countdown moves
        with it; nothing is read again)."""
        box = self.parent
        assert isinstance(box, Widget)
        box.set_class(view.activity is None, "-empty")
        if view.activity is None or view.activity_name is None:
            return
        body = renderer(view.activity_name)(view.activity, now)
        box.border_title = view.activity.title
        # Re-lay-out the screen only when more than figures changed: the check-in countdown
        # redraws every second while someone types, and never changes the panel's height.
        shape = re.sub(r"\d", "0", body.plain)
        changed = shape != self._shape
        self.update(body, layout=changed)
        self._shape = shape
        if changed:
            self.call_after_refresh(scroll_to_focus, box, body.plain)


class ActivityBox(VerticalScroll):
    DEFAULT_CSS = """
    ActivityBox {
        height: auto;
        max-height: 45%;
        border: round $secondary;
        border-title-color: $text-muted;
    }
    ActivityBox.-empty {
        display: none;
    }
    """

    def compose(self) -> ComposeResult:
        yield ActivityPanel(id="activity")


def scroll_to_focus(box: Widget, plain: str) -> None:
    """Keep what matters now in sight in a box shorter than its text: the line of whoever has
    the floor (marked ▶), or else the newest line."""
    lines = plain.split("\n")
    focus = next((n for n, line in enumerate(lines) if line.lstrip().startswith("▶")), len(lines) - 1)
    # `force`: before the layout has drawn a scroll bar, a plain scroll_to is refused.
    box.scroll_to(y=max(0, focus - box.scrollable_content_region.height // 2), animate=False, force=True)
