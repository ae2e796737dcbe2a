"""Attribution: what is said is credited to whoever said it, and waiting is nobody's speaking time;
two seats cannot move the meeting twice; community voice is a roster fact."""

from __future__ import annotations

import pytest

from facilitator.activities import voices
from facilitator.demo import create_demo_meeting
from facilitator.minutes import build_minutes, render_markdown
from facilitator.models import AttendanceStatus, Person
from facilitator.session.meeting import MeetingSession


@pytest.fixture
def session(store, clock):
    return MeetingSession(store, create_demo_meeting(store, clock()), clock)


def in_round(session):
    session.apply("/next")
    assert session.checkin.next_speaker().ok
    return session


def turns(session):
    names = {p.id: p.name for p in session.roster}
    found = session.store.voices.turns(session.meeting_id)
    return [(names[t.person_id], t.ended_at and round((t.ended_at - t.started_at).total_seconds())) for t in found]


def status(session, name):
    return {r.person.name: r.status for r in session.store.people.attendance(session.meeting_id)}[name]


def test_a_note_in_a_check_in_round_is_not_the_speakers_answer(session):
    in_round(session)
    outcome = session.apply("/note Rosa's bus was late; she is on her way")
    assert outcome.ok and outcome.capture.label == ""
    assert session.checkin.seats()[0].answer is None  # Amara still has the floor
    assert session.apply("Hopeful").message.startswith("Amara Okafor: Hopeful")


def test_a_pass_or_not_here_is_no_speaking_time(session, clock):
    in_round(session)
    clock.advance(20)
    session.apply("Hopeful")  # Amara spoke 20 s
    clock.advance(15)
    session.checkin.answer(None, passed=True)  # 15 s waiting on Luis, who passes
    clock.advance(10)
    session.checkin.answer(None, absent=True)  # 10 s calling for Grace, who is not here
    clock.advance(30)
    session.apply("Schools are ready")  # Dev spoke 30 s
    assert turns(session)[:2] == [("Amara Okafor", 20), ("Dev Patel", 30)]
    record = {r.person.name: r.status for r in session.store.people.attendance(session.meeting_id)}
    assert record["Grace Lin"] is AttendanceStatus.ABSENT
    checkin = render_markdown(build_minutes(session.store, session.meeting_id, clock())).split("Check-in:")[1].split("##")[0]
    assert "- Luis Ortega: passed" in checkin and "- Grace Lin: not here" in checkin


def test_a_late_arrival_checks_in_after_the_round_has_gone_round(session, clock):
    in_round(session)
    for answer in ["a", "b", "c", "d", "e", "f"]:
        session.apply(answer)
    assert session.checkin.view(session.current_item(), clock()).current is None  # everyone has checked in
    newcomer = session.store.people.add(session.meeting.series_id, "Marisol Vega")
    session.ctx.reload_roster()
    assert session.apply("/late Marisol").message.endswith("joins the check-in round.")
    assert session.checkin.view(session.current_item(), clock()).current.person.id == newcomer.id
    assert session.apply("Glad to be here").message.startswith("Marisol Vega: Glad to be here")


def test_speak_on_someone_marked_absent_marks_them_present(session):
    session.apply("/left Dev")
    assert session.apply("/speak Dev").message == "Dev Patel has the floor. (was marked left early; now present)"
    assert status(session, "Dev Patel") is AttendanceStatus.PRESENT
    session.apply("/here Rosa")
    assert status(session, "Rosa Delgado") is AttendanceStatus.PRESENT


def test_notes_carry_the_speaker_only_when_the_group_wants_it(session, clock):
    session.apply("/speak Luis")
    session.apply("The county will share the data")
    session.apply("/attribute on")
    session.apply("The county will share the data by May")
    session.apply("/attribute off")
    session.apply("A note nobody said")
    notes = render_markdown(build_minutes(session.store, session.meeting_id, clock())).split("## 1.")[1].split("##")[0]
    assert "- The county will share the data\n" in notes
    assert "- The county will share the data by May — Luis Ortega" in notes
    assert "- A note nobody said\n" in notes
    assert session.notes.captures(session.current_item().id)[3].label == "Luis Ortega"


def test_community_voice_is_a_roster_fact_not_a_guess_from_words():
    president = Person(id=1, series_id=1, name="A", sector="government", role="President")  # "resident" inside
    resident = Person(id=2, series_id=1, name="B", sector="neighbourhood", role="", community=True)
    assert not voices.is_community_member(president)
    assert voices.is_community_member(resident)


def test_two_seats_pressing_next_at_once_move_the_meeting_once(store, clock, db_path):
    from facilitator.store import Store

    meeting_id = create_demo_meeting(store, clock())
    facilitator = MeetingSession(store, meeting_id, clock)
    note_taker = MeetingSession(Store.open(db_path), meeting_id, clock)
    assert facilitator.apply("/next").ok
    refused = note_taker.apply("/next")  # pressed at the same moment, before this seat had looked again
    assert refused.error.startswith("The other seat moved the meeting to 2. Introductions round just now")
    assert note_taker.clock().current_index == 1 and facilitator.clock().current_index == 1
    assert facilitator.apply("/extend 1").ok
    assert "already gave" in note_taker.apply("/extend 1").error
    kinds = [e.kind.value for e in store.agenda.events(meeting_id)]
    assert kinds.count("next") == 1 and kinds.count("extend") == 1


def test_someone_called_while_away_checks_in_when_they_arrive(session, clock):
    in_round(session)
    session.apply("Hopeful")  # Amara
    session.checkin.answer(None, absent=True)  # Luis is not here yet
    for answer in ["Here for the kids", "Schools are ready", "Glad", "Faith groups can host"]:
        session.apply(answer)
    assert session.apply("/late Luis").message.endswith("joins the check-in round.")
    assert session.apply("Sorry, the bus again").message.startswith("Luis Ortega: Sorry, the bus again")
    seats = {seat.person.name: seat for seat in session.checkin.seats()}
    assert seats["Luis Ortega"].answer == "Sorry, the bus again" and not seats["Luis Ortega"].absent
    assert status(session, "Luis Ortega") is AttendanceStatus.LATE
    shown = [c.text for c in session.notes.captures(session.current_item().id)]
    assert "Luis Ortega: Sorry, the bus again" in shown and "Luis Ortega: not here" not in shown


def test_a_check_in_moved_to_someone_else_is_shown_once(session):
    in_round(session)
    session.apply("Hopeful")  # Amara
    session.apply("Busy month")  # typed while Luis had the floor, but it was Dev speaking
    session.apply("/edit 2 Dev: Busy month")
    shown = [(c.number, c.text, c.struck) for c in session.notes.captures(session.current_item().id)]
    assert shown == [(1, "Amara Okafor: Hopeful", False), (2, "Dev Patel: Busy month", False)]
