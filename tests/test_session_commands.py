"""Every capture command through the session: what lands in the store, and what is refused."""

from __future__ import annotations

from datetime import date

import pytest

from facilitator.clock import FlowKind, Status
from facilitator.minutes import build_minutes
from facilitator.models import AttendanceStatus
from facilitator.session.meeting import MeetingSession
from facilitator.templates import find_template


@pytest.fixture
def session(store, clock):
    meeting_id = store.meetings.create(find_template("coalition-meeting"), title="March", on=clock().date(), at=clock(), series="Eastside")
    series_id = store.meetings.get(meeting_id).series_id
    store.people.add_many(series_id, [
        ("Amara Okafor", "Tenants Union", "community members", "co-chair", True),
        ("Luis Ortega", "County Public Health", "public health", "", True),
        ("Lucia Ortiz", "Clinic", "health care", "", False),
    ])
    return MeetingSession(store, meeting_id, clock)


def test_idea_park_and_notes_in_a_brainwriting_item_are_ideas(session, store):
    session.apply("/idea Free bus passes")
    session.apply("/p Parking fees")
    session.apply("/start")
    session.apply("/add Strategies min:10 kind:brainwriting")
    session.apply("/next")
    session.apply("Mobile clinic")
    kinds = store.db.execute("SELECT kind, text FROM entries ORDER BY id").fetchall()
    assert kinds == [("idea", "Free bus passes"), ("park", "Parking fees"), ("idea", "Mobile clinic")]


def test_decide_stores_outcome_and_tally(session, store):
    outcome = session.apply("/decide Meet monthly outcome:adopted for=7 against=1 abstain=2")
    assert outcome.ok and outcome.capture.label == "decision"
    [decision] = store.captures.decisions(session.meeting_id)
    assert (decision.text, decision.outcome, decision.votes_for, decision.votes_against, decision.votes_abstain) == (
        "Meet monthly", "adopted", 7, 1, 2,
    )


def test_action_owner_from_roster_due_date_and_flags(session, store, clock):
    assert session.apply("/action Send the asthma data @amara due:friday").message == "Action saved."
    flagged = session.apply("/a Book the room").message
    assert "no owner yet" in flagged and "no due date yet" in flagged
    outsider = session.apply("/a Call the mayor @Jamie due:+1w")
    assert "not on the roster; kept as typed" in outsider.message
    ambiguous = session.apply("/a Draft letter @lu")
    assert not ambiguous.ok and "more than one person" in ambiguous.error
    steps = store.captures.next_steps(session.meeting_id)
    assert [(s.text, s.owner_name, s.due, s.flagged) for s in steps] == [
        ("Send the asthma data", "Amara Okafor", date(2026, 3, 13), False),
        ("Book the room", None, None, True),
        ("Call the mayor", "Jamie", date(2026, 3, 19), False),
    ]
    assert steps[0].owner_id is not None and steps[2].owner_id is None


def test_an_owner_typed_with_spaces_is_the_whole_roster_name(session, store):
    assert session.apply("/a Share the clinic data @Luis Ortega due:friday").message == "Action saved."
    assert session.apply("/a Ask @luis ortega about the budget").ok
    assert session.apply("/a Thank @Luis Ortega's team").ok  # not a name on the roster: "Ortega's" stays in the text
    steps = store.captures.next_steps(session.meeting_id)
    assert [(s.text, s.owner_name) for s in steps] == [
        ("Share the clinic data", "Luis Ortega"), ("Ask about the budget", "Luis Ortega"), ("Thank Ortega's team", "Luis Ortega"),
    ]
    assert "words after @ are the owner's name" in session.apply("/a @Luis Ortega").error


def test_speak_starts_a_turn_and_the_next_speaker_ends_it(session, store, clock):
    assert "not running" in session.apply("/speak Amara").error
    session.apply("/start")
    assert session.apply("/s amara").message == "Amara Okafor has the floor."
    clock.advance(90)
    session.apply("/speak Luis Ortega")
    clock.advance(30)
    session.apply("/pause")
    turns = store.voices.turns(session.meeting_id)
    assert [(t.started_at.minute, t.started_at.second, t.ended_at.minute, t.ended_at.second) for t in turns] == [
        (0, 0, 1, 30), (1, 30, 2, 0),
    ]
    assert "not on this meeting's roster" in session.apply("/speak Zed").error


def test_late_and_left_take_the_time_now(session, store, clock):
    clock.advance(minutes=7)
    assert session.apply("/late Lucia").ok
    clock.advance(minutes=40)
    assert session.apply("/left Luis").ok
    records = {r.person.name: (r.status, r.at.minute) for r in store.people.attendance(session.meeting_id)}
    assert records == {"Lucia Ortiz": (AttendanceStatus.LATE, 7), "Luis Ortega": (AttendanceStatus.LEFT_EARLY, 47)}


