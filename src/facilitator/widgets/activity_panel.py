"""The current item's activity, drawn as text: the check-in round, brainwriting ideas and
dots, decisions with quorum, next steps and the review list, evaluation averages."""

from __future__ import annotations

import re
from datetime import datetime

from rich.text import Text
from textual.widgets import Static

from facilitator.activities import brainwriting, checkin, evaluation
from facilitator.clock import format_duration
from facilitator.models import AgendaItem, ItemKind
from facilitator.outcomes import action_capture, decision_capture
from facilitator.session import MeetingSession
from facilitator.text import printable


class ActivityPanel(Static):
    """Hidden for items with no activity of their own (presentations, discussions, breaks)."""

    DEFAULT_CSS = """
    ActivityPanel {
        height: auto;
        max-height: 45%;
        padding: 0 1;
        border: round $secondary;
        border-title-color: $text-muted;
        overflow-y: auto;
    }
    ActivityPanel.-empty {
        display: none;
    }
    """

    _shape = ""

    def show(self, session: MeetingSession, item: AgendaItem, now: datetime) -> None:
        render = {
            ItemKind.CHECKIN: _checkin,
            ItemKind.ICEBREAKER: _checkin,
            ItemKind.BRAINWRITING: _brainwriting,
            ItemKind.DECISION: _decisions,
            ItemKind.NEXT_STEPS: _next_steps,
            ItemKind.EVALUATION: _evaluation,
        }.get(item.kind)
        self.set_class(render is None, "-empty")
        if render is not None:
            title, body = render(session, item, now)
            self.border_title = title
            # Re-lay-out the screen only when more than figures changed: the check-in countdown
            # redraws every second while someone types, and never changes the panel's height.
            shape = re.sub(r"\d", "0", body.plain)
            self.update(body, layout=shape != self._shape)
            self._shape = shape


def _checkin(session: MeetingSession, item: AgendaItem, now: datetime) -> tuple[str, Text]:
    seats = session.checkin_seats(item)
    text = Text()
    if not seats:
        text.append("No round yet. F5 seats everyone here in seated order, F7 shuffled.", style="italic")
        return "Check-in round", text
    current = checkin.current_seat(seats)
    started = checkin.turn_started(seats)
    for seat in seats:
        name = printable(seat.person.name)
        if seat is current:
            used = (now - started).total_seconds() if started else 0
            left = item.speaker_seconds - used
            clock = f"{format_duration(left)} left" if left >= 0 else f"OVER by {format_duration(left)}"
            text.append(f"▶ {name}  {clock}\n", style="bold reverse" if left >= 0 else "bold reverse red")
        elif seat.passed:
            text.append(f"– {name} (passed)\n", style="dim")
        elif seat.done:
            text.append(f"✓ {name}: {printable(seat.answer or 'spoke')}\n", style="dim")
        else:
            text.append(f"· {name}\n")
    waiting = checkin.waiting(seats)
    footer = f"Not yet checked in: {len(waiting)}" if waiting else "Everyone has checked in."
    text.append(footer, style="italic")
    return f"Check-in · {len(seats) - len(waiting)} of {len(seats)} · {item.speaker_seconds // 60 or 1} min each", text


def _brainwriting(session: MeetingSession, item: AgendaItem, now: datetime) -> tuple[str, Text]:
    phase = session.phase(item)
    ideas = session.store.ideas(item.id)
    text = Text(brainwriting.PHASE_HELP[phase] + "\n", style="italic")
    shown = brainwriting.ranked(ideas) if phase == "results" else ideas
    for idea in shown:
        theme = f"[{printable(idea.theme)}] " if idea.theme else ""
        dots = f"  {'●' * idea.dots}" if idea.dots and phase in ("vote", "results") else ""
        text.append(f"{idea.number:>3}. {theme}", style="bold" if idea.theme else "")
        text.append(printable(idea.text))
        text.append(f"{dots}\n", style="bold")
    if phase == "vote":
        placed = session.store.dots_by_person(item.id)
        voted = [p.name for p in session.roster if p.id in placed]
        text.append(f"Voted: {len(voted)} of {len(session.roster)} · {item.dot_budget} dots each", style="italic")
    return f"Brainwriting · {phase} · {len(ideas)} ideas", text


def _decisions(session: MeetingSession, item: AgendaItem, now: datetime) -> tuple[str, Text]:
    text = Text(f"{session.quorum_now()}\n", style="bold")
    decisions = [d for d in session.store.decisions(session.meeting_id) if d.item_id == item.id]
    for decision in decisions:
        text.append(f"• {printable(decision_capture(decision).text)}\n")
    text.append("F5 records a decision with its method, tally and rationale; /decide works anywhere.", style="italic")
    return f"Decisions · {len(decisions)}", text


def _next_steps(session: MeetingSession, item: AgendaItem, now: datetime) -> tuple[str, Text]:
    text = Text()
    review = session.review_items()
    if review:
        text.append("From earlier meetings (F4 to mark them; or /done N, /carry N, /drop N, /agenda N, /keep N):\n", style="bold")
        for entry in review:
            outcome = f" → {entry.outcome}" if entry.outcome else ""
            text.append(f"{entry.number:>3}. {entry.subject}: {printable(entry.text)} ({printable(entry.detail)}){outcome}\n")
    steps = session.store.next_steps(session.meeting_id)
    text.append(f"This meeting's next steps: {len(steps)}\n", style="bold")
    for step in steps:
        line = printable(action_capture(step).text)
        text.append(("⚠ " if step.flagged else "• ") + line + "\n", style="bold" if step.flagged else "")
    text.append("Type: what @owner due:friday, and Enter.", style="italic")
    flagged = sum(step.flagged for step in steps)
    return f"Next steps · {len(steps)}" + (f" · {flagged} need an owner or date" if flagged else ""), text


def _evaluation(session: MeetingSession, item: AgendaItem, now: datetime) -> tuple[str, Text]:
    questions = session.evaluation_questions(item)
    entries = session.store.evaluations(session.meeting_id)
    ratings = [e for e in entries if e.kind == "rating"]
    text = Text(evaluation.HELP + "\n", style="italic")
    trend = session.evaluation_trend()
    for number, question in enumerate(questions):
        text.append(f"{number + 1}. {printable(question)}: ")
        values = [averages[number] for _, averages in trend]
        text.append("  →  ".join("–" if v is None else f"{v:.1f}" for v in values) + "\n", style="bold")
    well = sum(e.kind == "well" for e in entries)
    change = sum(e.kind == "change" for e in entries)
    text.append(f"{len(ratings)} rated · {well} went well · {change} to change", style="italic")
    return "Evaluation · averages, earlier meetings → this one", text
