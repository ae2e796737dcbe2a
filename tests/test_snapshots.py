"""Snapshots of the main screens at 80x24 and 120x40, clock frozen and cursor blink off.

Update after a deliberate change with `pytest --snapshot-update`, then look at
the report before committing.
"""

from __future__ import annotations

import pytest

from conftest import FrozenClock
from facilitator.app import build_app
from facilitator.clock import ClockEvent, FlowKind
from facilitator.demo import create_demo_meeting
from facilitator.models import AttendanceStatus
from facilitator.session.meeting import MeetingSession
from facilitator.store import Store
from facilitator.templates import find_template

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")


def demo_app(tmp_path, *, open_meeting: bool = True, after: float = 0, paused: bool = False):
    """The demo meeting (item 1 of 5 min, 3:20 in), `after` seconds later."""
    clock = FrozenClock()
    store = Store.open(tmp_path / "snap.db")
    meeting_id = create_demo_meeting(store, clock())
    if paused:
        store.agenda.add_event(meeting_id, ClockEvent(clock(), FlowKind.PAUSE))
    clock.advance(after)
    return build_app(store, clock, meeting_id=meeting_id if open_meeting else None, cursor_blink=False)


async def type_note(pilot):
    await pilot.press(*"Budget ask")
    await pilot.press("enter")


@SIZES
def test_home_screen(snap_compare, tmp_path, size):
    assert snap_compare(demo_app(tmp_path, open_meeting=False), terminal_size=size)


@SIZES
def test_live_running(snap_compare, tmp_path, size):
    assert snap_compare(demo_app(tmp_path), terminal_size=size, run_before=type_note)


@SIZES
def test_live_warning(snap_compare, tmp_path, size):
    assert snap_compare(demo_app(tmp_path, after=50), terminal_size=size)


@SIZES
def test_live_over_time(snap_compare, tmp_path, size):
    assert snap_compare(demo_app(tmp_path, after=4 * 60), terminal_size=size)


@SIZES
def test_live_paused(snap_compare, tmp_path, size):
    assert snap_compare(demo_app(tmp_path, after=10 * 60, paused=True), terminal_size=size)


@SIZES
def test_overrun_choices_dialog(snap_compare, tmp_path, size):
    assert snap_compare(demo_app(tmp_path, after=4 * 60), terminal_size=size, press=["f2"])


def setup_app(tmp_path):
    """The next meeting of the demo series, not started: it opens on Setup."""
    clock = FrozenClock()
    store = Store.open(tmp_path / "setup.db")
    demo_id = create_demo_meeting(store, clock())
    series = store.meetings.get(demo_id).series_name
    meeting_id = store.meetings.create(find_template("coalition-meeting"), title="April", on=clock().date(), at=clock(), series=series)
    return build_app(store, clock, meeting_id=meeting_id, cursor_blink=False)


@SIZES
def test_setup_screen(snap_compare, tmp_path, size):
    assert snap_compare(setup_app(tmp_path), terminal_size=size, press=["f5", "down", "f6"])


@SIZES
def test_setup_agenda_tab(snap_compare, tmp_path, size):
    """The plan with its total against the planned length; the third item in the form to change."""
    assert snap_compare(setup_app(tmp_path), terminal_size=size, press=["f2", "down", "down", "enter"])


def activity_app(tmp_path, template: str, goto: int, lines: list[str]):
    """A started meeting of the demo series, moved to item `goto`, with `lines` typed into it."""
    clock = FrozenClock()
    store = Store.open(tmp_path / "activity.db")
    demo_id = create_demo_meeting(store, clock())
    series = store.meetings.get(demo_id).series_name
    demo = MeetingSession(store, demo_id, clock)
    for line in ["/action Share the asthma data @Luis due:+1w", "/action Book the library room", "/park Hospital parking fees"]:
        demo.apply(line)
    clock.advance(minutes=60 * 24 * 28)
    meeting_id = store.meetings.create(find_template(template), title="April", on=clock().date(), at=clock(), series=series)
    session = MeetingSession(store, meeting_id, clock)
    for person in session.roster[:4]:
        store.people.mark(meeting_id, person.id, AttendanceStatus.PRESENT, clock())
    session.apply(f"/goto {goto}")
    for line in lines:
        clock.advance(20)
        outcome = session.apply(line) if line != "F5" else session.checkin.start()
        assert outcome.ok, (line, outcome.error)
    return build_app(store, clock, meeting_id=meeting_id, cursor_blink=False)