def test_agenda_changes_before_start_are_the_plan_and_do_not_start_the_meeting(session, store, clock):
    session.apply("/move 6 2")
    session.apply("/retime 3 25")
    removed = session.apply("/skip 4")
    assert removed.message == "Removed Partner updates from the plan. (/add puts one back.)"
    session.apply("/add Budget min:5")
    assert session.clock().status is Status.NOT_STARTED
    titles = [item.title for item in session.agenda]
    assert titles == ["Welcome and check-in", "Evaluation", "Review open next steps", "Decision", "Next steps", "Budget"]
    session.apply("/start")
    clock.advance(minutes=3)
    session.apply("/end")
    minutes = build_minutes(store, session.meeting_id, clock())
    # As planned: no item added during the meeting, re-timed or skipped, and the plan is the new one.
    assert [(i.title, i.planned_minutes, i.changes) for i in minutes.items] == [
        ("Welcome and check-in", 10, []), ("Evaluation", 10, []), ("Review open next steps", 25, []), ("Decision", 20, []),
        ("Next steps", 15, []), ("Budget", 5, []),
    ]
    assert store.db.execute("SELECT count(*) FROM agenda_items WHERE title = 'Partner updates'").fetchone()[0] == 0


def test_move_and_retime_refuse_items_that_have_run(session, clock):
    session.apply("/next")
    assert "already run" in session.apply("/move 1 4").error
    assert "can move to places 3 to 6" in session.apply("/move 5 2").error
    assert "already run" in session.apply("/retime 1 5").error
    assert session.apply("/retime 2 20").ok  # the current item may be re-timed


def test_added_item_goes_right_after_the_current_one_and_moves_the_projection(session, clock):
    session.apply("/start")
    plan, before = session.clock().planned_end, session.clock().projected_end
    outcome = session.apply("/add Budget update min:5 kind:presentation")
    assert outcome.message == "Added as item 2: Budget update (5 min)."
    after = session.clock()
    assert session.agenda[1].title == "Budget update"
    assert (after.projected_end - before).total_seconds() == 300
    assert after.planned_end == plan  # the plan itself stays; the projection shows the change


def test_take_time_from_later_keeps_the_planned_end(session, clock):
    session.apply("/start")
    clock.advance(minutes=13)  # 3 minutes over a 10-minute check-in
    planned_end = session.clock().planned_end
    preview = session.flow.take_from_later(5)
    outcome = session.flow.take_time_from_later(5)
    assert outcome.ok
    after = session.clock()
    assert after.current.remaining_seconds == 5 * 60
    assert after.projected_end == planned_end
    assert {item_id: after.box(item_id).planned_seconds // 60 for item_id in preview.shrunk} == {
        item_id: new for item_id, (_, new) in preview.shrunk.items()}
    assert preview.taken == 8  # 3 over and 5 more: what the screen says and what the minutes say
    assert outcome.message == "+5 min here; 8 min taken from later items, so the meeting still ends on time."
    assert "8 min taken from later items" in after.current.changes


def test_taking_time_when_the_meeting_is_ahead_takes_none_and_says_so(session, clock):
    session.apply("/start")
    clock.advance(minutes=5)
    session.apply("/next")  # 5 minutes ahead of the plan
    clock.advance(minutes=16)  # 1 minute over a 15-minute item
    outcome = session.flow.take_time_from_later(3)
    assert outcome.message == "+3 min here; the later items keep their time: the meeting still ends on time without taking any."
    assert not [change for box in session.clock().boxes for change in box.changes if "taken" in change]


def test_park_the_rest_moves_on_and_is_recorded(session, store, clock):
    session.apply("/start")
    clock.advance(minutes=12)
    outcome = session.flow.park_rest("")
    assert outcome.flow is FlowKind.NEXT
    assert session.clock().current_index == 1
    [parked] = [e for e in store.captures.entries(session.meeting_id) if e.kind.value == "park"]
    assert parked.text == "Rest of: Welcome and check-in"
    assert "rest of the topic parked" in session.clock().boxes[0].changes


def test_hotkey_park_needs_text(session):
    assert "Type what to park first" in session.notes.park_typed("  ").error


def test_a_meeting_dated_on_the_last_day_a_calendar_holds_says_so_instead_of_crashing(store, clock):
    """An older version accepted `new --date 9999-12-31`; relative dates from it used to overflow."""
    meeting_id = store.meetings.create(find_template("coalition-meeting"), title="Typo", on=date(9999, 12, 31), at=clock())
    session = MeetingSession(store, meeting_id, clock)
    for line in ("/action Send the data due:friday", "/decide Go outcome:adopted review:+1d", "/action Call due:+2w"):
        outcome = session.apply(line)
        assert not outcome.ok and "falls after the last date a calendar holds" in outcome.error
    assert session.apply("/action Send the data due:9999-12-31").ok
