"""Everyone heard: turn accounting, the balance figure on hand-computed cases, the queue, coverage."""

from __future__ import annotations

from datetime import timedelta

import pytest

from conftest import T0
from facilitator.activities import voices
from facilitator.app import build_app
from facilitator.demo import create_demo_meeting
from facilitator.minutes import build_minutes, render_markdown
from facilitator.models import Attendance, AttendanceStatus, Person, Turn
from facilitator.session.meeting import MeetingSession
from facilitator.templates import find_template
from pilot_helpers import type_line


def turn(pid: int, start: float, end: float | None) -> Turn:
    return Turn(id=pid * 100 + int(start), meeting_id=1, item_id=1, person_id=pid, started_at=T0 + timedelta(seconds=start),
                ended_at=None if end is None else T0 + timedelta(seconds=end))


def test_turn_seconds_add_up_and_an_open_turn_runs_to_now():
    per = voices.by_person([turn(1, 0, 60), turn(2, 60, 90), turn(1, 90, None)], T0 + timedelta(seconds=120))
    assert (per[1].seconds, per[1].turns, per[2].seconds) == (90.0, 2, 30.0)


@pytest.mark.parametrize(
    ("seconds", "share", "gini"),
    [
        ([60, 60, 60, 60], 0.25, 0.0),  # four equal voices: the top quarter holds a quarter
        ([100, 0, 0, 0], 1.0, 0.75),  # one voice: all of it
        ([50, 30, 10, 10], 0.5, 0.35),  # mean difference 280/16 over twice the mean, 50
        ([40, 30, 20, 10, 0, 0, 0, 0], 0.7, 0.625),  # top quarter of 8 is 2 speakers: 70 of 100
    ],
)
def test_balance_figures_on_hand_computed_cases(seconds, share, gini):
    assert voices.top_quarter_share(seconds) == pytest.approx(share)
    assert voices.gini(seconds) == pytest.approx(gini)


def test_balance_reading_in_plain_words():
    assert voices.balance_reading(None, 0) == "Nobody has spoken yet."
    assert "well balanced" in voices.balance_reading(0.3, 8)
    assert "a few voices dominate" in voices.balance_reading(0.7, 8)
    assert voices.balance_reading(0.7, 8).startswith("The top 2 of 8 speakers held 70% of the time")


def test_progressive_queue_puts_who_spoke_least_first():
    queue = [(1, T0), (2, T0 + timedelta(seconds=5)), (3, T0 + timedelta(seconds=9))]
    assert voices.progressive_order(queue, {1: 300.0, 2: 20.0}) == [3, 2, 1]
    assert voices.progressive_order(queue, {}) == [1, 2, 3]


def test_sector_coverage():
    people = [Person(id=1, series_id=1, name="A", sector="public health"), Person(id=2, series_id=1, name="B", sector="Housing"),
              Person(id=3, series_id=1, name="C", sector="libraries")]
    here = [Attendance(person=people[0], status=AttendanceStatus.PRESENT), Attendance(person=people[2], status=AttendanceStatus.LATE)]
    found = voices.coverage(["public health", "housing", "media"], people, here)
    assert found.present == ["public health", "libraries"]
    assert found.absent == ["housing"]
    assert found.missing == ["media"]


@pytest.fixture
def session(store, clock):
    meeting_id = create_demo_meeting(store, clock())
    return MeetingSession(store, meeting_id, clock)


def spans(store, meeting_id):
    return [(t.person_id, int((t.started_at - T0).total_seconds()), t.ended_at and int((t.ended_at - T0).total_seconds()))
            for t in store.voices.turns(meeting_id)]


def test_marks_pause_and_item_change_end_turns(session, store, clock):
    amara, luis = (session.ctx.find_person(n).id for n in ("Amara", "Luis"))
    session.apply("/speak Amara")
    clock.advance(30)
    session.apply("/speak Amara")  # marking the same speaker again ends and restarts her turn
    clock.advance(30)
    session.apply("/s luis")
    clock.advance(20)
    session.apply("/pause")
    clock.advance(60)
    session.apply("/resume")
    session.apply("/speak Luis")
    clock.advance(10)
    session.apply("/next")
    assert spans(store, session.meeting_id) == [(amara, 0, 30), (amara, 30, 60), (luis, 60, 80), (luis, 140, 150)]


