"""Display helpers for typed text: the store keeps it exact, the screen shows it safely."""

from __future__ import annotations

import re

# C0 controls (but tab), DEL and C1 controls would move the cursor or recolour the terminal; the
# explicit bidirectional controls (embeddings, overrides, isolates) would reorder what follows.
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
BIDI_SHOWN = "\u21c4"
"""How the screen shows an explicit bidirectional control (⇄): one cell for one character."""


def printable(text: str) -> str:
    """Replace control characters with visible stand-ins, one for one (U+2400 block, ⇄ for the
    bidirectional controls, or U+FFFD)."""
    def stand_in(match: re.Match[str]) -> str:
        code = ord(match.group())
        if code < 0x20:
            return chr(0x2400 + code)
        if code >= 0x202A:
            return BIDI_SHOWN
        return "\u2421" if code == 0x7F else "\ufffd"

    return _CONTROL.sub(stand_in, text)


_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
_OPENS_EMBEDDING = "\u202a\u202b\u202d\u202e"  # LRE RLE LRO RLO, closed by PDF (U+202C)
_OPENS_ISOLATE = "\u2066\u2067\u2068"  # LRI RLI FSI, closed by PDI (U+2069)


def isolate(text: str) -> str:
    """Typed text that holds explicit bidirectional controls, made unable to reorder the text
    around it: what it opened is closed at its end, and the whole is one isolate (FSI ... PDI),
    as Unicode's algorithm asks. Text without them is returned as it is."""
    if not _BIDI.search(text):
        return text
    closers: list[str] = []
    for char in text:
        if char in _OPENS_EMBEDDING:
            closers.append("\u202c")
        elif char in _OPENS_ISOLATE:
            closers.append("\u2069")
        elif char == "\u202c" and "\u202c" in closers:
            closers.reverse()
            closers.remove("\u202c")
            closers.reverse()
        elif char == "\u2069" and closers:
            # A PDI closes the innermost open isolate and every embedding opened inside it.
            while closers and closers.pop() != "\u2069":
                pass
    return "\u2068" + text + "".join(reversed(closers)) + "\u2069"


# What no document should carry: C0 controls but tab and newline, DEL, C1 controls, lone surrogates.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def clean(text: str) -> str:
    """Text fit for a document (HTML, DOCX, CSV, iCalendar): unsafe characters become U+FFFD."""
    return _UNSAFE.sub("\ufffd", text)


def wrap_cells(text: str, width: int) -> list[str]:
    """Wrap at spaces to lines of at most `width` terminal cells (wide characters count two);
    a word longer than a line is cut. Always at least one line."""
    from rich.cells import cell_len, chop_cells

    measure = len if text.isascii() else cell_len  # printable ASCII is one cell a character
    if measure(text) <= width:
        return [text]
    lines: list[str] = []
    line, used = "", 0
    for word in text.split(" "):
        size = measure(word)
        gap = 1 if line else 0
        if used + gap + size <= width:
            line, used = f"{line} {word}" if gap else line + word, used + gap + size
            continue
        if line:
            lines.append(line)
        if size <= width:
            line, used = word, size
            continue
        pieces = chop_cells(word, width)
        lines.extend(pieces[:-1])
        line, used = pieces[-1], measure(pieces[-1])
    lines.append(line)
    return lines


def table(head: list[str], rows: list[list[str]], *, right: tuple[int, ...] = ()) -> str:
    """Plain columns, each as wide as its widest cell (nothing is cut), the last one left ragged;
    the `right` columns are right-aligned. Cells must already be printable."""
    from rich.cells import cell_len

    widths = [max(cell_len(cell) for cell in column) for column in zip(head, *rows, strict=True)]
    lines = []
    for row in [head, *rows]:
        cells = []
        for index, cell in enumerate(row):
            if index == len(row) - 1:
                cells.append(cell)
                continue
            pad = " " * (widths[index] - cell_len(cell))
            cells.append(pad + cell if index in right else cell + pad)
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"
