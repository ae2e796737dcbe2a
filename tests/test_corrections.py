"""Corrections with a trail: every captured thing can be corrected, taken back or struck, nothing
is overwritten, and the minutes show the corrected record."""

from __future__ import annotations

from datetime import date

import pytest

from facilitator.activities.brainwriting import PHASES
from facilitator.app import build_app
from facilitator.demo import create_demo_meeting
from facilitator.minutes import build_minutes, render_markdown
from facilitator.minutes.next_steps import action_rows, render_ics
from facilitator.models import AttendanceStatus
from facilitator.screens.minutes_preview import MinutesScreen
from facilitator.screens.record import CorrectionScreen, RecordScreen
from facilitator.session.meeting import MeetingSession
from facilitator.session.people import PersonDetails
from facilitator.templates import AgendaTemplate, TemplateItem
from pilot_helpers import type_line


@pytest.fixture
def session(store, clock):
    meeting_id = create_demo_meeting(store, clock())
    live = MeetingSession(store, meeting_id, clock)
    live.ctx.seat_id = store.seats.open(meeting_id, 4242, at=clock(), user="notetaker")
    return live


def minutes(session) -> str:
    return render_markdown(build_minutes(session.store, session.meeting_id, session.now()))


def numbers(session) -> dict[int, tuple[str, bool, bool]]:
    return {c.number: (c.text, c.struck, c.corrected) for c in session.notes.captures(session.current_item().id)}


def test_a_note_is_corrected_as_a_new_version_with_a_trail(session, store):
    assert session.apply("Luis: the county is here").ok  # capture 3 (the demo has two notes)
    bar = session.apply("/edit 3")
    assert bar.ok and bar.fill == "/edit 3 Luis: the county is here"
    assert session.apply("/edit 3 Luis: the county is here to listen").message == "Corrected note 3."
    rows = store.db.execute("SELECT text, current, origin_id FROM entries WHERE id > 2 ORDER BY id").fetchall()
    assert rows == [("Luis: the county is here", 0, None), ("Luis: the county is here to listen", 1, 3)]
    [trail] = store.corrections.trail(session.meeting_id)
    assert (trail["subject"], trail["action"], trail["old_id"], trail["seat_user"]) == ("entries", "edit", 3, "notetaker")
    assert numbers(session)[3] == ("Luis: the county is here to listen", False, True)
    text = minutes(session)
    assert "- Luis: the county is here to listen" in text and "county is here\n" not in text


def test_undo_takes_back_what_this_seat_saved_last_and_restore_brings_it_back(session, store, clock):
    other = MeetingSession(store, session.meeting_id, clock)  # the facilitator's seat
    session.apply("Note from the note-taker")
    other.apply("Note from the facilitator")
    assert session.apply("/undo").message.startswith("Taken back: note 3 (Note from the note-taker)")
    assert "Nothing this seat saved is left" in session.apply("/undo").error
    assert numbers(session)[3] == ("Note from the note-taker", True, False)
    text = minutes(session)
    assert "Note from the note-taker" not in text and "- Note from the facilitator" in text
    assert session.apply("/restore 3").ok
    assert "- Note from the note-taker" in minutes(session)
    assert "is not struck" in session.apply("/restore 3").error


def test_strike_any_capture_by_number(session):
    assert session.apply("/strike 1").message == "Struck note 1; /restore 1 brings it back."
    assert "already struck" in session.apply("/strike 1").error
    assert "There is no capture 9" in session.apply("/strike 9").error
    assert "Luis opened" not in minutes(session)


def test_a_decision_is_corrected_in_the_grammar_it_was_typed_in(session, store):
    session.decisions.record("Meet monthly", outcome="adopted", votes_for=5, rationale="Partners asked for it")
    assert session.apply("/edit 3").fill == "/edit 3 Meet monthly outcome:adopted for=5"
    assert session.apply("/edit 3 Meet monthly at the library outcome:adopted method:majority for=5 against=1 review:+4w").ok
    [decision] = store.captures.decisions(session.meeting_id)
    assert (decision.text, decision.method, decision.votes_against, decision.review_date) == (
        "Meet monthly at the library", "majority vote", 1, date(2026, 4, 9),
    )
    assert decision.rationale == "Partners asked for it" and decision.quorum_met  # kept from the first version
    assert "/decide: outcome:maybe" in session.apply("/edit 3 Meet monthly outcome:maybe").error


