"""Faults that used to lose or garble data (issue 11), each reproduced."""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys

import pytest
import sqlite_utils

from facilitator.app import build_app
from facilitator.cli import main
from facilitator.demo import create_demo_meeting
from facilitator.minutes import build_minutes, render_markdown
from facilitator.session.meeting import MeetingSession
from facilitator.store import Store, StoreError
from facilitator.store.salvage import find_damage
from facilitator.templates import TemplateError, find_template, parse_template
from facilitator.widgets.capture_bar import CaptureBar
from pilot_helpers import type_line, until
from pty_app import PtyApp


async def test_a_database_file_deleted_while_the_meeting_runs_is_noticed_and_nothing_is_lost(store, clock, db_path):
    meeting_id = create_demo_meeting(store, clock())
    app = build_app(store, clock, meeting_id=meeting_id, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_line(pilot, "Saved before the file went")
        for suffix in ("", "-wal", "-shm"):
            db_path.with_name(db_path.name + suffix).unlink()
        for _ in range(40):  # the watcher looks every 0.3 s
            await pilot.pause(0.05)
            if app.screen.session.ctx.gone:
                break
        message = str(app.screen.query_one("#message").render())
        assert "was deleted or replaced" in message and "copied to" in message
        await type_line(pilot, "Typed after the file went")
        assert app.screen.query_one(CaptureBar).value == "Typed after the file went"  # kept, not saved anywhere lost
    [recovered] = db_path.parent.glob("meetings-recovered-*.db")
    copy = Store.open(recovered)
    texts = [e.text for e in copy.captures.entries(meeting_id)]
    assert texts[-1] == "Saved before the file went"


def meeting_with_notes(db_path, clock, notes: int = 600) -> tuple[int, int]:
    """A demo meeting with many notes, all checkpointed into the file; and one leaf page of its
    notes' search index (the page to damage)."""
    store = Store.open(db_path)
    meeting_id = create_demo_meeting(store, clock())
    session = MeetingSession(store, meeting_id, clock)
    for n in range(notes):
        assert session.apply(f"Note {n}: transport {n * 7} and clinic hours {n * 13}").ok
    conn = store.database.conn
    [(leaf,)] = conn.execute(
        "SELECT pageno FROM dbstat WHERE name = 'entries_fts_data' AND pagetype = 'leaf' ORDER BY pageno LIMIT 1 OFFSET 2"
    ).fetchall()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return meeting_id, leaf


def found(store, word: str) -> int:
    return store.db.execute("SELECT count(*) FROM entries_fts WHERE entries_fts MATCH ?", [word]).fetchone()[0]


def scribble(path, page: int, start: int, length: int) -> None:
    with open(path, "r+b") as file:
        file.seek((page - 1) * 4096 + start)
        file.write(bytes(random.Random(5).randrange(256) for _ in range(length)))


async def test_a_search_index_out_of_step_is_rebuilt_in_place_and_the_meeting_goes_on(tmp_path, clock):
    db_path = tmp_path / "m.db"
    meeting_id, leaf = meeting_with_notes(db_path, clock)
    scribble(db_path, leaf, 100, 2000)  # inside the page's cells: the pages hold, the index no longer matches
    store = Store.open(db_path)
    assert find_damage(store.database.conn).search_only == ("entries_fts",)
    app = build_app(store, clock, meeting_id=meeting_id, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: "rebuilt" in str(app.screen.query_one("#message").render()))
        assert "nothing was lost" in str(app.screen.query_one("#message").render())
        await type_line(pilot, "Typed after the repair: transport")
        assert app.screen.query_one(CaptureBar).value == ""
    assert find_damage(store.database.conn) is None
    assert found(store, "transport") == 601  # every note found again, and the new one


async def test_damaged_pages_stop_saving_and_a_sound_copy_keeps_every_note(tmp_path, clock):
    db_path = tmp_path / "m.db"
    meeting_id, leaf = meeting_with_notes(db_path, clock)
    scribble(db_path, leaf, 0, 12)  # the page's header: SQLite's quick check fails
    store = Store.open(db_path)
    assert find_damage(store.database.conn).search_only == ()
    app = build_app(store, clock, meeting_id=meeting_id, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.screen.session.ctx.gone is not None)
        message = " ".join(str(app.screen.query_one("#message").render()).split())
        assert "fails SQLite's integrity check" in message and "nothing more is saved into it" in message
        await type_line(pilot, "Typed after the damage was found")
        assert app.screen.query_one(CaptureBar).value == "Typed after the damage was found"  # kept, not saved into it
    [copy] = tmp_path.glob("m-recovered-*.db")
    sound = Store.open(copy)
    assert find_damage(sound.database.conn) is None
    assert sum(e.text.startswith("Note ") for e in sound.captures.entries(meeting_id)) == 600
    assert found(sound, "transport") == 600


def damaged(tmp_path, clock, offset: int | None, length: int):
    """The demo database with `length` random bytes at `offset` (None: over the page of the
    meetings table, which every command reads, wherever the schema puts it)."""
    path = tmp_path / "damaged.db"
    store = Store.open(path)
    create_demo_meeting(store, clock())
    store.database.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    if offset is None:
        [(page,)] = store.database.conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'meetings'").fetchall()
        offset = (page - 1) * length
    store.close()
    with open(path, "r+b") as file:
        file.seek(offset)
        file.write(bytes(random.Random(7).randrange(256) for _ in range(length)))
    return path


@pytest.mark.parametrize(("where", "offset", "length"), [("schema page", 100, 3000), ("a data page", None, 4096)])
def test_a_damaged_database_is_refused_with_a_message_never_a_traceback(tmp_path, clock, capsys, where, offset, length):
    path = damaged(tmp_path, clock, offset, length)
    before = path.read_bytes()
    for argv in (["list"], ["minutes", "1"], ["search", "county"], ["new", "--template", "kickoff", "--title", "x"]):
        code = main(["--db", str(path), *argv])
        err = capsys.readouterr().err
        assert code == 2 and "Traceback" not in err, (where, argv, err)
        assert "damaged" in err or "integrity check" in err or "could not be read" in err
    assert path.read_bytes() == before  # `new` wrote nothing into it


def test_new_refuses_a_file_that_fails_the_integrity_check(tmp_path, clock):
    path = damaged(tmp_path, clock, 4096 * 4, 4096)
    with pytest.raises(StoreError, match="integrity check"):
        Store.open(path).meetings.create(find_template("kickoff"), title="x", on=clock().date(), at=clock())


def test_bytes_from_the_terminal_that_are_not_utf8_never_kill_the_app(tmp_path):
    db = tmp_path / "u.db"
    app = PtyApp(["--db", str(db), "demo"], env={"TZ": "UTC"})
    try:
        app.wait_for("elapsed")
        app.type("abc")
        os.write(app.fd, b"\xff\xfe\xc3(")
        app.type("def\r")
        app.wait_for("abc")
        app.pump(0.5)
        assert "UnicodeDecodeError" not in app.text() and "elapsed" in app.text()
    finally:
        app.kill()
    store = Store.open(db)
    assert store.db.execute("SELECT text FROM entries ORDER BY id DESC LIMIT 1").fetchone()[0].startswith("abc\ufffd")


def test_leading_spaces_line_breaks_and_page_breaks(store, clock):
    session = MeetingSession(store, create_demo_meeting(store, clock()), clock)
    session.apply("    indented, as pasted")
    session.apply("/decide Adopt the charter:\n- article one\n- article two outcome:adopted")
    session.apply("one\x0btwo\x0cthree")
    [decision] = store.captures.decisions(session.meeting_id)
    assert decision.text == "Adopt the charter:\n- article one\n- article two"
    assert store.captures.entries(session.meeting_id)[2].text == "    indented, as pasted"
    text = render_markdown(build_minutes(store, session.meeting_id, clock()))
    assert "- one\ufffdtwo\ufffdthree" in text  # a vertical tab or form feed is no paragraph
    assert "**Decision:** Adopt the charter:  \n  \\- article one  \n  \\- article two" in text


@pytest.mark.parametrize(
    ("values", "says"),
    [
        ("minutes = true", "minutes: input should be a valid integer (got True)"),
        ('minutes = "10"', "minutes: input should be a valid integer (got '10')"),
        ("minutes = 5\ndots = 2.5", "dots: input should be a valid integer"),
    ],
)
def test_template_values_of_the_wrong_type_are_errors(values, says):
    source = f'title = "x"\n[[items]]\ntitle = "A"\nkind = "brainwriting"\n{values}\n'
    with pytest.raises(TemplateError) as refused:
        parse_template(source, "t.toml")
    assert any(says in str(problem) for problem in refused.value.problems), refused.value.problems


def test_a_deeply_nested_template_exits_2_with_a_message(tmp_path, capsys):
    deep = tmp_path / "deep.toml"
    deep.write_text('title = "x"\nitems = ' + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    assert main(["templates", "check", str(deep)]) == 2
    assert "nested too deeply" in capsys.readouterr().err


def test_python_m_facilitator_with_a_closed_pipe_exits_quietly(tmp_path):
    result = subprocess.run(
        f"{sys.executable} -m facilitator templates list | head -1", shell=True, capture_output=True, text=True, timeout=60
    )
    assert "Traceback" not in result.stderr and result.stdout.strip()


def test_a_migrated_database_keeps_attendance_and_check_ins(tmp_path, clock):
    """Schema 7 rebuilds two tables with a row id: what a schema 6 database held is still there."""
    from facilitator.store.schema import MIGRATIONS

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    db = sqlite_utils.Database(conn)
    for version, migration in enumerate(MIGRATIONS[:6], start=1):
        migration(db)
        conn.execute(f"PRAGMA user_version = {version}")
    conn.execute("INSERT INTO series (id, name, created_at) VALUES (1, 'S', '2026-03-12T14:00:00+00:00')")
    conn.execute("INSERT INTO people (id, series_id, name, sector) VALUES (1, 1, 'Amara', 'community members')")
    conn.execute("INSERT INTO meetings (id, series_id, title, date, created_at) VALUES (1, 1, 'M', '2026-03-12', 'x')")
    conn.execute("INSERT INTO agenda_items (id, meeting_id, position, title, kind, planned_minutes) VALUES (1, 1, 1, 'C', 'checkin', 5)")
    conn.execute("INSERT INTO attendance VALUES (1, 1, 'late', '2026-03-12T14:05:00+00:00')")
    conn.execute("INSERT INTO checkin_order VALUES (1, 1, 1, 1, '2026-03-12T14:00:00+00:00')")
    conn.execute("INSERT INTO checkin_answers VALUES (1, 1, 1, 'Hopeful', 0, '2026-03-12T14:06:00+00:00')")
    conn.execute(
        "INSERT INTO entries (id, meeting_id, item_id, kind, text, created_at) VALUES (1, 1, 1, 'note', 'n', '2026-03-12T14:07:00+00:00')"
    )
    conn.close()
    store = Store.open(path)
    assert [(r.person.name, r.status.value) for r in store.people.attendance(1)] == [("Amara", "late")]
    assert [(s.person.name, s.answer, s.person.community) for s in store.checkin.seats(1)] == [("Amara", "Hopeful", True)]
    assert store.captures.numbers(1) == {("checkin", 1): 1, ("entries", 1): 2}
