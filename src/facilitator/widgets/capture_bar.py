"""The capture bar: one input line, always a keystroke away.

Enter and the live screen's hotkeys are handled here, in the order the keys
arrive. Textual would otherwise run them when the key has bubbled up to the
screen, after characters typed later were already inserted: a fast typist's
next note would land in the old one, or be cleared with it.

A line the screen refuses stays in the bar, selected: the next key typed replaces it (so it is
never glued to the next note), an arrow key keeps it to fix, and Up brings it back later.
Ctrl+Up starts picking an earlier capture in the notes (Up, Down, Enter to correct it, Delete
to strike it, Escape to stop); any other key stops picking and is typed as usual.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping

from textual import events
from textual.geometry import Size
from textual.widgets import Input
from textual.widgets.input import Selection

from facilitator.completion import complete
from facilitator.widgets.ordered_input import OrderedInput

PICK_KEYS = ("up", "down", "enter", "delete", "escape")


class CaptureBar(OrderedInput):
    """Plain text and Enter saves a note; a leading slash runs a command.

    Tab completes command names and roster names; Up and Down recall earlier lines.
    """

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
        hotkeys: Mapping[str, Callable[[], Awaitable[None]]],
        roster: Callable[[], list[str]],
        *,
        on_pick: Callable[[str], None] | None = None,
        cursor_blink: bool = True,
    ) -> None:
        super().__init__(
            placeholder="Type a note and press Enter · /next /back /end … (F1 lists all)",
            select_on_focus=False,
            id="capture",
        )
        self._on_line = on_line
        self._hotkeys = hotkeys
        self._roster = roster
        self.cursor_blink = cursor_blink
        self.history: list[str] = []
        self._recall: int | None = None  # index into history while Up/Down browse it
        self._draft = ""  # what was typed before browsing began
        self._on_pick = on_pick
        self.picking = False

    async def _on_key(self, event: events.Key) -> None:
        if self._on_pick is not None and (event.key == "ctrl+up" or (self.picking and event.key in PICK_KEYS)):
            event.stop()
            event.prevent_default()
            self.picking = event.key != "escape"
            self._on_pick("start" if event.key == "ctrl+up" else event.key)
            return
        if self.picking:  # any other key: stop picking, and the key does what it always does
            self.picking = False
            self._on_pick("escape")  # type: ignore[misc]
        if event.key in ("enter", "tab", "up", "down"):
            event.stop()
            event.prevent_default()
            {"enter": self._submit, "tab": self._complete, "up": self._older, "down": self._newer}[event.key]()
            return
        if event.key in self._hotkeys:
            event.stop()
            event.prevent_default()
            await self._hotkeys[event.key]()
        # Other keys: Textual goes on to Input's own handler, which types the character.

    def _watch_value(self, value: str) -> None:
        # Input's virtual width grows with its text, and setting it re-lays-out the whole screen
        # on every keystroke. The bar's box never changes size, so the width is set quietly:
        # scrolling within the bar still uses it, and nothing else needs a layout.
        self.set_reactive(Input.virtual_size, Size(self.content_width, 1))
        super()._watch_value(value)

    def _submit(self) -> None:
        line = self.value
        saved = self._on_line(line)
        if line.strip() and (not self.history or self.history[-1] != line):
            self.history.append(line)
        self._recall = None
        if saved:
            self.clear()
        elif self.value == line:  # refused: keep it, selected, so the next key typed replaces it
            self.selection = Selection(0, len(line))

    def put(self, text: str) -> None:
        """Put `text` in the bar to edit, cursor at its end (what `/edit N` does)."""
        self._recall = None
        self._show(text)

    def _complete(self) -> None:
        filled = complete(self.value, self._roster())
        if filled is not None:
            self.value = filled
            self.cursor_position = len(filled)

    def _older(self) -> None:
        if not self.history:
            return
        if self._recall is None:
            self._draft, self._recall = self.value, len(self.history)
        self._recall = max(0, self._recall - 1)
        self._show(self.history[self._recall])

    def _newer(self) -> None:
        if self._recall is None:
            return
        self._recall += 1
        if self._recall >= len(self.history):
            self._recall = None
            self._show(self._draft)
        else:
            self._show(self.history[self._recall])

    def _show(self, text: str) -> None:
        self.value = text
        self.cursor_position = len(text)

    def _on_paste(self, event: events.Paste) -> None:
        # Input keeps only a paste's first line; a note-taker's paste must lose nothing, so the
        # whole text goes in, line breaks and all, and is saved exactly as pasted.
        if event.text:
            text = event.text.replace("\r\n", "\n").replace("\r", "\n")
            if self.selection.is_empty:
                self.insert_text_at_cursor(text)
            else:  # a paste over a refused line replaces it, as typing does
                self.replace(text, *sorted(self.selection))
        event.stop()
        event.prevent_default()  # or Input's handler would insert the first line again
