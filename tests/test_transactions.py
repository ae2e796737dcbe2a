"""One command is one transaction: a fault part-way through saves nothing, a retry saves once,
and a busy database never makes the screen wait."""

from __future__ import annotations

import sqlite3

import pytest

from facilitator.app import build_app
from facilitator.demo import create_demo_meeting
from facilitator.session.meeting import MeetingSession
from facilitator.store import Store
from facilitator.widgets.capture_bar import CaptureBar
from pilot_helpers import type_line


class LockedOnce:
    """Stand between the store and its connection, and make the `n`-th write (INSERT, UPDATE,
    DELETE) of what follows, or its COMMIT, fail once with "database is locked"."""

    def __init__(self, store: Store, n: int | str) -> None:
        self.conn = store.database.conn
        self.n = n
        self.writes = 0
        self.fired = False
        store.database.conn = self  # type: ignore[assignment]

    def execute(self, sql, params=()):
        verb = sql.lstrip().split(None, 1)[0].upper()
        if verb in ("INSERT", "UPDATE", "DELETE"):
            self.writes += 1
        if not self.fired and (self.writes == self.n if verb in ("INSERT", "UPDATE", "DELETE") else verb == self.n):
            self.fired = True
            raise sqlite3.OperationalError("database is locked")
        return self.conn.execute(sql, params)

    def __getattr__(self, name):
        return getattr(self.conn, name)


def counts(store, meeting_id):
    one = lambda sql: store.db.execute(sql, [meeting_id]).fetchone()[0]  # noqa: E731
    return (
        one("SELECT count(*) FROM checkin_answers WHERE meeting_id = ?"),
        one("SELECT count(*) FROM turns WHERE meeting_id = ?"),
        one("SELECT count(*) FROM attendance WHERE meeting_id = ?"),
    )


@pytest.fixture
def round_under_way(store, clock):
    meeting_id = create_demo_meeting(store, clock())
    session = MeetingSession(store, meeting_id, clock)
    session.apply("/next")  # the introductions round
    assert session.checkin.next_speaker().ok  # seated; Amara has the floor
    return session


@pytest.mark.parametrize("failing_statement", [1, 2, 3, "COMMIT"])
def test_a_check_in_answer_that_fails_part_way_saves_nothing_and_its_retry_saves_once(store, clock, round_under_way, failing_statement):
    session = round_under_way
    before = counts(store, session.meeting_id)
    clock.advance(30)
    fault = LockedOnce(store, failing_statement)  # the answer, the end of Amara's turn, the start of Luis's, the commit
    first = session.checkin.answer("Hopeful about the housing vote")
    assert fault.fired and first.busy and not first.ok
    assert counts(store, session.meeting_id) == before  # nothing of the command was kept
    second = session.checkin.answer("Hopeful about the housing vote")
    assert second.ok and second.message.endswith("Next: Luis Ortega.")
    answers = store.db.execute("SELECT answer FROM checkin_answers").fetchall()
    assert answers == [("Hopeful about the housing vote",)]
    # One turn ended (Amara's), one begun (Luis's): as if the fault never happened.
    turns = [(t.person_id, t.ended_at is None) for t in store.voices.turns(session.meeting_id)]
    people = {p.name: p.id for p in session.roster}
    assert turns == [(people["Amara Okafor"], False), (people["Luis Ortega"], True)]


def test_a_refused_command_rolls_back_what_it_wrote_before_the_refusal(store, clock, round_under_way):
    """`/end` with flagged actions writes nothing; the warning is a refusal, not half an end."""
    session = round_under_way
    session.apply("/action Book the room")
    events = len(store.agenda.events(session.meeting_id))
    assert not session.apply("/end").ok
    assert len(store.agenda.events(session.meeting_id)) == events
    assert session.apply("/end").ok


async def test_a_line_typed_while_another_seat_holds_the_database_is_saved_once_in_order(store, clock, db_path):
    meeting_id = create_demo_meeting(store, clock())
    other_seat = sqlite3.connect(db_path, isolation_level=None)
    app = build_app(store, clock, meeting_id=meeting_id, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        bar = app.screen.query_one(CaptureBar)
        other_seat.execute("BEGIN IMMEDIATE")  # the other seat is in the middle of a write
        await type_line(pilot, "Grace: the hospital will share its data")
        await type_line(pilot, "/next")
        await type_line(pilot, "Luis will draft the data agreement")
        assert bar.value == ""  # each line left the bar; nothing was glued to the next
        assert "Saving 3 lines" in str(app.screen.query_one("#message").render())
        ticks = app.screen.session.clock().now
        await pilot.pause(0.3)  # the screen keeps running: the timer retries, nothing sleeps
        assert app.screen.session.clock().now == ticks and app.is_running
        other_seat.execute("COMMIT")
        for _ in range(40):
            await pilot.pause(0.05)
            if not app.screen._pending:
                break
        assert not app.screen._pending
        notes = app.screen.query_one("#notes").lines_text()
        assert any("Luis will draft the data agreement" in line for line in notes)
    rows = store.db.execute("SELECT item_id, text FROM entries WHERE id > 2 ORDER BY id").fetchall()
    agenda = store.agenda.items(meeting_id)
    assert rows == [(agenda[0].id, "Grace: the hospital will share its data"), (agenda[1].id, "Luis will draft the data agreement")]
    other_seat.close()
