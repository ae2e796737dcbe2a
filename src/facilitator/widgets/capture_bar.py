"""The capture bar: one input line, always a keystroke away.

Enter and the live screen's hotkeys are handled here, in the order the keys
arrive. Textual would otherwise run them when the key has bubbled up to the
screen, after characters typed later were already inserted: a fast typist's
next note would land in the old one, or be cleared with it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from textual import events
from textual.suggester import SuggestFromList
from textual.widgets import Input

from facilitator.capture import command_names


class CaptureBar(Input):
    """Plain text and Enter saves a note; a leading slash runs a command."""

    DEFAULT_CSS = """
    CaptureBar {
        border: tall $accent;
    }
    CaptureBar.-error {
        border: tall $error;
    }
    """

    def __init__(
        self,
        on_line: Callable[[str], bool],
        hotkeys: Mapping[str, Callable[[], object]],
        *,
        cursor_blink: bool = True,
    ) -> None:
        super().__init__(
            placeholder="Type a note and press Enter · /next /back /end … (F1 lists all)",
            suggester=SuggestFromList([f"/{name}" for name in command_names()], case_sensitive=False),
            select_on_focus=False,
            id="capture",
        )
        self._on_line = on_line
        self._hotkeys = hotkeys
        self.cursor_blink = cursor_blink

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            if self._on_line(self.value):
                self.clear()
            return
        if event.key in self._hotkeys:
            event.stop()
            event.prevent_default()
            self._hotkeys[event.key]()
            return
        await super()._on_key(event)

    def _on_paste(self, event: events.Paste) -> None:
        # Input keeps only a paste's first line; a note-taker's paste must lose nothing.
        if event.text:
            self.insert_text_at_cursor(" ".join(event.text.splitlines()))
        event.stop()
