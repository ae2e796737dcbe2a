"""The clock is a pure function of events and now: scripted meetings, checked to the second."""

from __future__ import annotations

from datetime import timedelta

from conftest import T0
from facilitator.clock import ClockEvent, FlowKind, Status, clock_state, describe, format_duration, take_from_later

ITEMS = [(1, 10), (2, 20), (3, 30)]


def at(minutes: float = 0, seconds: float = 0):
    return T0 + timedelta(minutes=minutes, seconds=seconds)


def ev(minutes: float, kind: FlowKind, item_id: int | None = None, extra: int | None = None) -> ClockEvent:
    return ClockEvent(at(minutes), kind, item_id, extra)


def test_before_start_nothing_runs():
    clock = clock_state(ITEMS, [], at(5))
    assert clock.status is Status.NOT_STARTED
    assert clock.current_id == 1
    assert clock.current.remaining_seconds == 600
    assert clock.planned_end is None
    assert clock.projected_end == at(5 + 60)
    assert describe(clock) == "NOT STARTED"


def test_running_item_counts_down_and_warns_then_overruns():
    events = [ev(0, FlowKind.START)]
    assert clock_state(ITEMS, events, at(3)).current.remaining_seconds == 7 * 60
    warning = clock_state(ITEMS, events, at(8, 30))  # 90 s left of a 10-min box: warn at 2 min
    assert warning.warning and not warning.overrun
    assert describe(warning) == "2 min left"  # rounded up, as a facilitator would say it
    over = clock_state(ITEMS, events, at(13, 12))
    assert over.overrun and describe(over) == "OVER by 3:12"
    assert format_duration(over.current.remaining_seconds) == "03:12"


def test_warning_threshold_is_the_later_of_two_minutes_or_twenty_percent():
    short = clock_state([(1, 5)], [ev(0, FlowKind.START)], at(3, 30))  # 90 s left of 5 min: 20% = 60 s
    assert not short.warning
    assert clock_state([(1, 5)], [ev(0, FlowKind.START)], at(4, 1)).warning


def test_next_and_back_accumulate_time_per_item():
    events = [ev(0, FlowKind.START), ev(12, FlowKind.NEXT), ev(15, FlowKind.BACK), ev(16, FlowKind.NEXT)]
    clock = clock_state(ITEMS, events, at(20))
    assert clock.current_id == 2
    assert clock.box(1).elapsed_seconds == 13 * 60
    assert clock.box(2).elapsed_seconds == 7 * 60
    assert clock.elapsed_seconds == 20 * 60


def test_pause_across_an_item_change_stops_all_time():
    events = [ev(0, FlowKind.START), ev(5, FlowKind.PAUSE), ev(7, FlowKind.NEXT), ev(9, FlowKind.RESUME)]
    clock = clock_state(ITEMS, events, at(10))
    assert clock.current_id == 2
    assert clock.box(1).elapsed_seconds == 5 * 60
    assert clock.box(2).elapsed_seconds == 60
    assert clock.elapsed_seconds == 6 * 60
    paused = clock_state(ITEMS, events[:3], at(8))
    assert paused.status is Status.PAUSED
    assert describe(paused).startswith("PAUSED")


def test_extend_adds_to_the_box_and_the_projection():
    events = [ev(0, FlowKind.START), ev(9, FlowKind.EXTEND, 1, 5)]
    clock = clock_state(ITEMS, events, at(12))
    assert clock.current.box_seconds == 15 * 60
    assert clock.current.remaining_seconds == 3 * 60
    assert clock.projected_end == at(12 + 3 + 20 + 30)
    assert clock.drift_seconds == 5 * 60


def test_goto_back_and_forth_and_skip():
    events = [ev(0, FlowKind.START), ev(2, FlowKind.GOTO, 3), ev(4, FlowKind.GOTO, 1), ev(5, FlowKind.SKIP, 1)]
    clock = clock_state(ITEMS, events, at(6))
    assert clock.current_id == 2
    assert clock.box(1).skipped
    assert clock.box(3).elapsed_seconds == 120
    assert clock.box(1).elapsed_seconds == 3 * 60
    # The skipped item no longer counts toward the projected end; item 3 already used 2 of its 30.
    assert clock.projected_end == at(6 + 19 + 28)


def test_skipping_the_last_item_is_a_no_op():
    clock = clock_state([(1, 5)], [ev(0, FlowKind.START), ev(1, FlowKind.SKIP, 1)], at(2))
    assert clock.current_id == 1 and not clock.current.skipped


def test_a_gap_while_the_app_was_down_counts_as_meeting_time():
    events = [ev(0, FlowKind.START)]
    # No events between minute 1 and 6: the laptop was off. Replaying at minute 6 counts all of it.
    assert clock_state(ITEMS, events, at(6)).current.elapsed_seconds == 6 * 60


def test_a_gap_while_paused_does_not_count():
    events = [ev(0, FlowKind.START), ev(2, FlowKind.PAUSE)]
    clock = clock_state(ITEMS, events, at(40))
    assert clock.current.elapsed_seconds == 120
    assert clock.projected_end == at(40 + 8 + 20 + 30)