def test_an_action_is_corrected_owner_due_and_status_and_keeps_its_calendar_entry(session, store):
    session.apply("/action Book the room")
    uid_before = render_ics(action_rows(store, meeting_id=session.meeting_id), session.now(), "db")
    assert session.apply("/edit 3").fill == "/edit 3 Book the room"
    assert session.apply("/edit 3 Book the library room @Grace due:friday").ok
    assert session.apply("/edit 3").fill == "/edit 3 Book the library room @GraceLin due:2026-03-13"
    assert session.apply("/edit 3 Book the library room @GraceLin due:2026-03-13 status:done").ok
    [step] = store.captures.next_steps(session.meeting_id)
    assert (step.text, step.owner_name, step.due, step.status) == ("Book the library room", "Grace Lin", date(2026, 3, 13), "done")
    assert step.id != step.origin  # a new version of the same action
    calendar = render_ics(action_rows(store, meeting_id=session.meeting_id), session.now(), "db").decode()
    assert f"next-step-{step.origin}-db@facilitator" in calendar and "Done: Next step" in calendar and "CANCELLED" not in calendar
    assert b"next-step" not in uid_before  # it had no due date, so no calendar entry yet
    assert "| Book the library room (done) | Grace Lin (St. Mary's Hospital) | 2026-03-13 |" in minutes(session)


def test_a_check_in_answer_credited_to_the_wrong_person_moves_with_its_speaking_time(session, store, clock):
    session.apply("/next")
    session.checkin.next_speaker()  # Amara has the floor
    clock.advance(30)
    session.apply("Hopeful about the housing vote")  # Amara
    clock.advance(40)
    session.apply("Here for the kids")  # typed for Grace, but Luis was next in the round
    assert session.apply("/edit 2").fill == "/edit 2 Luis Ortega: Here for the kids"
    assert session.apply("/edit 2 Grace: Here for the kids").message == "Corrected check-in 2: Grace Lin."
    seats = {seat.person.name: seat for seat in session.checkin.seats()}
    assert seats["Grace Lin"].answer == "Here for the kids" and not seats["Luis Ortega"].done
    assert session.checkin.seats()[1].person.name == "Luis Ortega"  # Luis is due again
    people = {p.name: p.id for p in session.roster}
    forty = [t for t in store.voices.turns(session.meeting_id) if (t.ended_at and (t.ended_at - t.started_at).total_seconds() == 40)]
    assert [t.person_id for t in forty] == [people["Grace Lin"]]  # the forty seconds were Grace's
    text = minutes(session).split("Check-in:")[1].split("##")[0]
    assert "- Grace Lin: Here for the kids" in text and "Luis Ortega" not in text
    assert "has checked in already" in session.apply("/edit 1 Grace: Hopeful").error



def test_the_speaking_time_moves_with_the_answer_when_the_clock_runs_between_reads(store, clock):
    """As in the room: every read of the clock is a little later than the one before, so nothing
    may rely on two reads within one command agreeing (found running a kick-off in tmux)."""
    meeting_id = create_demo_meeting(store, clock())
    session = MeetingSession(store, meeting_id, lambda: clock.advance(0.001))
    session.apply("/next")
    session.checkin.next_speaker()
    clock.advance(30)
    session.apply("Hopeful about the housing vote")  # Amara
    clock.advance(40)
    session.apply("Here for the kids")  # Grace's words, while Luis had the floor
    assert session.apply("/edit 2 Grace: Here for the kids").ok
    people = {p.id: p.name for p in session.roster}
    spoke = {people[t.person_id] for t in store.voices.turns(meeting_id) if t.ended_at and (t.ended_at - t.started_at).total_seconds() > 39}
    assert spoke == {"Grace Lin"}  # the forty seconds moved to her, not left with Luis
    assert "Grace Lin" not in minutes(session).split("Not heard:")[-1].split("\n")[0]

def test_an_evaluation_line_is_corrected(store, clock):
    meeting_id = store.meetings.create(
        AgendaTemplate(title="T", items=[TemplateItem(title="How did it go?", kind="evaluation", minutes=5)]),
        title="March", on=clock().date(), at=clock(), series="S",
    )
    session = MeetingSession(store, meeting_id, clock)
    session.apply("/start")
    session.apply("4 4 5")
    session.apply("+ Everyone spoke")
    assert session.apply("/edit 1").fill == "/edit 1 4 4 5"
    assert session.apply("/edit 1 4 2 5").ok
    assert session.apply("/edit 2 - Start on time").ok
    evaluation = build_minutes(store, meeting_id, clock()).items[0].evaluation
    assert evaluation.averages == [4.0, 2.0, 5.0] and evaluation.to_change == ["Start on time"] and not evaluation.went_well
    assert "Give 3 ratings" in session.apply("/edit 1 4 4").error


