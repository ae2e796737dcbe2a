"""Snapshots of the main screens at 80x24 and 120x40, clock frozen and cursor blink off.

Update after a deliberate change with `pytest --snapshot-update`, then look at
the report before committing.
"""

from __future__ import annotations

import pytest

from facilitator.agenda import find_template
from facilitator.app import build_app
from facilitator.clock import ClockEvent, FlowKind
from facilitator.demo import create_demo_meeting
from facilitator.store import Store

from conftest import FrozenClock

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")


def demo_app(tmp_path, *, open_meeting: bool = True, after: float = 0, paused: bool = False):
    """The demo meeting (item 1 of 5 min, 3:20 in), `after` seconds later."""
    clock = FrozenClock()
    store = Store.open(tmp_path / "snap.db")
    meeting_id = create_demo_meeting(store, clock())
    if paused:
        store.add_clock_event(meeting_id, ClockEvent(clock(), FlowKind.PAUSE))
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


@SIZES
def test_setup_screen(snap_compare, tmp_path, size):
    clock = FrozenClock()
    store = Store.open(tmp_path / "setup.db")
    demo_id = create_demo_meeting(store, clock())
    series = store.meeting(demo_id).series_name
    meeting_id = store.create_meeting(find_template("coalition-meeting"), title="April", on=clock().date(), at=clock(), series=series)
    app = build_app(store, clock, meeting_id=meeting_id, cursor_blink=False)
    assert snap_compare(app, terminal_size=size, press=["f5", "down", "f6"])