CHECKIN_LINES = ["F5", "Hopeful about the housing vote", "Tired but here", "/speak Grace"]
BRAINWRITING_LINES = ["Free bus passes", "Mobile clinic", "Evening hours", "Shuttle from the library", "/idea Promotoras @Amara"]


@SIZES
def test_checkin_view(snap_compare, tmp_path, size):
    app = activity_app(tmp_path, "coalition-meeting", 1, CHECKIN_LINES[:3])
    assert snap_compare(app, terminal_size=size)


@SIZES
def test_brainwriting_view(snap_compare, tmp_path, size):
    app = activity_app(tmp_path, "mission-vision-brainwriting", 2, BRAINWRITING_LINES)

    async def to_voting(pilot):
        session = pilot.app.screen.session
        session.brainwriting.change_phase(1)
        session.apply("1 4: Transport")
        session.apply("2 3: Clinic access")
        session.brainwriting.change_phase(1)
        session.apply("Amara: 1 1 2")
        session.apply("Luis: 2 5")
        pilot.app.screen.refresh_meeting()

    assert snap_compare(app, terminal_size=size, run_before=to_voting)


def test_decision_view(snap_compare, tmp_path):
    decide = "/decide Meet monthly at the library method:majority for=4 against=0 abstain=1 outcome:adopted"
    app = activity_app(tmp_path, "coalition-meeting", 4, [decide])
    assert snap_compare(app, terminal_size=(120, 40))


def test_next_steps_view_with_review(snap_compare, tmp_path):
    app = activity_app(tmp_path, "coalition-meeting", 5, ["/done 1", "Draft the charter @Amara due:friday", "Call the mayor"])
    assert snap_compare(app, terminal_size=(120, 40))


def test_evaluation_view(snap_compare, tmp_path):
    app = activity_app(tmp_path, "coalition-meeting", 6, ["+ Everyone spoke", "- Start on time", "4 4 5", "3 4 4"])
    assert snap_compare(app, terminal_size=(120, 40))


def test_decision_form(snap_compare, tmp_path):
    app = activity_app(tmp_path, "coalition-meeting", 4, [])
    assert snap_compare(app, terminal_size=(120, 40), press=["f5"])


@SIZES
def test_voices_panel(snap_compare, tmp_path, size):
    app = activity_app(tmp_path, "coalition-meeting", 3, [])

    async def speakers(pilot):
        session = pilot.app.screen.session
        clock = session.now  # the frozen clock the app was built with
        for name, seconds in [("Luis", 240), ("Grace", 150), ("Amara", 60), ("Luis", 90)]:
            session.apply(f"/speak {name}")
            clock.advance(seconds)
        session.apply("/hand Dev")
        await pilot.press("ctrl+r")

    assert snap_compare(app, terminal_size=size, run_before=speakers)


@SIZES
def test_series_report_screen(snap_compare, tmp_path, size):
    from test_report import REPORT_AT, build_series

    store = Store.open(tmp_path / "series.db")
    build_series(store)
    app = build_app(store, lambda: REPORT_AT, cursor_blink=False)

    async def report_built(pilot):
        await pilot.press("ctrl+e")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=report_built)


@SIZES
def test_room_screen(snap_compare, tmp_path, size):
    """The room as the facilitator sees it: QR code, link, join code, the phones that joined.
    The link's token and code are fixed here (they are random in a real room)."""
    from facilitator.room.core import Room
    from facilitator.screens.room import RoomScreen

    app = demo_app(tmp_path)

    async def open_room(pilot):
        room = Room(MeetingSession(app.store, app.screen.session.meeting_id, app.now))
        room.token, room.code = "Qm9vay1jbHViLXRva2VuLTE", "K7PX3M"
        room.join(room.session.roster[0].id)
        room.join(None)
        await app.push_screen(RoomScreen(room, f"http://127.0.0.1:8765/r/{room.token}", network=False))
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=open_room)