def brainwriting(store, clock) -> MeetingSession:
    meeting_id = store.meetings.create(
        AgendaTemplate(title="T", items=[TemplateItem(title="Ideas", kind="brainwriting", minutes=20)]),
        title="March", on=clock().date(), at=clock(), series="S",
    )
    store.people.add_many(store.meetings.get(meeting_id).series_id, [("Amara Okafor",), ("Luis Ortega",)])
    session = MeetingSession(store, meeting_id, clock)
    session.apply("/start")
    return session


def test_a_corrected_idea_keeps_its_number_theme_and_dots_and_a_struck_one_keeps_its_number(store, clock):
    session = brainwriting(store, clock)
    for idea in ["Free bus pases", "Mobile clinic", "Evening hours"]:
        session.apply(idea)
    session.brainwriting.change_phase(1)
    session.apply("1 3: Access")
    session.brainwriting.change_phase(1)
    session.apply("Amara: 1 1 2")
    assert session.apply("/edit 1 Free bus passes").ok  # the typo, fixed after the vote
    assert session.apply("/strike 3").ok  # idea 3, Evening hours
    ideas = store.brainwriting.ideas(session.current_item().id, struck=True)
    assert [(i.number, i.text, i.theme, i.dots, i.struck) for i in ideas] == [
        (1, "Free bus passes", "Access", 2, False), (2, "Mobile clinic", None, 1, False), (3, "Evening hours", "Access", 0, True),
    ]
    assert "Idea 3 was struck" in session.apply("Luis: 3").error  # numbers keep their meaning
    assert PHASES.index(session.brainwriting.phase()) == 2
    text = minutes_of(store, session)
    assert "- Free bus passes (2 dots)" in text and "Evening hours" not in text and "pases" not in text


def minutes_of(store, session) -> str:
    return render_markdown(build_minutes(store, session.meeting_id, session.now()))


def test_a_vote_taken_back_restores_the_vote_it_replaced(store, clock):
    session = brainwriting(store, clock)
    session.apply("One")
    session.apply("Two")
    session.brainwriting.change_phase(2)
    assert session.apply("Amara: 1 1").message == "Amara Okafor: 2 dots of 3 placed."
    assert session.apply("Amara: 2").message == "Amara Okafor: 1 dot of 3 placed."
    assert session.apply("/undo").message.startswith("Taken back: Amara Okafor's dots")
    assert [(i.number, i.dots) for i in store.brainwriting.ideas(session.current_item().id)] == [(1, 2), (2, 0)]


def test_an_attendance_mark_taken_back_restores_the_one_before(session, store):
    session.apply("/left Dev")
    session.apply("/undo")
    assert {r.person.name: r.status for r in store.people.attendance(session.meeting_id)}["Dev Patel"] is AttendanceStatus.PRESENT
    rows = store.db.execute("SELECT status, current FROM attendance a JOIN people p ON p.id = a.person_id WHERE p.name = 'Dev Patel'")
    assert rows.fetchall() == [("present", 1), ("left early", 0)]  # the mark is kept, no longer current


def test_roster_people_are_corrected_retired_and_merged_with_a_trail(session, store, clock):
    roster = {p.name: p for p in session.roster}
    grace = roster["Grace Lin"]
    assert session.people.correct(grace.id, PersonDetails("Grace Lin", "St. Mary's Medical Center", "health care", "", True)).ok
    assert store.people.get(grace.id).organisation == "St. Mary's Medical Center"
    [edit] = [c for c in store.corrections.trail(session.meeting_id) if c["subject"] == "people"]
    assert "St. Mary's Hospital" in edit["detail"]  # what it was, kept
    # A duplicate typed in by hand during the meeting: merged into the real person.
    duplicate = store.people.add(session.meeting.series_id, "Luis O.")
    session.ctx.reload_roster()
    session.apply("/speak Luis O.")
    clock.advance(60)
    session.apply("/pause")
    assert session.people.merge(duplicate.id, roster["Luis Ortega"].id).ok
    assert "Luis O." not in {p.name for p in session.roster}
    assert "| Luis Ortega (County Public Health, public health) | 1 | 1 |" in minutes(session)
    assert session.people.retire(roster["Dev Patel"].id).ok
    assert "Dev Patel" not in {p.name for p in session.roster}
    assert "Absent: Dev Patel" in minutes(session) or "Dev Patel" in minutes(session)  # past records keep him


