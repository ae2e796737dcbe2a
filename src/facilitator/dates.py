"""Dates people type: a meeting's date, and the due and review dates counted from it
(`2026-04-01`, `friday`, `+3d`, `+2w`, `today`, `tomorrow`).

Every date is bounded where it is read, with a message: a year typed wrong (9999, 1026) is
refused before it reaches a calendar, a relative date, or arithmetic that would overflow.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
FARTHEST_YEARS = 10
"""A due or review date further than this from the meeting is a typo, not a plan (and calendars
choke on 9999); so is a meeting more than this many years ahead of today."""
EARLIEST_YEARS = 100
"""A meeting recorded this many years before today is a mistyped year."""
_RELATIVE = re.compile(r"\+(\d{1,3})([dw])", re.IGNORECASE)


def _years_from(start: date, years: int) -> date:
    """`start` moved by whole years (29 February falls on 28 February), within what a date holds."""
    year = min(date.max.year, max(date.min.year, start.year + years))
    try:
        return start.replace(year=year)
    except ValueError:
        return start.replace(year=year, day=28)


def parse_meeting_date(text: str, today: date) -> date | str:
    """A meeting's date as `YYYY-MM-DD`, or what is wrong with it."""
    typed = text.strip()
    try:
        found = date.fromisoformat(typed) if typed.isascii() and len(typed) == 10 else None
    except ValueError:
        found = None
    if found is None:
        return f"{typed!r} is not a date like {today.isoformat()}."
    if found > _years_from(today, FARTHEST_YEARS):
        return f"{typed} is more than {FARTHEST_YEARS} years from today ({today.isoformat()}); check the year."
    if found < _years_from(today, -EARLIEST_YEARS):
        return f"{typed} is more than {EARLIEST_YEARS} years ago; check the year."
    return found


def parse_due(text: str, today: date, what: str = "due") -> date | str:
    """A due (or review) date from `2026-04-01`, `friday` (the next one), `+3d`, `+2w`, `today`
    or `tomorrow`, counted from `today` (the meeting's date). Returns the date, or a message that
    names the option as typed (`due:` or `review:`) and says what was expected."""
    word = text.strip().lower()
    found: date | None = None
    try:
        if word == "today":
            found = today
        elif word == "tomorrow":
            found = today + timedelta(days=1)
        elif _RELATIVE.fullmatch(word):
            relative = _RELATIVE.fullmatch(word)
            assert relative is not None
            found = today + timedelta(days=int(relative.group(1)) * (7 if relative.group(2) == "w" else 1))
        elif (weekday := _weekday(word)) is not None:
            found = today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)  # the next one after today
        else:
            found = _iso(word)
    except OverflowError:
        return f"{what}:{text} falls after the last date a calendar holds; check the meeting's date ({today.isoformat()})."
    if found is None:
        return f"{what}:{text} is not a date; use 2026-04-01, a weekday like friday, +3d or +2w."
    if not _years_from(today, -FARTHEST_YEARS) <= found <= _years_from(today, FARTHEST_YEARS):
        return f"{what}:{text} is more than {FARTHEST_YEARS} years from the meeting ({today.isoformat()}); check the year."
    return found


def _weekday(word: str) -> int | None:
    """Monday 0 to Sunday 6, from a weekday's name or its first three letters or more."""
    return next((number for number, name in enumerate(WEEKDAYS) if len(word) >= 3 and name.startswith(word)), None)


def _iso(word: str) -> date | None:
    try:
        return date.fromisoformat(word) if word.isascii() and len(word) == 10 else None
    except ValueError:
        return None


_BACK = re.compile(r"-(\d{1,3})([dw])", re.IGNORECASE)


def parse_done(text: str, today: date) -> date | str:
    """The day something was done, said at a meeting held `today`: `2026-03-20`, `today`,
    `yesterday`, `-3d`, `-2w`, or a weekday (the last one before today). Never after the meeting."""
    word = text.strip().lower()
    found: date | None = None
    try:
        if word == "today":
            found = today
        elif word == "yesterday":
            found = today - timedelta(days=1)
        elif _BACK.fullmatch(word):
            back = _BACK.fullmatch(word)
            assert back is not None
            found = today - timedelta(days=int(back.group(1)) * (7 if back.group(2) == "w" else 1))
        elif (weekday := _weekday(word)) is not None:
            found = today - timedelta(days=(today.weekday() - weekday - 1) % 7 + 1)  # the last one before today
        else:
            found = _iso(word)
    except OverflowError:
        found = None
    if found is None:
        return f"{text!r} is not a date; say when it was done: 2026-03-20, yesterday, a weekday like tuesday, or -3d."
    if found > today:
        return f"{found.isoformat()} is after this meeting ({today.isoformat()}): it cannot have been done yet."
    if found < _years_from(today, -FARTHEST_YEARS):
        return f"{found.isoformat()} is more than {FARTHEST_YEARS} years before the meeting; check the year."
    return found
