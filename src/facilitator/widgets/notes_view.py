"""The current item's captures: one line-rendered log, not a widget per note."""

from __future__ import annotations

from datetime import tzinfo

from rich.text import Text
from textual.events import Resize
from textual.widgets import RichLog

from facilitator.session import Capture
from facilitator.text import printable


class NotesView(RichLog):
    """Wraps notes to its width and re-wraps them when the terminal is resized."""

    DEFAULT_CSS = """
    NotesView {
        height: 1fr;
        border: round $primary-darken-2;
        border-title-color: $text-muted;
        background: $surface;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, wrap=True, markup=False, highlight=False, min_width=10, auto_scroll=True)
        self._lines: list[Text] = []
        self._width = 0

    def show(self, captures: list[Capture], tz: tzinfo | None) -> None:
        self.clear()
        self._lines = []
        for capture in captures:
            self.add(capture, tz)

    def add(self, capture: Capture, tz: tzinfo | None) -> None:
        line = Text(capture.at.astimezone(tz).strftime("%H:%M  "), style="dim")
        if capture.label:
            line.append(f"{capture.label.upper()}: ", style="bold")
        line.append(printable(capture.text))
        self._lines.append(line)
        self.write(line)

    def on_resize(self, event: Resize) -> None:
        super().on_resize(event)
        if self._width and event.size.width != self._width:
            super().clear()
            for line in self._lines:
                self.write(line)
        self._width = event.size.width
