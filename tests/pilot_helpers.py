"""Helpers for pilot tests: type the way a note-taker does."""

from __future__ import annotations

from textual import events
from textual.keys import _character_to_key


async def type_line(pilot, text: str, *, enter: bool = True) -> None:
    """Send each character's key through the driver as one burst, like a fast typist, then Enter.

    `pilot.press` waits for idle after every key (~60 ms each); a burst is both
    faster and harsher, since every key is queued before the first is handled.
    """
    driver = pilot.app._driver
    for char in text:
        key = char if char.isalnum() else _character_to_key(char)
        event = events.Key(key, char)
        event.set_sender(pilot.app)
        driver.send_message(event)
    if enter:
        event = events.Key("enter", "\r")
        event.set_sender(pilot.app)
        driver.send_message(event)
    await pilot.pause()


async def until(pilot, condition, tries: int = 200) -> None:
    """Let the app run (a worker, a phone's request) until `condition` holds."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("the app never got there")
