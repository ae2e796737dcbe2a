"""The capture-bar grammar: notes, every command and alias, clear errors, due dates, completion."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitator.capture import command_names, parse
from facilitator.clock import FlowKind
from facilitator.completion import complete, handle, name_matches
from facilitator.dates import parse_due, parse_meeting_date
from facilitator.models import ItemKind
from facilitator.parsed import Action, AddItem, Attend, CaptureError, Decide, Flow, Idea, MoveItem, Note, Park, RetimeItem, Speak

TODAY = date(2026, 3, 12)  # a Thursday
ROSTER = ["Amara Okafor", "Luis Ortega", "Grace Lin", "Pastor James Reed", "Rosa Delgado"]


def p(line: str):
    return parse(line, TODAY)


def test_plain_text_is_a_note_kept_as_typed_inside():
    # Leading spaces are part of what was typed (an indented paste); trailing ones are not.
    assert p("  Budget  is due  in May ") == Note("  Budget  is due  in May")


def test_double_slash_escapes_a_leading_slash():
    assert p("//etc/hosts is the file") == Note("/etc/hosts is the file")


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
        ("/skip 4", Flow(FlowKind.SKIP, 4)),
        ("/end", Flow(FlowKind.END)),
        ("/start", Flow(FlowKind.START)),
        ("/idea Free bus passes for clinic days", Idea("Free bus passes for clinic days")),
        ("/i Mobile clinic", Idea("Mobile clinic")),
        ("/park Parking fees at the hospital", Park("Parking fees at the hospital")),
        ("/p Data sharing", Park("Data sharing")),
        ("/speak Amara", Speak("Amara")),
        ("/s  Luis   Ortega ", Speak("Luis Ortega")),
        ("/late Grace Lin", Attend("Grace Lin", "late")),
        ("/left Rosa", Attend("Rosa", "left early")),
        ("/add Budget update min:5 kind:presentation", AddItem("Budget update", 5, ItemKind.PRESENTATION)),
        ("/add Open floor", AddItem("Open floor", 10, ItemKind.DISCUSSION)),
        ("/move 5 3", MoveItem(5, 3)),
        ("/retime 4 8", RetimeItem(4, 8)),
        ("/time 4 8", RetimeItem(4, 8)),
    ],
)
def test_commands_and_aliases(line, expected):
    assert p(line) == expected


def test_decide_with_outcome_and_tally_anywhere_in_the_line():
    assert p("/decide Adopt the charter outcome:adopted for=7 against=1 abstain=2") == Decide(
        "Adopt the charter", "adopted", 7, 1, 2
    )
    assert p("/d for=3 Meet monthly against=0") == Decide("Meet monthly", None, 3, 0, None)


def test_action_with_owner_and_due_date():
    assert p("/action Send the asthma data @Luis due:friday") == Action("Send the asthma data", "Luis", date(2026, 3, 13), owner_at=4)
    assert p("/a @Amara due:+2w Book the library room") == Action("Book the library room", "Amara", date(2026, 3, 26), owner_at=0)
    # Where the owner stood, so the session can take "Ortega" from the text when "Luis Ortega" is on the roster.
    assert p("/a Call due:friday the mayor @Luis Ortega") == Action("Call the mayor Ortega", "Luis", date(2026, 3, 13), owner_at=3)
    assert p("/a Draft the charter") == Action("Draft the charter", None, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-04-01", date(2026, 4, 1)),
        ("friday", date(2026, 3, 13)),
        ("thursday", date(2026, 3, 19)),  # the next one, not today
        ("mon", date(2026, 3, 16)),
        ("+3d", date(2026, 3, 15)),
        ("+2w", date(2026, 3, 26)),
        ("today", TODAY),
        ("tomorrow", date(2026, 3, 13)),
    ],
)
def test_due_dates(text, expected):
    assert parse_due(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("2037-03-13", "more than 10 years from the meeting"),  # the 10-year bound, both ways
        ("2016-03-11", "more than 10 years from the meeting"),
        ("+999w", "more than 10 years from the meeting"),  # relative dates are bounded too
        ("9999-12-31", "more than 10 years"),
    ],
)
def test_due_dates_far_from_the_meeting_are_refused(text, says):
    assert says in parse_due(text, TODAY)
    assert parse_due("2036-03-12", TODAY) == date(2036, 3, 12)  # just inside the bound


@pytest.mark.parametrize("text", ["friday", "+1d", "+3w", "tomorrow", "sun"])
def test_relative_dates_from_the_last_day_a_calendar_holds_say_so(text):
    """A meeting dated 9999-12-31 (accepted by an older version) no longer crashes on due:friday."""
    said = parse_due(text, date(9999, 12, 31))
    assert isinstance(said, str) and "falls after the last date" in said
    said = parse(f"/decide Go review:{text}", date(9999, 12, 31))
    assert isinstance(said, CaptureError) and said.message.startswith(f"review:{text} ")


def test_meeting_dates_are_bounded():
    today = date(2026, 12, 8)
    assert parse_meeting_date("2027-01-14", today) == date(2027, 1, 14)
    assert parse_meeting_date("2019-05-02", today) == date(2019, 5, 2)  # minutes of a past meeting
    assert "more than 10 years from today" in parse_meeting_date("9999-12-31", today)
    assert "more than 100 years ago" in parse_meeting_date("1026-12-08", today)
    assert "not a date like 2026-12-08" in parse_meeting_date("12/08/2026", today)
    assert "not a date" in parse_meeting_date("2026-02-30", today)


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
        ("/idea", "nothing to save"),
        ("/decide outcome:maybe Go", "not one of adopted"),
        ("/decide for=7", "what was decided"),
        ("/decide Go for=x", "whole number"),
        ("/decide Go for=1 for=2", "given twice"),
        ("/action Call @Luis @Amara", "one owner per action"),
        ("/action Call @ now", "right after @"),
        ("/action Call due:someday", "is not a date"),
        ("/action Call due:2026-02-30", "is not a date"),
        ("/action @Luis due:friday", "what is the action"),
        ("/speak", "whose name"),
        ("/add min:5", "needs a title"),
        ("/add Talk kind:chat", "is not one of"),
        ("/move 3", "give the item number and the new place"),
        ("/retime 3 0", "whole number from 1"),
    ],
)
def test_what_cannot_be_parsed_says_why(line, says):
    result = p(line)
    assert isinstance(result, CaptureError), result
    assert says in result.message


@given(st.text(max_size=300))
def test_any_text_parses_or_gives_an_error_never_an_exception(text):
    result = parse(text, TODAY)
    assert result is not None
    if isinstance(result, CaptureError):
        assert result.message


@given(st.sampled_from(command_names()), st.text(max_size=80))
def test_any_command_with_any_arguments_is_total(name, rest):
    assert parse(f"/{name} {rest}", TODAY) is not None


def test_tab_completes_the_document_a_decision_adopts():
    assert complete("/decide Adopt it adopts:prob", []) == "/decide Adopt it adopts:problem_statement "
    assert complete("/d Adopt it outcome:adopted adopts:", []) is None  # several kinds share nothing more
    assert complete("/d Adopt it adopts:m", []) == "/d Adopt it adopts:mission "


def test_completion_of_command_names():
    assert complete("/ne", ROSTER) == "/next "
    assert complete("/re", ROSTER) is None  # resume and retime share nothing more than "re"
    assert complete("/p", ROSTER) == "/pa"  # park and pause
    assert complete("/res", ROSTER) is None  # resume and restore
    assert complete("/resu", ROSTER) == "/resume "
    assert complete("/zz", ROSTER) is None
    assert {"next", "n", "goto", "g", "extend", "x", "end", "idea", "speak"} <= set(command_names())


def test_completion_of_names_after_at_and_in_speak_late_left():
    assert complete("/action Call the clinic @am", ROSTER) == "/action Call the clinic @AmaraOkafor "
    assert complete("/a x @reed", ROSTER) == "/a x @PastorJamesReed "
    assert complete("/speak gr", ROSTER) == "/speak Grace Lin"
    assert complete("/late ro", ROSTER) == "/late Rosa Delgado"
    assert complete("/left lu", ROSTER) == "/left Luis Ortega"
    assert complete("/speak o", ROSTER) is None  # Okafor and Ortega share nothing more
    assert complete("/left L", ROSTER) is None  # Luis Ortega and Grace Lin
    assert complete("plain text", ROSTER) is None


def test_names_match_by_any_word_start_ignoring_case_and_spaces():
    assert name_matches("amara", "Amara Okafor")
    assert name_matches("okafor", "Amara Okafor")
    assert name_matches("AmaraOk", "Amara Okafor")
    assert not name_matches("mara", "Amara Okafor")
    assert handle("Rosa  Delgado-Cruz") == "RosaDelgadoCruz"


def test_wrap_cells_counts_wide_characters_and_cuts_long_words():
    from facilitator.text import wrap_cells

    assert wrap_cells("hello world this is a test", 11) == ["hello world", "this is a", "test"]
    assert wrap_cells("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]
    assert wrap_cells("漢字漢字漢字", 8) == ["漢字漢字", "漢字"]
    assert wrap_cells("", 8) == [""]
