"""The room's link as a QR code made of text: two modules per character cell (▀ ▄ █), to be
drawn black on white whatever the terminal's colours, with a quiet zone; small enough to sit
beside the link on an 80×24 terminal."""

from __future__ import annotations

import segno

HALVES = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


def qr_lines(text: str) -> list[str]:
    """`text` as QR code rows; a character's upper half is one module, its lower half the next."""
    code = segno.make(text, error="l", micro=False)  # a screen is not a crumpled flyer: the smallest code
    rows = [[bool(module) for module in row] for row in code.matrix_iter(scale=1, border=2)]
    if len(rows) % 2:
        rows.append([False] * len(rows[0]))
    return ["".join(HALVES[top, bottom] for top, bottom in zip(rows[n], rows[n + 1], strict=True)) for n in range(0, len(rows), 2)]
