"""End-of-meeting evaluation: what went well, what to change, and 1-5 ratings, with the trend
over the series' recent meetings."""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

import msgspec

from facilitator.activities.base import Activity, ActivityView
from facilitator.models import AgendaItem, EvaluationEntry, ItemKind
from facilitator.parts.outcome import Outcome, Saved

if TYPE_CHECKING:
    from facilitator.store import Store

DEFAULT_QUESTIONS = (
    "Everyone had a chance to speak",
    "We used our time well",
    "Next steps are clear",
)
HELP = "Type + what went well, - what to change, or one person's ratings 1-5 in order, e.g. 5 4 4."
_SAID = {"well": "Went well", "change": "To change", "rating": "Ratings"}
EVALUATION_LABELS = {kind: said.lower() for kind, said in _SAID.items()}
"""How each kind of evaluation line is labelled in the notes view."""


def evaluation_text(entry: EvaluationEntry) -> str:
    """An evaluation line as typed: the comment, or the ratings."""
    return entry.text if entry.text is not None else " ".join(map(str, entry.ratings or []))



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


def questions_of(item: AgendaItem) -> list[str]:
    return item.questions or list(DEFAULT_QUESTIONS)


class EvaluationView(ActivityView, frozen=True):
    questions: list[str]
    trend: list[tuple[str, list[float | None]]]
    """(meeting, averages per question), earlier meetings first, this one last."""
    rated: int
    went_well: int
    to_change: int


class Evaluation(Activity):
    name: ClassVar[str] = "evaluation"
    kinds: ClassVar[tuple[ItemKind, ...]] = (ItemKind.EVALUATION,)

    def line(self, item: AgendaItem, text: str) -> Outcome | None:
        ctx = self.ctx
        parsed = parse_line(text, len(questions_of(item)))
        if isinstance(parsed, str):
            return Outcome(error=parsed)
        if parsed is None:
            return None
        entry = self.store.evaluation.add(ctx.meeting_id, item.id, parsed.kind, at=ctx.now(), text=parsed.text, ratings=parsed.ratings)
        said = _SAID[parsed.kind]
        return Outcome(
            capture=ctx.capture(EVALUATION_LABELS[parsed.kind], evaluation_text(entry)), message=f"{said}: saved.",
            saved=Saved("evaluations", entry.id, item.id, entry.id),
        )

    def trend(self, item: AgendaItem) -> list[tuple[str, list[float | None]]]:
        """Average ratings of this series' last meetings, oldest first, this one last."""
        ctx = self.ctx
        meeting = ctx.meeting
        rows = [(meeting.id, meeting.title, meeting.date.isoformat())]
        rows += [(row["id"], row["title"], row["date"]) for row in self.store.meetings.earlier(meeting.id)[:4]]
        count = len(questions_of(item))
        trend = []
        for meeting_id, title, on in reversed(rows):
            entries = [e for e in self.store.evaluation.entries(meeting_id) if e.kind == "rating"]
            if entries or meeting_id == meeting.id:
                trend.append((f"{title} ({on})", averages(entries, count)))
        return trend

    @classmethod
    def minutes_part(cls, store: Store, meeting_id: int, item: AgendaItem) -> dict[str, Any]:
        entries = [e for e in store.evaluation.entries(meeting_id) if e.item_id == item.id]
        questions = questions_of(item)
        ratings = [e for e in entries if e.kind == "rating"]
        return {
            "evaluation": {
                "questions": questions,
                "averages": averages(ratings, len(questions)),
                "responses": len(ratings),
                "went_well": [e.text for e in entries if e.kind == "well" and e.text],
                "to_change": [e.text for e in entries if e.kind == "change" and e.text],
            }
        }

    def view(self, item: AgendaItem, now: datetime) -> EvaluationView:
        entries = self.store.evaluation.entries(self.ctx.meeting_id)
        return EvaluationView(
            title="Evaluation · averages, earlier meetings → this one",
            questions=questions_of(item),
            trend=self.trend(item),
            rated=sum(e.kind == "rating" for e in entries),
            went_well=sum(e.kind == "well" for e in entries),
            to_change=sum(e.kind == "change" for e in entries),
        )
