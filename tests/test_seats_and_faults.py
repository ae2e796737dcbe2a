"""Two seats on one meeting, faults survived with nothing lost, and hostile text through the bar."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from facilitator.app import build_app
from facilitator.cli import main
from facilitator.demo import create_demo_meeting
from facilitator.session.meeting import MeetingSession
from facilitator.store import Store, StoreError
from facilitator.widgets.capture_bar import CaptureBar
from hostile import HOSTILE
from pilot_helpers import type_line, until

WRITER = textwrap.dedent(
    """
    import sys
    from datetime import datetime, timezone
    from facilitator.store import Store
    store = Store.open(sys.argv[1])
    meeting, item, seat = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    for n in range(1000):
        store.captures.add_entry(meeting, item, f"{seat}-{n}", at=datetime.now(timezone.utc))
    """
)


def test_two_writer_processes_lose_and_duplicate_nothing(store, clock, db_path):
    meeting_id = create_demo_meeting(store, clock())
    item = store.agenda.items(meeting_id)[0].id
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(db_path), str(meeting_id), str(item), seat], stderr=subprocess.PIPE, text=True)
        for seat in ("a", "b")
    ]
    errors = [w.communicate(timeout=120)[1] for w in writers]
    assert [w.returncode for w in writers] == [0, 0], errors
    texts = [t for (t,) in store.db.execute("SELECT text FROM entries WHERE text GLOB '[ab]-*'")]
    assert len(texts) == 2000 and len(set(texts)) == 2000


async def test_an_entry_typed_in_one_seat_appears_in_the_other(store, clock, db_path):
    meeting_id = create_demo_meeting(store, clock())
    facilitator = build_app(store, clock, meeting_id=meeting_id, cursor_blink=False)
    projector = build_app(db_path, clock, meeting_id=meeting_id, cursor_blink=False, view_only=True)
    async with facilitator.run_test(size=(120, 40)) as seat_one, projector.run_test(size=(120, 40)) as seat_two:
        assert not projector.screen.query(CaptureBar)  # the projected seat has no capture bar
        await type_line(seat_one, "Grace: the hospital will share its data")
        await type_line(seat_one, "/next")
        for _ in range(10):  # within one second
            await seat_two.pause(0.1)
            if projector.screen.session.clock().current_index == 1:
                break
        notes_before = projector.screen.query_one("#agenda").render()
        assert projector.screen.session.clock().current_index == 1
        assert "▶ 2 Introductions round" in str(notes_before)
        await seat_two.press("ctrl+n")  # hotkeys that change things are off in a read-only seat
        assert facilitator.screen.session.clock().current_index == 1
    assert store.db.execute("SELECT count(*) FROM entries WHERE text LIKE 'Grace:%'").fetchone()[0] == 1


def test_read_only_seat_cannot_write(store, clock, db_path):
    meeting_id = create_demo_meeting(store, clock())
    viewer = Store.open(db_path, readonly=True)
    session = MeetingSession(viewer, meeting_id, clock)
    outcome = session.apply("a note from the projector")
    assert outcome.error.startswith("This seat is read-only")
    assert store.db.execute("SELECT count(*) FROM entries").fetchone()[0] == 2


def test_disk_full_keeps_what_was_saved_and_says_so(store, clock):
    meeting_id = create_demo_meeting(store, clock())
    session = MeetingSession(store, meeting_id, clock)
    assert session.apply("saved before the disk filled").ok
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own way to make the disk 'full'
    outcome = session.apply("x" * 20_000)
    assert "the disk is full" in outcome.error and "your text is still in the bar" in outcome.error
    store.db.execute("PRAGMA max_page_count = 1073741823")
    assert session.apply("saved after space was freed").ok
    texts = [t for (t,) in store.db.execute("SELECT text FROM entries ORDER BY id")][2:]
    assert texts == ["saved before the disk filled", "saved after space was freed"]


def fill_the_disk(store) -> None:
    """SQLite's own way to make the disk full for this connection: no page may be added (a line
    longer than a page's free room then cannot be saved)."""
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages}")


def free_the_disk(store) -> None:
    store.db.execute("PRAGMA max_page_count = 1073741823")


async def test_lines_typed_on_a_full_disk_wait_in_order_and_are_all_saved_once_space_frees(store, clock):
    meeting_id = create_demo_meeting(store, clock())
    app = build_app(store, clock, meeting_id=meeting_id, cursor_blink=False)
    typed = [f"Line {n:02}: " + "the clinic's hours, again; " * 200 + "end" for n in range(30)]  # longer than a page
    async with app.run_test(size=(80, 24)) as pilot:
        bar = app.screen.query_one(CaptureBar)
        fill_the_disk(store)
        for line in typed:
            bar.insert_text_at_cursor(line)  # as a paste would
            await pilot.press("enter")
            assert bar.value == ""  # never glued to, or replaced by, the next line
        message = str(app.screen.query_one("#message").render())
        assert "30 lines waiting: the disk is full" in message
        assert not store.db.execute("SELECT count(*) FROM entries WHERE text LIKE 'Line %'").fetchone()[0]
        await pilot.press("ctrl+o")  # leaving the meeting would leave them behind: refused, said again
        assert app.screen is not None and app.screen.query_one(CaptureBar) is bar
        free_the_disk(store)
        await until(pilot, lambda: not app.screen.waiting)
    saved = [text for (text,) in store.db.execute("SELECT text FROM entries WHERE text LIKE 'Line %' ORDER BY id")]
    assert saved == typed


