"""Snapshots of the main screens at 80x24 and 120x40, clock frozen and cursor blink off.

Update after a deliberate change with `pytest --snapshot-update`, then look at
the report before committing.
"""

from __future__ import annotations

import pytest

from facilitator.app import build_app
from facilitator.demo import create_demo_meeting
from facilitator.store import Store

from conftest import FrozenClock

SIZES = [(80, 24), (120, 40)]


def demo_app(tmp_path, *, open_meeting: bool):
    clock = FrozenClock()
    store = Store.open(tmp_path / "snap.db")
    meeting_id = create_demo_meeting(store, clock())
    return build_app(store, clock, meeting_id=meeting_id if open_meeting else None, cursor_blink=False)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_home_screen(snap_compare, tmp_path, size):
    assert snap_compare(demo_app(tmp_path, open_meeting=False), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_live_screen(snap_compare, tmp_path, size):
    async def note(pilot):
        await pilot.press(*"Budget ask")
        await pilot.press("enter")

    assert snap_compare(demo_app(tmp_path, open_meeting=True), terminal_size=size, run_before=note)
