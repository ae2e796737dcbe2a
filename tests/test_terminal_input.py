"""A paste is text to insert, whatever bytes it holds: the terminal parser keeps every ESC and
NUL of a bracketed paste, also when the terminal's input arrives in pieces, and a pasted command
is saved as the command it is (read back from the database of the real app on a pty)."""

from __future__ import annotations

import time

import pytest
from textual import constants, events

from facilitator.store import Store
from facilitator.terminal import PASTE_END, PASTE_START, PasteKeepingParser
from pty_app import PtyApp

HOSTILE = "/park A\x1bB C\x00 \ufdd0 \x1b[201 \x1b[31mred\x1b[0m ~\x07 end"


def parsed(*pieces: str, wait: bool = False) -> list[object]:
    parser = PasteKeepingParser()
    found: list[object] = []
    for piece in pieces:
        found.extend(parser.feed(piece))
    if wait:
        time.sleep(constants.ESCAPE_DELAY * 1.5)  # an ESC alone is the Escape key once nothing follows it
    found.extend(parser.tick())
    return found


def pastes(found: list[object]) -> list[str]:
    return [event.text for event in found if isinstance(event, events.Paste)]


def keys(found: list[object]) -> list[str]:
    return [event.key for event in found if isinstance(event, events.Key)]


def test_a_paste_keeps_every_control_character():
    found = parsed(f"x{PASTE_START}{HOSTILE}{PASTE_END}y")
    assert pastes(found) == [HOSTILE]
    assert keys(found) == ["x", "y"]  # what was typed around it stays keys


@pytest.mark.parametrize("cut", range(1, len(PASTE_START) + len(HOSTILE) + len(PASTE_END)))
def test_a_paste_read_in_two_pieces_anywhere_is_the_same(cut):
    whole = f"{PASTE_START}{HOSTILE}{PASTE_END}z"
    found = parsed(whole[:cut], whole[cut:])
    assert pastes(found) == [HOSTILE]
    assert keys(found) == ["z"]


def test_a_paste_read_one_character_at_a_time():
    found = parsed(*f"ab{PASTE_START}{HOSTILE}{PASTE_END}c")
    assert pastes(found) == [HOSTILE] and keys(found) == ["a", "b", "c"]


def test_keys_outside_a_paste_are_untouched():
    found = parsed("\x1b[A", "q\x1b", wait=True)  # an arrow key, a letter, then Escape alone
    assert keys(found) == ["up", "q", "escape"]


def test_a_pasted_command_with_escapes_is_saved_exactly_by_the_real_app(tmp_path):
    db = tmp_path / "paste.db"
    app = PtyApp(["--db", str(db), "demo"], env={"TZ": "UTC"})
    try:
        app.wait_for("elapsed")
        app.type(f"{PASTE_START}/park Fees\x1bB for families{PASTE_END}")
        app.wait_for("/park Fees␛B for families")  # shown, never sent to the terminal (it would eat the B)
        app.type("\r")
        app.wait_for("Parked for later")
        app.type(f"{PASTE_START}/decide Meet monthly\x1b[1m outcome:adopted{PASTE_END}\r")
        app.wait_for("Decision recorded")
    finally:
        app.kill()
    store = Store.open(db)
    parked = store.db.execute("SELECT text FROM entries WHERE kind = 'park' ORDER BY id DESC LIMIT 1").fetchone()[0]
    assert parked == "Fees\x1bB for families"
    assert store.db.execute("SELECT text, outcome FROM decisions").fetchall() == [("Meet monthly\x1b[1m", "adopted")]
