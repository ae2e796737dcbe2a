"""The current item's captures: one line-rendered view, not a widget per note.

Captures are wrapped to the view's width as plain text (cheap), and only the lines on
screen are turned into segments, in `render_line`. Loading 800 notes costs a few
milliseconds, appending one costs microseconds, and a resize re-wraps in one pass.

Each capture shows its number on the item (what `/edit N` and `/strike N` take); a corrected
one is marked, a struck one is dimmed and struck through. One capture can be selected, to
correct or strike it from the keyboard (Ctrl+Up in the capture bar).
"""

from __future__ import annotations

from datetime import tzinfo

import msgspec
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from facilitator.parts.outcome import Capture
from facilitator.text import printable, wrap_cells

NUMBER_WIDTH = 4  # "123 "
STAMP_WIDTH = NUMBER_WIDTH + 7  # "123 HH:MM  "
DIM = Style(dim=True)
BOLD = Style(bold=True)
STRUCK = Style(dim=True, strike=True)
SELECTED = Style(reverse=True)


class Shown(msgspec.Struct, frozen=True):
    """One capture as the view draws it (all text already printable)."""

    number: int | None
    stamp: str
    label: str
    text: str
    struck: bool
    corrected: bool

    @property
    def gutter(self) -> str:
        return (f"{self.number:>3} " if self.number is not None else " " * NUMBER_WIDTH) + self.stamp


class NotesView(ScrollView, can_focus=False):
    DEFAULT_CSS = """
    NotesView {
        height: 1fr;
        scrollbar-gutter: stable;  /* the width notes wrap to does not change when a scroll bar appears */
        border: round $primary-darken-2;
        border-title-color: $text-muted;
        background: $surface;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._entries: list[Shown] = []
        self._lines: list[tuple[int, int, str]] = []  # (entry index, line number within it, text)
        self._width = 0
        self._base = Style()  # the view's own style, found once a frame (see render_lines)
        self.selected: int | None = None
        """Index of the selected capture, while one is being picked."""

    # Content -----------------------------------------------------------

    def show(self, captures: list[Capture], tz: tzinfo | None) -> None:
        self._entries = [self._entry(capture, tz) for capture in captures]
        self.selected = None
        if self._width:  # before the first resize the width is unknown; on_resize wraps then
            self._rewrap()
            self.call_after_refresh(self._to_end)  # after the layout that the new height needs

    def add(self, capture: Capture, tz: tzinfo | None) -> None:
        at_end = self.selected is None or self.scroll_offset.y >= self.max_scroll_y
        self._entries.append(self._entry(capture, tz))
        self._lines.extend(self._wrap(len(self._entries) - 1))
        self._grow_virtual()
        if at_end:
            self._to_end()
        self.refresh()

    def _to_end(self) -> None:
        """Show the newest line. When only lines were added the view's size is settled and the
        new virtual height already set, so this works within the same frame."""
        self.scroll_to(y=max(0, len(self._lines) - self.scrollable_content_region.height), animate=False, immediate=True, force=True)

    def shows(self, number: int | None) -> bool:
        """Whether capture `number` is already in the view (a later version of it replaces it)."""
        return number is not None and any(entry.number == number for entry in self._entries)

    def lines_text(self) -> list[str]:
        """Every line as shown (number, stamp and label included), for tests and screen readers."""
        return [self._plain(line) for line in self._lines]

    @staticmethod
    def _entry(capture: Capture, tz: tzinfo | None) -> Shown:
        label = f"{capture.label.upper()}: " if capture.label else ""
        text = printable(capture.text) + (" (corrected)" if capture.corrected else "") + (" (struck)" if capture.struck else "")
        return Shown(capture.number, capture.at.astimezone(tz).strftime("%H:%M  "), label, text, capture.struck, capture.corrected)

    # Picking a capture -------------------------------------------------

    def pick(self, step: int) -> int | None:
        """Select the capture `step` away from the selected one (the newest, to start with);
        returns its number."""
        numbered = [index for index, entry in enumerate(self._entries) if entry.number is not None]
        if not numbered:
            return None
        if self.selected not in numbered:
            self.selected = numbered[-1]
        else:
            place = max(0, min(len(numbered) - 1, numbered.index(self.selected) + step))
            self.selected = numbered[place]
        first = next(row for row, line in enumerate(self._lines) if line[0] == self.selected)
        if not self.scroll_offset.y <= first < self.scroll_offset.y + self.scrollable_content_region.height:
            self.scroll_to(y=max(0, first - self.scrollable_content_region.height // 2), animate=False, immediate=True, force=True)
        self.refresh()
        return self._entries[self.selected].number

    @property
    def selected_number(self) -> int | None:
        return self._entries[self.selected].number if self.selected is not None else None

    def unpick(self) -> None:
        if self.selected is not None:
            self.selected = None
            self.refresh()

    # Wrapping ----------------------------------------------------------

    def _text_width(self) -> int:
        return max(10, self._width - STAMP_WIDTH)

    def _wrap(self, index: int) -> list[tuple[int, int, str]]:
        entry = self._entries[index]
        return [(index, n, piece) for n, piece in enumerate(wrap_cells(entry.label + entry.text, self._text_width()))]

    def _rewrap(self) -> None:
        self._lines = [line for index in range(len(self._entries)) for line in self._wrap(index)]
        self._resize_virtual()
        self.refresh()

    def _resize_virtual(self) -> None:
        self.virtual_size = Size(self._width, len(self._lines))

    def _grow_virtual(self) -> None:
        """Lines were added. Setting `virtual_size` lays out the whole screen again, which costs
        more than the frame that shows the new note; once the scroll bar is there, its room is
        kept (scrollbar-gutter: stable) and nothing else moves, so only the bar is updated."""
        size = Size(self._width, len(self._lines))
        if not self.show_vertical_scrollbar:
            self.virtual_size = size  # the bar may appear: let Textual lay it out
            return
        self.set_reactive(ScrollView.virtual_size, size)
        self._scroll_update(size)  # Textual's own step after a size change: the bar's thumb follows

    def on_resize(self) -> None:
        width = self.scrollable_content_region.width
        if width and width != self._width:
            self._width = width
            self._rewrap()
            self._to_end()
        elif self.selected is None:
            # Shorter, because the panel above grew (ideas from phones, a new decision): the
            # newest note stays in sight, as it does when a note is added.
            self._to_end()

    # Drawing -----------------------------------------------------------

    def _plain(self, line: tuple[int, int, str]) -> str:
        index, number, text = line
        gutter = self._entries[index].gutter if number == 0 else " " * STAMP_WIDTH
        return gutter + text

    def render_lines(self, crop: Region) -> list[Strip]:
        # Textual works the style out by walking every ancestor; once a frame is enough.
        self._base = self.rich_style
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self._base
        row = y + self.scroll_offset.y
        if row >= len(self._lines):
            return Strip.blank(width, base)
        index, number, text = self._lines[row]
        entry = self._entries[index]
        if index == self.selected:
            base = base + SELECTED
        body = base + STRUCK if entry.struck else base
        segments = [Segment(entry.gutter if number == 0 else " " * STAMP_WIDTH, base + DIM)]
        if number == 0 and entry.label and text.startswith(entry.label):
            segments += [Segment(entry.label, body + BOLD), Segment(text[len(entry.label):], body)]
        else:
            segments.append(Segment(text, body))
        return Strip(segments).adjust_cell_length(width, base)
