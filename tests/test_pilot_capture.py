"""Pilot tests of the capture bar in full: every command, Tab completion, history and hotkeys."""

from __future__ import annotations

from facilitator.app import build_app
from facilitator.demo import create_demo_meeting
from facilitator.screens.help import HelpScreen
from facilitator.screens.live import LiveScreen
from facilitator.screens.minutes_preview import MinutesScreen
from facilitator.screens.setup import SetupScreen
from facilitator.screens.time_choices import TimeChoicesScreen
from facilitator.widgets.capture_bar import CaptureBar
from pilot_helpers import type_line


def demo(store, clock, **kwargs):
    meeting_id = create_demo_meeting(store, clock())
    return meeting_id, build_app(store, clock, meeting_id=meeting_id, cursor_blink=False, **kwargs)


def rows(store, sql):
    return store.db.execute(sql).fetchall()


async def test_every_capture_command_lands_in_the_database(store, clock):
    meeting_id, app = demo(store, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        for line in [
            "/idea Free bus passes on clinic days",
            "/decide Meet monthly at the library outcome:adopted for=6 against=0 abstain=1",
            "/action Share the asthma data @luis due:2026-03-20",
            "/park Hospital parking fees",
            "/speak Amara",
            "/late Rosa",
            "/left Dev",
            "/add Budget update min:5",
            "/retime 2 6",
            "/move 3 4",
        ]:
            await type_line(pilot, line)
            assert app.screen.query_one(CaptureBar).value == "", line
        clock.advance(minutes=2)
        for line in ["/pause", "/resume", "/extend 3", "/next", "/back", "/goto 3", "/skip", "/x 2"]:
            await type_line(pilot, line)
            assert app.screen.query_one(CaptureBar).value == "", line
        await type_line(pilot, "/end")
    assert rows(store, "SELECT kind, text FROM entries WHERE id > 2") == [
        ("idea", "Free bus passes on clinic days"),
        ("park", "Hospital parking fees"),
    ]
    assert rows(store, "SELECT text, outcome, votes_for, votes_against, votes_abstain FROM decisions") == [
        ("Meet monthly at the library", "adopted", 6, 0, 1)
    ]
    assert rows(store, "SELECT text, owner_name, due FROM next_steps") == [("Share the asthma data", "Luis Ortega", "2026-03-20")]
    assert rows(store, "SELECT p.name FROM turns t JOIN people p ON p.id = t.person_id") == [("Amara Okafor",)]
    attendance = dict(rows(store, "SELECT p.name, a.status FROM attendance a JOIN people p ON p.id = a.person_id"))
    assert attendance["Rosa Delgado"] == "late" and attendance["Dev Patel"] == "left early"
    kinds = [kind for (kind,) in rows(store, "SELECT kind FROM clock_events ORDER BY id")]
    assert kinds == ["start", "add", "retime", "move", "pause", "resume", "extend", "next", "back", "goto", "skip", "extend", "end"]


async def test_tab_completes_commands_and_roster_names(store, clock):
    meeting_id, app = demo(store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        bar = app.screen.query_one(CaptureBar)
        await type_line(pilot, "/act", enter=False)
        await pilot.press("tab")
        assert bar.value == "/action "
        await type_line(pilot, "Call the clinic @gr", enter=False)
        await pilot.press("tab")
        assert bar.value == "/action Call the clinic @GraceLin "
        await type_line(pilot, "due:+3d")
        assert bar.value == ""
        await type_line(pilot, "/speak past", enter=False)
        await pilot.press("tab")
        assert bar.value == "/speak Pastor James Reed"
    assert rows(store, "SELECT owner_name, due FROM next_steps") == [("Grace Lin", "2026-03-15")]


async def test_up_and_down_recall_earlier_lines_and_the_draft(store, clock):
    meeting_id, app = demo(store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        bar = app.screen.query_one(CaptureBar)
        await type_line(pilot, "first note")
        await type_line(pilot, "second note")
        await type_line(pilot, "half", enter=False)
        await pilot.press("up")
        assert bar.value == "second note"
        await pilot.press("up", "up")
        assert bar.value == "first note"
        await pilot.press("down", "down")
        assert bar.value == "half"


async def test_a_bad_command_keeps_the_text_and_a_good_one_clears_it(store, clock):
    meeting_id, app = demo(store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        bar = app.screen.query_one(CaptureBar)
        await type_line(pilot, "/action Call @Luis due:someday")
        assert bar.value == "/action Call @Luis due:someday"
        assert bar.selected_text == bar.value  # kept, but selected: the next key typed would replace it
        assert "is not a date" in str(app.screen.query_one("#message").render())
        await pilot.press("end", "ctrl+w")  # keep it to fix: delete the bad date, keep the rest
        await type_line(pilot, "monday")
        assert bar.value == ""
    assert rows(store, "SELECT text, due FROM next_steps") == [("Call", "2026-03-16")]


async def test_hotkeys_park_help_over_time_and_setup(store, clock):
    meeting_id, app = demo(store, clock)
    clock.advance(minutes=4)  # the 5-minute welcome is now over time
    async with app.run_test(size=(120, 40)) as pilot:
        live = app.screen
        await type_line(pilot, "Transit passes for clinic days", enter=False)
        await pilot.press("ctrl+l")
        assert live.query_one(CaptureBar).value == ""
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.press("f2")
        assert isinstance(app.screen, TimeChoicesScreen)
        await pilot.press("down", "enter")  # b: take the time from later items
        assert isinstance(app.screen, LiveScreen)
        after = live.session.clock()
        # Boxes are whole minutes and the demo started at :40 s, so it ends on time or up to a minute early.
        assert 0 <= (after.planned_end - after.projected_end).total_seconds() < 60
        await pilot.press("f3")
        assert isinstance(app.screen, SetupScreen)
        await pilot.press("f9", "escape")
        assert isinstance(app.screen, LiveScreen)
    assert rows(store, "SELECT kind, text FROM entries WHERE id > 2") == [("park", "Transit passes for clinic days")]
    [(said,)] = rows(store, "SELECT detail FROM clock_events WHERE kind = 'overrun'")
    assert said.endswith(" min taken from later items") and said != "0 min taken from later items"
    # F9 switched the selected (first) person's vote off.
    assert rows(store, "SELECT name FROM people WHERE voting = 0 ORDER BY name") == [("Amara Okafor",), ("Rosa Delgado",)]


async def test_over_time_dialog_park_the_rest(store, clock):
    meeting_id, app = demo(store, clock)
    clock.advance(minutes=4)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2", "down", "down", "enter")
        assert app.screen.session.clock().current_index == 1
    assert rows(store, "SELECT kind, text FROM entries WHERE kind = 'park'") == [("park", "Rest of: Welcome and why we are here")]


async def test_command_palette_offers_the_meeting_actions(store, clock):
    meeting_id, app = demo(store, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "meeting: Next item" in titles and "app: Help" in titles
        await pilot.press("ctrl+p")
        await type_line(pilot, "meeting: Next item", enter=False)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.session.clock().current_index == 1


async def test_quorum_setting_on_the_setup_screen_is_used_for_decisions(store, clock):
    meeting_id, app = demo(store, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3")
        setup = app.screen
        setup.query_one("#setup-tabs").active = "tab-roles"
        await pilot.pause()
        setup.query_one("#quorum").focus()
        await type_line(pilot, "6", enter=False)
        await pilot.press("escape")
        await type_line(pilot, "/decide Hire a coordinator outcome:deferred")
    [decision] = store.captures.decisions(meeting_id)
    # Five voting members are here in the demo (one arrived late): under a quorum of 6 there is none.
    assert (decision.quorum_present, decision.quorum_needed, decision.quorum_met) == (5, 6, False)


async def test_roles_chosen_on_setup_show_again_and_reach_the_minutes(store, clock):
    from textual.widgets import Select

    from facilitator.minutes import build_minutes, render_markdown

    meeting_id, app = demo(store, clock)
    people = {p.name: p for p in store.people.roster(store.meetings.get(meeting_id).series_id)}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3")
        setup = app.screen
        setup.query_one("#setup-tabs").active = "tab-roles"
        await pilot.pause()
        setup.query_one("#role-facilitator", Select).value = people["Luis Ortega"].id  # as picking it does
        setup.query_one("#role-note-taker", Select).value = people["Grace Lin"].id
        await pilot.pause()
        await pilot.press("escape")
        await pilot.press("f3")  # setup again: the choices are shown as made
        await pilot.pause()
        assert app.screen.query_one("#role-facilitator", Select).value == people["Luis Ortega"].id
        assert app.screen.query_one("#role-note-taker", Select).value == people["Grace Lin"].id
    minutes = render_markdown(build_minutes(store, meeting_id, clock()))
    assert "- **Facilitator:** Luis Ortega" in minutes and "- **Note-taker:** Grace Lin" in minutes


async def test_a_burst_with_tabs_fills_the_setup_fields_in_turn(store, clock):
    """Tab moves on before the next key lands, even when the keys arrive all at once (a paste)."""
    meeting_id, app = demo(store, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        app.screen.query_one("#person-name").focus()
        await type_line(pilot, "Ana Ruiz\tSouthside Clinic\thealth care")
    [ana] = [p for p in store.people.roster(store.meetings.get(meeting_id).series_id) if p.name.startswith("Ana")]
    assert (ana.name, ana.organisation, ana.sector) == ("Ana Ruiz", "Southside Clinic", "health care")


async def test_the_palette_offers_only_what_applies_now(store, clock, db_path):
    meeting_id, app = demo(store, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert "meeting: Next item" in titles and "check-in: Pass" not in titles  # item 1 is a presentation
        await type_line(pilot, "/next")  # the introductions round
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"check-in: Pass", "check-in: Not here"} <= titles and "brainwriting: Next phase" not in titles
        await pilot.press("f3")
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert "attendance: Late" in titles and "meeting: Next item" not in titles and "form: Next field" not in titles
    projector = build_app(db_path, clock, meeting_id=meeting_id, cursor_blink=False, view_only=True)
    async with projector.run_test(size=(120, 40)):
        titles = {command.title for command in projector.get_system_commands(projector.screen)}
        assert "meeting: Show or hide voices" in titles
        assert "meeting: Next item" not in titles and "meeting: Park what is typed" not in titles


async def test_a_refused_line_is_never_glued_to_the_next_one(store, clock):
    """A burst after a refusal: the refused line is set aside (Up brings it back), the next keys
    start a new line, and a second /end is a command, not '/end/end'."""
    meeting_id, app = demo(store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        live = app.screen
        bar = live.query_one(CaptureBar)
        await type_line(pilot, "/action Book the room")  # flagged: no owner, no date
        await type_line(pilot, "/end")  # refused once: the flagged action is named
        assert bar.value == "/end"
        await type_line(pilot, "Luis will book it")  # typed straight on: replaces the refused line
        await type_line(pilot, "/goto 99")  # refused
        await type_line(pilot, "/end")  # replaces it, and ends the meeting
        assert live.session.clock().status.value == "ended"
        assert isinstance(app.screen, MinutesScreen)
        history = bar.history
    texts = [t for (t,) in store.db.execute("SELECT text FROM entries WHERE id > 2 ORDER BY id")]
    assert texts == ["Luis will book it"]
    assert history[-3:] == ["Luis will book it", "/goto 99", "/end"]  # the refused one is there for Up


async def test_editing_keys_in_a_burst_happen_in_the_order_typed(store, clock):
    """Ctrl+W and Ctrl+U typed fast, with letters after them: nothing typed after is deleted."""
    from textual import events

    meeting_id, app = demo(store, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        driver = app._driver

        def send(key: str, char: str | None = None) -> None:
            event = events.Key(key, char)
            event.set_sender(app)
            driver.send_message(event)

        for char in "abc def":
            send(char if char.isalnum() else "space", char)
        send("ctrl+w")
        for char in "xyz":
            send(char, char)
        send("ctrl+u")
        for char in "ok":
            send(char, char)
        await pilot.pause()
        assert app.screen.query_one(CaptureBar).value == "ok"
