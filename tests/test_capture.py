"""The capture-bar grammar: notes, commands and aliases, and clear errors for the rest."""

from __future__ import annotations

import pytest

from facilitator.capture import CaptureError, Flow, Note, command_names, parse
from facilitator.clock import FlowKind


def test_plain_text_is_a_note_kept_as_typed_inside():
    assert parse("  Budget  is due  in May ") == Note("Budget  is due  in May")


def test_double_slash_escapes_a_leading_slash():
    assert parse("//etc/hosts is the file") == Note("/etc/hosts is the file")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("/next", Flow(FlowKind.NEXT)),
        ("/n", Flow(FlowKind.NEXT)),
        ("/NEXT", Flow(FlowKind.NEXT)),
        ("/back", Flow(FlowKind.BACK)),
        ("/b", Flow(FlowKind.BACK)),
        ("/goto 3", Flow(FlowKind.GOTO, 3)),
        ("/g 2", Flow(FlowKind.GOTO, 2)),
        ("/pause", Flow(FlowKind.PAUSE)),
        ("/resume", Flow(FlowKind.RESUME)),
        ("/extend 5", Flow(FlowKind.EXTEND, 5)),
        ("/x 1", Flow(FlowKind.EXTEND, 1)),
        ("/skip", Flow(FlowKind.SKIP)),
        ("/end", Flow(FlowKind.END)),
        ("/start", Flow(FlowKind.START)),
    ],
)
def test_commands_and_aliases(line, expected):
    assert parse(line) == expected


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("", "Nothing to save"),
        ("   ", "Nothing to save"),
        ("/nxt", "Unknown command /nxt"),
        ("/goto", "say the item number"),
        ("/goto three", "whole number"),
        ("/extend -2", "whole number"),
        ("/extend ５", "whole number"),
        ("/next please", "takes nothing after it"),
    ],
)
def test_what_cannot_be_parsed_says_why(line, says):
    result = parse(line)
    assert isinstance(result, CaptureError)
    assert says in result.message


def test_completion_offers_every_name_and_alias():
    assert {"next", "n", "goto", "g", "extend", "x", "end"} <= set(command_names())
