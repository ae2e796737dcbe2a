"""Small rules of English the app's sentences share: "1 dot", "2 dots", "an action", and a
decision's tally in words."""

from __future__ import annotations

from typing import Protocol


def plural(count: int, noun: str, many: str | None = None) -> str:
    """`1 dot`, `2 dots`, `0 dots`; `many` where adding an s is wrong (`1 person`, `2 people`)."""
    return f"{count} {noun if count == 1 else many or noun + 's'}"


def article(noun: str) -> str:
    """`an action`, `a decision`, `a parked item`."""
    return ("an " if noun[:1].lower() in "aeiou" else "a ") + noun


def N_(message: str) -> str:
    """Marks a message the room's phone pages translate when they show it (`room/i18n.py`)."""
    return message


class Counted(Protocol):
    """A decision's counts, as the store keeps them and the minutes publish them."""

    @property
    def votes_for(self) -> int | None: ...
    @property
    def votes_against(self) -> int | None: ...
    @property
    def votes_abstain(self) -> int | None: ...
    @property
    def stand_asides(self) -> int | None: ...
    @property
    def blocks(self) -> int | None: ...
    @property
    def fist(self) -> list[int] | None: ...
    @property
    def remote_votes(self) -> int | None: ...
    @property
    def remote_note(self) -> str | None: ...
    @property
    def phone_votes(self) -> int | None: ...


def tally(decision: Counted) -> str:
    """Every count recorded for a decision, in words."""
    counts = (
        ("for", decision.votes_for), ("against", decision.votes_against), ("abstain", decision.votes_abstain),
        ("stand-asides", decision.stand_asides), ("blocks", decision.blocks),
    )
    parts = [f"{label} {n}" for label, n in counts if n is not None]
    if decision.fist:
        parts.append("fist-to-five " + ", ".join(f"{n}×{fingers}" for fingers, n in enumerate(decision.fist) if n))
    if decision.remote_votes:
        parts.append(f"{decision.remote_votes} cast remotely" + (f" ({decision.remote_note})" if decision.remote_note else ""))
    if decision.phone_votes:
        counted = sum(n or 0 for _, n in counts) + sum(decision.fist or [])
        of = f" of {counted}" if counted > decision.phone_votes else ""
        parts.append(f"{decision.phone_votes}{of} by phone in the room")
    return ", ".join(parts)
