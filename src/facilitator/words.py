"""Small rules of English the app's sentences share: "1 dot", "2 dots", "an action"."""

from __future__ import annotations


def plural(count: int, noun: str, many: str | None = None) -> str:
    """`1 dot`, `2 dots`, `0 dots`; `many` where adding an s is wrong (`1 person`, `2 people`)."""
    return f"{count} {noun if count == 1 else many or noun + 's'}"


def article(noun: str) -> str:
    """`an action`, `a decision`, `a parked item`."""
    return ("an " if noun[:1].lower() in "aeiou" else "a ") + noun


def N_(message: str) -> str:
    """Marks a message the room's phone pages translate when they show it (`room/i18n.py`)."""
    return message