def test_end_freezes_every_figure():
    events = [ev(0, FlowKind.START), ev(10, FlowKind.NEXT), ev(25, FlowKind.END)]
    clock = clock_state(ITEMS, events, at(90))
    assert clock.status is Status.ENDED
    assert clock.box(2).elapsed_seconds == 15 * 60
    assert clock.elapsed_seconds == 25 * 60
    assert clock.projected_end == at(25)
    assert describe(clock) == "ENDED"


def test_events_are_replayed_in_time_order_whatever_order_they_come_in():
    events = [ev(10, FlowKind.NEXT), ev(0, FlowKind.START)]
    assert clock_state(ITEMS, events, at(11)).box(1).elapsed_seconds == 600


def test_planned_end_and_drift():
    events = [ev(0, FlowKind.START), ev(4, FlowKind.NEXT)]
    clock = clock_state(ITEMS, events, at(4))
    assert clock.planned_end == at(60)
    assert clock.projected_end == at(54)
    assert clock.drift_seconds == -6 * 60


def test_extending_an_overrun_item_counts_from_now():
    events = [ev(0, FlowKind.START), ev(13, FlowKind.EXTEND, 1, 5)]  # 3 min over, then "five more minutes"
    clock = clock_state(ITEMS, events, at(13))
    assert clock.current.remaining_seconds == 5 * 60
    assert clock.current.changes == ("extended +5 min after 03:00 over",)


def test_add_move_and_retime_change_the_running_order_and_projection_not_the_plan():
    events = [
        ev(0, FlowKind.START),
        ClockEvent(at(1), FlowKind.ADD, 9, 5, position=1),
        ClockEvent(at(2), FlowKind.MOVE, 3, position=1),
        ClockEvent(at(3), FlowKind.RETIME, 2, 10),
    ]
    clock = clock_state(ITEMS, events, at(4))
    assert clock.order == [1, 3, 9, 2]
    assert clock.box(9).original_seconds is None and clock.box(9).changes == ("added during the meeting",)
    assert clock.box(2).changes == ("re-timed 20 → 10 min",)
    assert clock.planned_end == at(60)
    assert clock.projected_end == at(4 + 6 + 30 + 5 + 10)


def test_moves_never_put_an_item_before_the_current_one_or_move_one_that_ran():
    events = [
        ev(0, FlowKind.START), ev(1, FlowKind.NEXT),
        ClockEvent(at(2), FlowKind.MOVE, 3, position=0), ClockEvent(at(3), FlowKind.MOVE, 1, position=2),
    ]
    clock = clock_state(ITEMS, events, at(4))
    assert clock.order == [1, 2, 3]


def test_take_from_later_shrinks_in_proportion_to_keep_the_planned_end():
    events = [ev(0, FlowKind.START)]
    clock = clock_state(ITEMS, events, at(13))  # item 1 is 3 minutes over
    boxes = take_from_later(clock, 5)
    assert boxes == {2: 17, 3: 25}  # 42 minutes left for 50 planned, shared by size
    after = clock_state(
        ITEMS,
        events + [ev(13, FlowKind.EXTEND, 1, 5)] + [ClockEvent(at(13), FlowKind.RETIME, i, m) for i, m in boxes.items()],
        at(13),
    )
    assert after.projected_end == after.planned_end


def test_take_from_later_never_goes_below_one_minute():
    clock = clock_state([(1, 10), (2, 2), (3, 2)], [ev(0, FlowKind.START)], at(12))
    assert take_from_later(clock, 10) == {2: 1, 3: 1}
    assert take_from_later(clock_state([(1, 10)], [ev(0, FlowKind.START)], at(12)), 5) == {}


def test_events_for_unknown_items_are_ignored_not_fatal():
    clock = clock_state(ITEMS, [ev(0, FlowKind.START), ClockEvent(at(1), FlowKind.GOTO, 99)], at(2))
    assert clock.current_id == 1


def test_items_jumped_over_with_goto_still_count_toward_the_projected_end():
    clock = clock_state(ITEMS, [ev(0, FlowKind.START), ev(1, FlowKind.GOTO, 3)], at(2))
    # Item 1 ran (1 min, done), item 2 was jumped over (20 min still to run), item 3 has 29 left.
    assert clock.projected_end == at(2 + 20 + 29)


def test_preparation_stored_as_events_by_older_versions_is_the_plan():
    """Before the start, an added, moved, re-timed or skipped item changes the plan itself: no
    'added during the meeting', no 'skipped', and the meeting starts on the plan's first item."""
    events = [
        ClockEvent(at(-30), FlowKind.ADD, 4, 15, position=3),
        ClockEvent(at(-29), FlowKind.MOVE, 3, position=0),
        ev(-28, FlowKind.RETIME, 2, 25),
        ev(-27, FlowKind.SKIP, 1),
        ev(0, FlowKind.START),
    ]
    clock = clock_state(ITEMS, events, at(1))
    assert [(b.item_id, b.planned_seconds // 60, b.original_seconds // 60, b.changes, b.skipped) for b in clock.boxes] == [
        (3, 30, 30, (), False), (2, 25, 25, (), False), (4, 15, 15, (), False),
    ]
    assert clock.current_id == 3 and clock.planned_seconds == 70 * 60
