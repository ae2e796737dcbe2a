"""The store: durable settings, a private file, forward-only migrations, and refusals that touch nothing."""

from __future__ import annotations

import sqlite3
import stat

import pytest

from conftest import T0
from facilitator.clock import ClockEvent, FlowKind
from facilitator.models import AttendanceStatus
from facilitator.store import SCHEMA_VERSION, Store, StoreError
from facilitator.templates import find_template


def test_wal_full_sync_and_foreign_keys_are_on(store):
    pragma = lambda name: store.db.execute(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
    assert pragma("journal_mode") == "wal"
    assert pragma("synchronous") == 2  # FULL
    assert pragma("foreign_keys") == 1
    assert pragma("busy_timeout") == 5000


def test_database_file_is_private(db_path, store):
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600


def test_migrates_an_empty_file_to_the_current_schema(db_path):
    db_path.touch()
    store = Store.open(db_path)
    assert store.schema_version == SCHEMA_VERSION
    assert {"series", "meetings", "people", "attendance", "agenda_items", "entries", "clock_events"} <= set(
        store.db.table_names()
    )


def test_reopening_keeps_data_and_does_not_migrate_again(db_path, store):
    meeting_id = store.meetings.create(find_template("partner-kickoff"), title="Kick-off", on=T0.date(), at=T0)
    store.close()
    again = Store.open(db_path)
    assert again.meetings.get(meeting_id).title == "Kick-off"
    assert again.schema_version == SCHEMA_VERSION


def test_a_newer_database_is_refused_and_left_untouched(db_path):
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(StoreError, match="newer Facilitator"):
        Store.open(db_path)
    assert db_path.read_bytes() == before


def test_a_file_that_is_not_a_database_is_refused_and_left_untouched(db_path):
    db_path.write_bytes(b"these are my meeting notes, not a database\n" * 200)
    before = db_path.read_bytes()
    with pytest.raises(StoreError, match="not a Facilitator database"):
        Store.open(db_path)
    assert db_path.read_bytes() == before


def test_an_unwritable_place_gets_a_clear_error(tmp_path):
    # A regular file where a folder should be: refused even when running as root.
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="cannot create the database"):
        Store.open(blocker / "meetings.db")


def test_meeting_from_template_keeps_agenda_order_series_and_ground_rules(store):
    template = find_template("coalition-meeting")
    meeting_id = store.meetings.create(template, title="March", on=T0.date(), at=T0, series="Eastside")
    meeting = store.meetings.get(meeting_id)
    assert meeting.series_name == "Eastside"
    assert meeting.ground_rules == template.ground_rules
    agenda = store.agenda.items(meeting_id)
    assert [i.title for i in agenda] == [i.title for i in template.items]
    assert [i.position for i in agenda] == list(range(1, len(agenda) + 1))
    # A second meeting of the same series reuses the series row.
    second = store.meetings.create(template, title="April", on=T0.date(), at=T0, series="Eastside")
    assert store.meetings.get(second).series_id == meeting.series_id


def test_entries_clock_events_and_attendance_round_trip(store):
    meeting_id = store.meetings.create(find_template("partner-kickoff"), title="K", on=T0.date(), at=T0, series="S")
    item = store.agenda.items(meeting_id)[1]
    entry = store.captures.add_entry(meeting_id, item.id, "Exact text <b> [bold] \x1b[31m", at=T0)
    assert store.captures.entries(meeting_id, item.id) == [entry]
    store.agenda.add_event(meeting_id, ClockEvent(T0, FlowKind.START))
    store.agenda.add_event(meeting_id, ClockEvent(T0, FlowKind.EXTEND, item.id, 3))
    assert store.agenda.events(meeting_id)[1] == ClockEvent(T0, FlowKind.EXTEND, item.id, 3)
    [person] = store.people.add_many(store.meetings.get(meeting_id).series_id, [("Ana", "Clinic", "health care", "member")])
    store.people.mark(meeting_id, person.id, AttendanceStatus.LATE, T0)
    [record] = store.people.attendance(meeting_id)
    assert (record.person.name, record.status, record.at) == ("Ana", AttendanceStatus.LATE, T0)


def test_meeting_roles_are_keyed_by_the_meeting_role_not_the_roster_role(store):
    meeting_id = store.meetings.create(find_template("partner-kickoff"), title="K", on=T0.date(), at=T0, series="S")
    roster = [("Ana", "Clinic", "health care", "co-chair"), ("Ben", "", "", "member")]
    ana, ben = store.people.add_many(store.meetings.get(meeting_id).series_id, roster)
    store.meetings.set_role(meeting_id, "facilitator", ana.id)
    store.meetings.set_role(meeting_id, "note-taker", ben.id)
    roles = store.meetings.roles(meeting_id)
    assert {role: person.name for role, person in roles.items()} == {"facilitator": "Ana", "note-taker": "Ben"}
    assert roles["facilitator"].role == "co-chair"  # the person keeps their roster role


def test_unknown_meeting_is_a_key_error(store):
    with pytest.raises(KeyError):
        store.meetings.get(99)


def test_a_second_demo_in_one_database_meets_the_same_people(store, clock):
    from facilitator.demo import DEMO_ROSTER, create_demo_meeting

    first = create_demo_meeting(store, clock())
    second = create_demo_meeting(store, clock.advance(minutes=5))
    series_id = store.meetings.get(second).series_id
    assert store.meetings.get(first).series_id == series_id
    assert sorted(p.name for p in store.people.roster(series_id)) == sorted(row[0] for row in DEMO_ROSTER)


def test_every_full_text_index_is_kept_current_by_triggers_after_all_migrations(store, clock):
    """A migration that rebuilds a table drops its triggers, and search silently stops finding new notes."""
    indexed = [name.removesuffix("_fts") for (name,) in store.db.execute("SELECT name FROM sqlite_master WHERE name LIKE '%_fts'")]
    assert set(indexed) == {"entries", "decisions", "next_steps", "checkin_answers", "evaluations"}
    for table in indexed:
        triggers = {row[0] for row in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", [table])}
        assert len(triggers) == 3, (table, triggers)  # insert, update, delete
    from facilitator.demo import create_demo_meeting

    create_demo_meeting(store, clock())
    assert [hit["kind"] for hit in store.archive.search("county's priorities")] == ["note"]


def test_search_merges_the_newest_matches_of_every_kind(store, clock):
    """Each kind is cut to its newest `limit` before the merge; the merge is still the newest of all."""
    from datetime import timedelta

    from facilitator.templates import find_template

    for day in range(4):
        at = clock() + timedelta(days=7 * day)
        meeting_id = store.meetings.create(find_template("coalition-meeting"), title=f"M{day}", on=at.date(), at=at, series="S")
        item = store.agenda.items(meeting_id)[-2].id
        store.captures.add_entry(meeting_id, item, f"bus route note {day}", at=at)
        store.captures.add_decision(meeting_id, item, f"bus route decision {day}", at=at + timedelta(minutes=1))
    found = [hit["text"] for hit in store.archive.search("bus route", limit=3)]
    assert found == ["bus route decision 3", "bus route note 3", "bus route decision 2"]  # newest meeting, then newest time
    page_two = [hit["text"] for hit in store.archive.search("bus route", limit=3, offset=3)]
    assert page_two == ["bus route note 2", "bus route decision 1", "bus route note 1"]
    assert store.archive.search_count("bus route") == 8 and store.archive.search_count("bus route", series="Other") == 0