def test_a_crash_mid_turn_ends_it_at_the_last_known_moment(store, clock):
    meeting_id = create_demo_meeting(store, clock())
    first = MeetingSession(store, meeting_id, clock)
    first.apply("/speak Grace")
    clock.advance(45)
    first.apply("Grace: the hospital will share its data")  # the last thing written before the crash
    clock.advance(600)  # the laptop is off for ten minutes
    MeetingSession(store, meeting_id, clock, recovering=True)
    [grace] = store.voices.turns(meeting_id)
    assert (grace.ended_at - grace.started_at).total_seconds() == 45


def test_queue_first_come_and_progressive(session, store, clock):
    session.apply("/speak Amara")
    clock.advance(120)
    for name in ("Amara", "Dev", "Rosa"):
        assert session.apply(f"/hand {name}").ok
    assert "already in the queue" in session.apply("/hand Dev").error
    assert [p.name for p in session.floor.queue()] == ["Amara Okafor", "Dev Patel", "Rosa Delgado"]
    session.apply("/queue progressive")
    assert [p.name for p in session.floor.queue()] == ["Dev Patel", "Rosa Delgado", "Amara Okafor"]
    assert session.floor.next_from_queue().message == "Dev Patel has the floor."
    assert [p.name for p in session.floor.queue()] == ["Rosa Delgado", "Amara Okafor"]


def test_speak_by_number_from_the_voices_list(session):
    assert session.apply("/speak 3").message == "Grace Lin has the floor."
    assert "no person 9" in session.apply("/speak 9").error


async def test_marking_speakers_shows_in_the_panel_and_the_minutes(store, clock):
    meeting_id = create_demo_meeting(store, clock())
    app = build_app(store, clock, meeting_id=meeting_id, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_line(pilot, "/speak Luis")
        clock.advance(180)
        await type_line(pilot, "/speak Amara")
        clock.advance(60)
        await type_line(pilot, "/hand Rosa")
        await pilot.press("ctrl+y")
        clock.advance(60)
        await pilot.press("ctrl+r")
        panel = str(app.screen.query_one("#voices").render())
        assert "Luis Ortega" in panel and "03:00 ×1" in panel
        assert "Not yet heard: Dev Patel, Grace Lin, Pastor James Reed" in panel
        assert "The top 1 of 3 speakers held 60% of the time" in panel
        await type_line(pilot, "/end")
    text = render_markdown(build_minutes(store, meeting_id, clock()))
    part = text.split("## Participation")[1]
    assert "| Luis Ortega (County Public Health, public health) | 1 | 3 |" in part
    assert "| Amara Okafor (Eastside Tenants Union, community members) | 1 | 1 |" in part
    assert "Not heard: Dev Patel, Grace Lin, Pastor James Reed" in part
    assert "Community members held 20% of the speaking time." in part
    assert "Nobody on the roster from: housing, planning and economic development, business, media" in part


def test_minutes_participation_without_any_turns(store, clock):
    meeting_id = store.meetings.create(find_template("partner-kickoff"), title="K", on=clock().date(), at=clock())
    text = render_markdown(build_minutes(store, meeting_id, clock()))
    assert "_No speaking time was recorded._" in text


def test_a_community_member_marked_on_the_roster_counts_for_community_members():
    """Marked with F10 (a resident whose sector says housing), they are the community at the table:
    never 'Nobody on the roster from: community members'."""
    people = [Person(id=1, series_id=1, name="Rosa", sector="housing", community=True), Person(id=2, series_id=1, name="B", sector="media")]
    here = [Attendance(person=people[0], status=AttendanceStatus.PRESENT)]
    found = voices.coverage(["community members", "housing", "media"], people, here)
    assert found.present == ["community members", "housing"] and found.absent == ["media"] and found.missing == []


def test_someone_late_who_then_leaves_early_keeps_both(store, clock):
    from facilitator.minutes import build_minutes, render_markdown

    meeting_id = create_demo_meeting(store, clock())
    session = MeetingSession(store, meeting_id, clock)
    clock.advance(minutes=20)
    assert session.apply("/late Rosa").ok
    clock.advance(minutes=40)
    assert session.apply("/left Rosa").ok
    [rosa] = [r for r in store.people.attendance(meeting_id) if r.person.name == "Rosa Delgado"]
    assert rosa.late and rosa.status is AttendanceStatus.LEFT_EARLY
    assert "| Rosa Delgado | Metro Transit | transportation | late at 14:20, left early at 15:00 |" in render_markdown(
        build_minutes(store, meeting_id, clock()))
