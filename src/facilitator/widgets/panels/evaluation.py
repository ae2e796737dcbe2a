"""Evaluation: each question's average, earlier meetings of the series first, this one last."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text

from facilitator.activities.evaluation import HELP, EvaluationView
from facilitator.text import printable


def render(view: EvaluationView, now: datetime) -> Text:
    text = Text(HELP + "\n", style="italic")
    for number, question in enumerate(view.questions):
        text.append(f"{number + 1}. {printable(question)}: ")
        values = [averages[number] for _, averages in view.trend]
        text.append("  →  ".join("–" if v is None else f"{v:.1f}" for v in values) + "\n", style="bold")
    text.append(f"{view.rated} rated · {view.went_well} went well · {view.to_change} to change", style="italic")
    return text
