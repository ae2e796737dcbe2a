"""Pilot tests: press the keys a note-taker presses, then read the database and the minutes."""

from __future__ import annotations

from facilitator.app import build_app
from facilitator.demo import create_demo_meeting
from facilitator.minutes import build_minutes, render_markdown
from facilitator.screens.live import LiveScreen
from facilitator.screens.minutes_preview import MinutesScreen
from facilitator.screens.setup import SetupScreen
from facilitator.widgets.capture_bar import CaptureBar
from pilot_helpers import type_line


async def test_demo_meeting_notes_next_and_end(store, clock):
    meeting_id = create_demo_meeting(store, clock())
    app = build_app(store, clock, meeting_id=meeting_id, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        assert isinstance(app.screen, LiveScreen)
        await type_line(pilot, "Amara: start from what tenants told us")
        await type_line(pilot, "Luis will share the county's asthma data")
        await type_line(pilot, "<b>Grace</b> [bold]not bold[/bold] # not a heading")
        clock.advance(minutes=2)
        await type_line(pilot, "/next")
        await type_line(pilot, "Dev: schools see the same families")
        clock.advance(minutes=10)
        await type_line(pilot, "/end")
        await pilot.pause()
        assert isinstance(app.screen, MinutesScreen)

    agenda = store.agenda.items(meeting_id)
    rows = store.db.execute("SELECT item_id, text FROM entries WHERE id > 2 ORDER BY id").fetchall()
    assert rows == [
        (agenda[0].id, "Amara: start from what tenants told us"),
        (agenda[0].id, "Luis will share the county's asthma data"),
        (agenda[0].id, "<b>Grace</b> [bold]not bold[/bold] # not a heading"),
        (agenda[1].id, "Dev: schools see the same families"),
    ]
    text = render_markdown(build_minutes(store, meeting_id, clock()))
    welcome = text.split("## 1. ")[1].split("## 2. ")[0]
    intros = text.split("## 2. ")[1].split("## 3. ")[0]
    assert "- Amara: start from what tenants told us" in welcome
    assert "- Luis will share the county's asthma data" in welcome
    assert "- \\<b\\>Grace\\</b\\> \\[bold\\]not bold\\[/bold\\] # not a heading" in welcome
    assert "- Dev: schools see the same families" in intros
    assert "(ended)" in text


async def test_a_command_it_cannot_parse_keeps_the_text_and_says_why(store, clock):
    meeting_id = create_demo_meeting(store, clock())
    app = build_app(store, clock, meeting_id=meeting_id, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await type_line(pilot, "/goto twelve")
        bar = app.screen.query_one(CaptureBar)
        assert bar.value == "/goto twelve"
        assert "whole number" in str(app.screen.query_one("#message").render())
        assert bar.has_class("-error")
    assert store.db.execute("SELECT count(*) FROM entries").fetchone()[0] == 2


async def test_hotkeys_move_the_meeting_and_text_being_typed_stays(store, clock):
    meeting_id = create_demo_meeting(store, clock())
    app = build_app(store, clock, meeting_id=meeting_id, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await type_line(pilot, "half a thought", enter=False)
        await pilot.press("ctrl+n")
        assert screen.session.clock().current_index == 1
        assert screen.query_one(CaptureBar).value == "half a thought"
        await pilot.press("ctrl+t")
        assert screen.session.clock().status.value == "paused"
        await pilot.press("ctrl+t", "ctrl+g", "ctrl+b")
        clock_now = screen.session.clock()
        assert clock_now.status.value == "running" and clock_now.current_index == 0
        assert clock_now.box(store.agenda.items(meeting_id)[1].id).extended_seconds == 60
    kinds = [e.kind.value for e in store.agenda.events(meeting_id)]
    assert kinds == ["start", "next", "pause", "resume", "extend", "back"]


async def test_home_screen_opens_a_meeting_and_prepares_a_new_one(store, clock):
    create_demo_meeting(store, clock())
    app = build_app(store, clock, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+n")
        await type_line(pilot, "April coalition meeting", enter=False)
        await pilot.press("tab", "tab")
        await type_line(pilot, "eastside")  # the start of the demo's series, any case: joins it
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)  # a meeting not yet started opens on its setup
        await pilot.press("escape")
        assert isinstance(app.screen, LiveScreen)
        assert app.screen.session.meeting.title == "April coalition meeting"
        await pilot.press("ctrl+o")
        await pilot.press("down", "enter")
        assert isinstance(app.screen, LiveScreen)
        assert app.screen.session.meeting.title == "Eastside partner kick-off"
    titles = [m.title for m in store.meetings.all()]
    assert sorted(titles) == ["April coalition meeting", "Eastside partner kick-off"]
    assert store.meetings.all()[0].series_name == "Eastside Health Equity Coalition"


async def test_leaving_a_meeting_opened_directly_shows_the_meetings(store, clock):
    meeting_id = create_demo_meeting(store, clock())
    app = build_app(store, clock, meeting_id=meeting_id, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+o")
        from facilitator.screens.home import HomeScreen

        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query_one("#meetings").row_count == 1
        await pilot.press("enter")
        assert isinstance(app.screen, LiveScreen)


async def test_the_newest_note_is_in_view_when_a_long_item_opens_and_after_each_note(store, clock):
    meeting_id = create_demo_meeting(store, clock())
    item = store.agenda.items(meeting_id)[0].id
    for n in range(80):
        store.captures.add_entry(meeting_id, item, f"earlier note {n}", at=clock())
    app = build_app(store, clock, meeting_id=meeting_id, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        notes = app.screen.query_one("#notes")
        assert notes.max_scroll_y > 0 and notes.scroll_offset.y == notes.max_scroll_y
        await type_line(pilot, "the newest note")
        assert notes.scroll_offset.y == notes.max_scroll_y
        assert notes.lines_text()[-1].endswith("the newest note")


async def test_key_bar_shows_the_keys_that_work_now_and_a_click_runs_one(store, clock):
    from facilitator.widgets.key_bar import KeyBar

    meeting_id = create_demo_meeting(store, clock())
    app = build_app(store, clock, meeting_id=meeting_id, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        bar = app.screen.query_one(KeyBar)
        line = str(bar.render())
        assert line.split() == ["f1", "Help", "^n", "Next", "^b", "Back", "^t", "Pause", "^g", "+1", "min", "^l", "Park",
                                "^r", "Voices", "▏", "^p", "palette"]
        await pilot.hover(KeyBar, offset=(line.index("^r") + 1, 0))
        assert bar.tooltip.startswith("Speaking time by person")  # what the key does, from keys.py
        await pilot.click(KeyBar, offset=(line.index("^n") + 1, 0))
        await pilot.pause()
        assert app.screen.session.current_item().position == 2  # the introductions round
        assert "Next speaker" in str(bar.render())  # a check-in's keys, only while it runs


async def test_on_a_short_terminal_the_countdown_gives_its_rows_to_the_notes(store, clock):
    meeting_id = create_demo_meeting(store, clock())
    app = build_app(store, clock, meeting_id=meeting_id, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.has_class("-short")
        assert not screen.query_one("#countdown").display
        assert str(screen.query_one("#box-state").render()).startswith("01:40 · ")  # time left, then the words
        short_notes = screen.query_one("#notes").size.height
        await pilot.resize_terminal(80, 40)
        await pilot.pause()
        assert screen.has_class("-tall") and screen.query_one("#countdown").display
        assert not str(screen.query_one("#box-state").render()).startswith("01:40")
        assert screen.query_one("#notes").size.height > short_notes


async def test_keys_still_coming_when_the_meeting_ends_do_not_open_the_record_or_an_export(store, clock):
    """A fast typist's '- send the draft' after /end: its 'e' and 'd' must not open the record or write an email."""
    from facilitator.screens.record import RecordScreen

    meeting_id = create_demo_meeting(store, clock())
    app = build_app(store, clock, meeting_id=meeting_id, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_line(pilot, "/end")
        await pilot.press(*"- send the draft", "enter")
        assert isinstance(app.screen, MinutesScreen)
        clock.advance(MinutesScreen.GRACE)  # a moment later, the keys work
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, RecordScreen)
    assert store.db.execute("SELECT count(*) FROM corrections WHERE subject != 'people'").fetchone()[0] == 0


async def test_the_newest_note_stays_in_sight_when_the_panel_above_grows(store, clock):
    """Ideas fill the brainwriting panel, which pushes the notes view shorter: the newest
    note must still be on screen, not hidden below a view that stopped following."""
    from facilitator.session.meeting import MeetingSession
    from facilitator.templates import find_template
    from facilitator.widgets.notes_view import NotesView

    meeting_id = store.meetings.create(find_template("mission-vision-brainwriting"), title="Vision night", on=clock().date(),
                                       at=clock(), series="Eastside")
    session = MeetingSession(store, meeting_id, clock)
    session.apply("/start")
    session.apply("/goto 2")
    app = build_app(store, clock, meeting_id=meeting_id, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        notes = app.screen.query_one(NotesView)
        for n in range(16):
            await type_line(pilot, f"Idea number {n}")
            await pilot.pause()
            assert notes.scroll_offset.y == notes.max_scroll_y, n
        assert notes.lines_text()[-1].endswith("16. Idea number 15")
