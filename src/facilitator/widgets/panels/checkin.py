"""The check-in round: who has spoken, who has the floor (with their own countdown), who waits."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text

from facilitator.activities.checkin import CheckinView, waiting
from facilitator.clock import format_duration
from facilitator.text import printable


def render(view: CheckinView, now: datetime) -> Text:
    text = Text()
    if not view.seats:
        text.append("No round yet. F5 seats everyone here in seated order, F7 shuffled.", style="italic")
        return text
    current = view.current
    for seat in view.seats:
        name = printable(seat.person.name)
        if seat is current:
            used = (now - view.turn_started).total_seconds() if view.turn_started else 0
            left = view.speaker_seconds - used
            clock = f"{format_duration(left)} left" if left >= 0 else f"OVER by {format_duration(left)}"
            text.append(f"▶ {name}  {clock}\n", style="bold reverse" if left >= 0 else "bold reverse red")
        elif seat.passed:
            text.append(f"– {name} ({'not here' if seat.absent else 'passed'})\n", style="dim")
        elif seat.done:
            text.append(f"✓ {name}: {printable(seat.answer or 'spoke')}\n", style="dim")
        else:
            text.append(f"· {name}\n")
    still = waiting(view.seats)
    text.append(f"Not yet checked in: {len(still)}" if still else "Everyone has checked in.", style="italic")
    return text