def test_an_email_is_optional_checked_and_correctable(session, store):
    assert "does not look like an email address" in session.people.add(PersonDetails("Rosa Diaz", email="rosa at home")).error
    assert "Rosa Diaz" not in {p.name for p in session.roster}  # refused whole: nothing half-saved
    assert session.people.add(PersonDetails("Rosa Diaz", "Tenants Union", email=" rosa@tenants.example ")).ok
    rosa = next(p for p in session.roster if p.name == "Rosa Diaz")
    assert rosa.email == "rosa@tenants.example"
    assert session.people.correct(rosa.id, PersonDetails("Rosa Diaz", "Tenants Union", email="rdiaz@tenants.example")).ok
    assert store.people.get(rosa.id).email == "rdiaz@tenants.example"
    assert "rdiaz@" not in minutes(session)  # an address is for sending the minutes, never printed in them


def test_names_that_look_like_commands_are_not_added_to_the_roster(session):
    assert "names do not start with /" in session.people.add(PersonDetails("/late Rosa")).error
    session.apply("/next")
    assert "is a command, not a name" in session.checkin.add("/late Rosa").error


async def test_the_minutes_preview_corrects_the_record_before_sending(store, clock):
    meeting_id = create_demo_meeting(store, clock())
    app = build_app(store, clock, meeting_id=meeting_id, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_line(pilot, "The hospital will share its data")
        await type_line(pilot, "/action Book the room @Grace due:friday")
        await type_line(pilot, "/end")
        clock.advance(MinutesScreen.GRACE)  # the preview's keys wait a moment after /end
        await pilot.press("e")
        assert isinstance(app.screen, RecordScreen)
        await pilot.press("down", "down", "enter")  # the third capture: the note typed above
        assert isinstance(app.screen, CorrectionScreen)
        field = app.screen.query_one("#correction")
        assert field.value == "The hospital will share its data"
        await type_line(pilot, " by May")
        await pilot.press("down", "delete")  # strike the action
        await pilot.press("escape")
        preview = str(app.screen.query_one("Markdown").source)
    assert "The hospital will share its data by May" in preview and "Book the room" not in preview
    assert [c["action"] for c in store.corrections.trail(meeting_id)] == ["edit", "strike"]


def test_taking_back_a_wrong_not_here_takes_back_the_absence_it_marked(session, store):
    """F8 on the wrong person marks them absent; /undo (or /strike N) of that "not here"
    leaves them present, as they were, and the minutes do not list them as absent."""
    session.apply("/goto 2")  # the demo's introductions round
    session.checkin.start()
    first = session.checkin.seats()[0].person
    store.people.mark(session.meeting_id, first.id, AttendanceStatus.PRESENT, session.now())
    assert session.checkin.answer(None, absent=True).ok
    assert store.people.current_mark(session.meeting_id, first.id)["status"] == "absent"
    assert session.apply("/undo").ok
    assert store.people.current_mark(session.meeting_id, first.id)["status"] == "present"
    assert f"Absent: {first.name}" not in minutes(session)
    assert session.checkin.answer(None, absent=True).ok  # again, then struck by number
    [number] = [n for n, (text, _, _) in numbers(session).items() if text == f"{first.name}: not here"][-1:]
    assert session.apply(f"/strike {number}").ok
    assert store.people.current_mark(session.meeting_id, first.id)["status"] == "present"


def test_a_corrected_note_keeps_its_place_in_the_minutes(session):
    session.apply("First: the county is here to listen")
    second = session.apply("Second: Lincon Park has no shade").capture.number
    session.apply("Third: buses every 20 minutes")
    assert session.apply(f"/edit {second} Second: Lincoln Park has no shade").ok
    item = minutes(session).split("### 1.")[1].split("###")[0]
    assert item.index("First:") < item.index("Second: Lincoln Park") < item.index("Third:")


def test_another_items_capture_is_corrected_by_its_item_and_number(session):
    """At /end a next step typed three items back lacked an owner; /edit took only the current
    item's numbers, and the advice was to add a second action (found by a newcomer)."""
    at = next(n for n, item in enumerate(session.agenda, start=1) if item.kind.value == "next_steps")
    session.apply(f"/goto {at}")
    number = session.apply("Print the flyers").capture.number
    session.apply("/next")
    assert "with /edit ITEM.N" in session.apply("/end").error
    assert session.apply(f"/edit {at}.{number}").fill == f"/edit {at}.{number} Print the flyers"
    assert session.apply(f"/edit {at}.{number} Print the flyers @Grace due:friday").ok
    [step] = [s for s in session.store.captures.next_steps(session.meeting_id) if s.text == "Print the flyers"]
    assert step.owner_id is not None and step.due is not None and not step.flagged
    assert "There is no item 60" in session.apply("/strike 60.1").error
    assert session.apply(f"/strike {at}.{number}").message.startswith(f"Struck action {at}.{number}; /restore {at}.{number}")
    assert session.apply(f"/restore {at}.{number}").ok