async def test_quitting_while_lines_wait_for_a_full_disk_writes_them_to_a_file_it_names(store, clock, db_path, capsys):
    meeting_id = create_demo_meeting(store, clock())
    app = build_app(store, clock, meeting_id=meeting_id, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await type_line(pilot, "saved before the disk filled")
        fill_the_disk(store)
        for line in ("First waiting line " + "z" * 5000, "Second: /park not run, kept as typed " + "z" * 5000):
            app.screen.query_one(CaptureBar).insert_text_at_cursor(line)  # as a paste would
            await pilot.press("enter")
        await pilot.press("ctrl+q")
        await pilot.pause()
    [kept] = db_path.parent.glob("meetings-unsaved-*.txt")
    z = "z" * 5000
    assert kept.read_text(encoding="utf-8") == f"First waiting line {z}\nSecond: /park not run, kept as typed {z}\n"
    said = " ".join(capsys.readouterr().err.split())
    assert app.return_code == 2 and "2 lines could not be saved (the disk is full); they are in" in said


async def test_when_no_file_can_be_written_either_the_waiting_lines_are_printed_on_exit(store, clock, monkeypatch, capsys):
    import errno
    import os

    real_open = os.open

    def disk_full(path, *args, **kwargs):  # the disk is full for every new file too (ENOSPC at the boundary)
        if "-unsaved-" in str(path):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", disk_full)
    meeting_id = create_demo_meeting(store, clock())
    app = build_app(store, clock, meeting_id=meeting_id, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        fill_the_disk(store)
        app.screen.query_one(CaptureBar).insert_text_at_cursor("Nobody may lose this " + "q" * 5000)
        await pilot.press("enter")
        await pilot.press("ctrl+q")
        await pilot.pause()
    err = capsys.readouterr().err
    assert app.return_code == 2 and "1 line could not be saved or written to a file" in " ".join(err.split())
    assert "Nobody may lose this " + "q" * 5000 in err.replace("\n", "")


def test_an_existing_file_we_cannot_write_is_refused_with_advice(db_path, monkeypatch):
    Store.open(db_path).close()
    monkeypatch.setattr("facilitator.store.database.os.access", lambda path, mode: str(path) != str(db_path))
    with pytest.raises(StoreError, match="not writable by you.*--view"):
        Store.open(db_path)


def test_a_database_in_a_read_only_folder_gets_a_true_message_and_view_still_works(store, clock, db_path, monkeypatch):
    """SQLite needs the folder (for -wal and -shm), not just the file. Root ignores permissions,
    so the folder's refusal is simulated where the app asks for it."""
    meeting_id = create_demo_meeting(store, clock())
    store.database.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    for suffix in ("-wal", "-shm"):
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
    monkeypatch.setattr("facilitator.store.database.os.access", lambda path, mode: str(path) != str(db_path.parent))
    with pytest.raises(StoreError, match="folder .* is read-only.*-wal.*--view"):
        Store.open(db_path)
    viewer = Store.open(db_path, readonly=True)  # read as it stands, making no -shm beside it
    assert viewer.meetings.get(meeting_id).title == "Eastside partner kick-off"
    assert not db_path.with_name(db_path.name + "-shm").exists()


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"SQLite format 3\x00" + b"\xff" * 4000, "restore a backup"),
        (b"my notes, not a database\n" * 100, "not a Facilitator database"),
    ],
)
def test_damaged_files_are_refused_untouched_without_a_traceback(tmp_path, capsys, content, says):
    bad = tmp_path / "bad.db"
    bad.write_bytes(content)
    assert main(["--db", str(bad), "run", "1"]) == 2
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err
    assert bad.read_bytes() == content


async def test_hostile_text_through_the_capture_bar_is_stored_exactly(store, clock):
    from textual import events

    meeting_id = create_demo_meeting(store, clock())
    app = build_app(store, clock, meeting_id=meeting_id, cursor_blink=False)
    corpus = [*HOSTILE, "lone \ud800 surrogate", "pasted\nover\r\nthree lines"]
    async with app.run_test(size=(80, 24)) as pilot:
        bar = app.screen.query_one(CaptureBar)
        for text in corpus:
            bar.post_message(events.Paste(text if not text.startswith("/") else "/" + text))
            await pilot.pause()
            await pilot.press("enter")
        assert app.screen.query_one(CaptureBar).value == ""
        assert app.is_running  # the screen survived every string
        shown = app.screen.query_one("#notes").lines_text()
        assert not any(ch in line for line in shown for ch in "\x1b\x00\x07\n")  # nothing that moves the terminal
        assert any("[bold]not rich markup[/bold]" in line for line in shown)  # markup shown, not interpreted
    stored = [t for (t,) in store.db.execute("SELECT text FROM entries ORDER BY id")][2:]
    expected = [t for t in HOSTILE] + ["lone \ufffd surrogate", "pasted\nover\nthree lines"]
    assert stored == [t.strip() for t in expected]
