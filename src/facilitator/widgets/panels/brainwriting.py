"""Brainwriting: the phase's instructions, the ideas with their themes and dots."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text

from facilitator.activities.brainwriting import PHASE_HELP, BrainwritingView
from facilitator.text import printable
from facilitator.words import plural

WRITING_TAIL = 20
"""While ideas pour in (from phones, dozens a minute), the panel shows the newest ones: laying
out hundreds of lines on every new idea would hold up the keys typed meanwhile."""


def render(view: BrainwritingView, now: datetime) -> Text:
    text = Text(PHASE_HELP[view.phase] + "\n", style="italic")
    ideas = view.ideas
    if view.phase == "write" and len(ideas) > WRITING_TAIL:
        text.append(f"… {len(ideas) - WRITING_TAIL} earlier ideas (all listed from F5, grouping)\n", style="dim")
        ideas = ideas[-WRITING_TAIL:]
    for idea in ideas:
        if idea.struck:
            text.append(f"{idea.number:>3}. {printable(idea.text)} (struck)\n", style="dim strike")
            continue
        theme = f"[{printable(idea.theme)}] " if idea.theme else ""
        dots = f"  {'●' * idea.dots}" if idea.dots and view.phase in ("vote", "results") else ""
        text.append(f"{idea.number:>3}. {theme}", style="bold" if idea.theme else "")
        text.append(printable(idea.text))
        text.append(f"{dots}\n", style="bold")
    if view.phase == "vote":
        text.append(f"Voted: {view.voted} of {view.roster_size} · {view.dot_budget} dots each", style="italic")
        if view.anonymous_dots:
            text.append(f" · {plural(view.anonymous_dots, 'dot')} from phones without a name", style="italic")
    return text
