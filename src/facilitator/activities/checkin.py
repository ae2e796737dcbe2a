"""Check-in rounds: who speaks now, for how long, who has not yet, and which question to ask."""

from __future__ import annotations

import random
from datetime import datetime

from facilitator.models import CheckinSeat


def current_seat(seats: list[CheckinSeat]) -> CheckinSeat | None:
    """The first person in the round who has neither spoken nor passed."""
    return next((seat for seat in seats if not seat.done), None)


def waiting(seats: list[CheckinSeat]) -> list[CheckinSeat]:
    return [seat for seat in seats if not seat.done]


def turn_started(seats: list[CheckinSeat]) -> datetime | None:
    """When the current speaker's time box began: the last answer, or when the round was seated."""
    if not seats:
        return None
    answered = [seat.at for seat in seats if seat.at is not None]
    return max(answered) if answered else min(seat.seated_at for seat in seats)


def shuffled(person_ids: list[int], seed: int) -> list[int]:
    """A new speaking order; the seed is stored with nothing, it only makes tests repeatable."""
    order = list(person_ids)
    random.Random(seed).shuffle(order)
    return order


def next_question(questions: list[tuple[int, str, str | None]]) -> tuple[int, str] | None:
    """The saved question asked longest ago (never-asked first), so a group never gets the
    same one twice in a row while it has others."""
    if not questions:
        return None
    never = [q for q in questions if q[2] is None]
    if never:
        return never[0][0], never[0][1]
    oldest = min(questions, key=lambda q: q[2])
    return oldest[0], oldest[1]
