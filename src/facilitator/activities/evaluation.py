"""End-of-meeting evaluation: what went well, what to change, and 1-5 ratings."""

from __future__ import annotations

import re

import msgspec

from facilitator.models import EvaluationEntry

DEFAULT_QUESTIONS = (
    "Everyone had a chance to speak",
    "We used our time well",
    "Next steps are clear",
)
HELP = "Type + what went well, - what to change, or one person's ratings 1-5 in order, e.g. 5 4 4."


class Line(msgspec.Struct, frozen=True):
    kind: str  # well, change, rating
    text: str | None = None
    ratings: list[int] | None = None


def parse_line(line: str, questions: int) -> Line | str | None:
    """A line typed in an evaluation item; None means an ordinary note, a str is an error."""
    text = line.strip()
    if text[:1] == "+":
        return Line("well", text[1:].strip()) if text[1:].strip() else "Say what went well after the +."
    if text[:1] in ("-", "Δ"):
        return Line("change", text[1:].strip()) if text[1:].strip() else "Say what to change after the -."
    if re.fullmatch(r"[\d\s,]+", text):
        numbers = [int(n) for n in re.findall(r"\d+", text)]
        if len(numbers) != questions or any(not 1 <= n <= 5 for n in numbers):
            return f"Give {questions} ratings from 1 to 5, one per question, e.g. {' '.join(['4'] * questions)}."
        return Line("rating", ratings=numbers)
    return None


def averages(entries: list[EvaluationEntry], questions: int) -> list[float | None]:
    """The mean rating per question, rounded to one decimal; None where nobody rated."""
    sums, counts = [0] * questions, [0] * questions
    for entry in entries:
        for i, value in enumerate((entry.ratings or [])[:questions]):
            sums[i] += value
            counts[i] += 1
    return [round(s / c, 1) if c else None for s, c in zip(sums, counts, strict=True)]
