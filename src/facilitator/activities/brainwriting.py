"""Brainwriting: its phases, and the short lines a note-taker types to group ideas and count dots."""

from __future__ import annotations

import re

import msgspec

from facilitator.models import Idea

PHASES = ("write", "group", "vote", "results")
PHASE_HELP = {
    "write": "Silent writing: type each idea and press Enter. F5 moves on to grouping.",
    "group": "Grouping: type idea numbers and a theme, e.g. 3 5 7: Transport. /theme Old = New renames or merges.",
    "vote": "Dot voting: type a name and the ideas they dot, e.g. Amara: 3 3 5. F5 shows the results.",
    "results": "Results: ideas ranked by dots; what is said now is noted as usual. F6 goes back to voting.",
}

_GROUPING = re.compile(r"^\s*((?:\d+[\s,]*)+):\s*(.+?)\s*$")
_VOTES = re.compile(r"^\s*([^:\d][^:]*?)\s*:?\s+((?:\d+[\s,]*)+)$")


class Grouping(msgspec.Struct, frozen=True):
    numbers: list[int]
    theme: str


class Votes(msgspec.Struct, frozen=True):
    name: str
    numbers: list[int]


def _numbers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", text)]


def parse_grouping(line: str) -> Grouping | None:
    """`3 5 7: Transport` puts ideas 3, 5 and 7 in the theme Transport."""
    found = _GROUPING.match(line)
    return Grouping(_numbers(found.group(1)), " ".join(found.group(2).split())) if found else None


def parse_votes(line: str) -> Votes | None:
    """`Amara: 3 3 5` (or `Amara 3 3 5`) gives Amara's dots: two on idea 3, one on idea 5."""
    found = _VOTES.match(line)
    return Votes(" ".join(found.group(1).split()), _numbers(found.group(2))) if found else None


def check_numbers(numbers: list[int], ideas: list[Idea]) -> str | None:
    unknown = sorted({n for n in numbers if not 1 <= n <= len(ideas)})
    if unknown:
        return f"There is no idea {', '.join(map(str, unknown))}; ideas are numbered 1 to {len(ideas)}."
    return None


def check_budget(name: str, numbers: list[int], budget: int) -> str | None:
    if len(numbers) > budget:
        return f"{name} has {budget} dots; that line places {len(numbers)}. Nothing was recorded."
    return None


def ranked(ideas: list[Idea]) -> list[Idea]:
    """Most dots first; ties keep the order the ideas were written."""
    return sorted(ideas, key=lambda idea: (-idea.dots, idea.number))


def next_phase(phase: str | None, step: int = 1) -> str:
    index = PHASES.index(phase or "write") + step
    return PHASES[max(0, min(index, len(PHASES) - 1))]
