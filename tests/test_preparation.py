"""Preparing a meeting on the Setup screen, as a new facilitator would: the agenda changed item by
item before the start (and the minutes read it as the plan), the meeting's details, a template
saved for next time, a meeting deleted before it started; and the next meeting of a series
starting with the last one's ground rules, roles and quorum."""

from __future__ import annotations

from facilitator.app import build_app
from facilitator.minutes import build_minutes, render_markdown
from facilitator.screens.home import HomeScreen
from facilitator.screens.setup import SetupScreen
from facilitator.session.meeting import MeetingSession
from facilitator.templates import find_template, load_template
from pilot_helpers import type_line


def prepared(store, clock, title="April", series="Eastside"):
    return store.meetings.create(find_template("coalition-meeting"), title=title, on=clock().date(), at=clock(), series=series)


async def test_the_agenda_tab_changes_the_plan_and_the_minutes_read_it_as_planned(store, clock):
    meeting_id = prepared(store, clock)
    app = build_app(store, clock, meeting_id=meeting_id, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        assert isinstance(app.screen, SetupScreen)
        await pilot.press("f2")  # the Agenda tab
        await pilot.press("down", "down", "enter")  # item 3, Partner updates, into the form
        setup = app.screen
        assert setup.query_one("#item-title").value == "Partner updates"
        await pilot.press("tab", "tab", "ctrl+u")
        await type_line(pilot, "25")
        assert "Item 3 is now Partner updates (discussion, 25 min)." in str(setup.query_one("#setup-message").render())
        table = setup.query_one("#agenda-items")
        table.focus()
        await pilot.press("f5")  # Partner updates moves up to 2, and the highlight with it
        assert table.cursor_row == 1
        await pilot.press("down", "down", "down", "f8", "f8")  # Next steps (5) off the plan
        setup.query_one("#agenda-items").focus()
        await pilot.press("up", "up", "up")  # onto item 2: a new item goes after it
        setup.query_one("#item-title").focus()
        await type_line(pilot, "Budget update", enter=False)
        await pilot.press("tab", "tab")
        await type_line(pilot, "10")
        titles = [(item.position, item.title, item.planned_minutes) for item in setup.query_one("AgendaPane").items()]
        assert titles == [(1, "Welcome and check-in", 10), (2, "Partner updates", 25), (3, "Budget update", 10),
                          (4, "Review open next steps", 15), (5, "Decision", 20), (6, "Evaluation", 10)]
        assert "Items: 90 min of the 90 planned: on time." in str(setup.query_one("#agenda-totals").render())
        await pilot.press("ctrl+s", "ctrl+s")  # nobody marked present: asked once, then started
        await type_line(pilot, "/next")
        clock.advance(minutes=3)
        await type_line(pilot, "/end")
    minutes = render_markdown(build_minutes(store, meeting_id, clock()))
    assert "| 3 | Budget update | 10 min |" in minutes and "| 2 | Partner updates | 25 min |" in minutes
    assert "added during the meeting" not in minutes and "skipped" not in minutes and "Next steps" not in minutes.split("## Decisions")[0]


async def test_details_a_template_for_next_time_and_deleting_a_meeting_not_started(store, clock, tmp_path):
    meeting_id = prepared(store, clock)
    app = build_app(store, clock, meeting_id=meeting_id, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f2", "f2", "f2")  # Meeting
        setup = app.screen
        setup.query_one("#meeting-title").value = "April coalition meeting"
        setup.query_one("#meeting-place").value = "https://meet.example/eastside"
        setup.query_one("#meeting-starts").value = "9:30"
        setup.query_one("#meeting-date").value = "2026-13-01"
        await pilot.press("enter")
        assert "'2026-13-01' is not a date" in str(setup.query_one("#setup-message").render())
        setup.query_one("#meeting-date").value = "2026-03-19"
        await pilot.press("enter")
        assert "April coalition meeting, 2026-03-19 at 09:30: saved." in str(setup.query_one("#setup-message").render())
        await pilot.press("f2", "f2", "f2")  # round to the Agenda tab
        await pilot.press("f9")
        app.screen.query_one("#path").value = str(tmp_path / "eastside.toml")
        await pilot.press("enter")
        assert "Saved as a template" in str(setup.query_one("#setup-message").render())
    meeting = store.meetings.get(meeting_id)
    assert (meeting.title, meeting.date.isoformat(), meeting.place, meeting.starts_at) == (
        "April coalition meeting", "2026-03-19", "https://meet.example/eastside", "09:30")
    template = load_template(tmp_path / "eastside.toml")  # what `templates check` reads
    assert [item.title for item in template.items] == [item.title for item in store.agenda.items(meeting_id)]
    assert template.minutes == 90 and template.items[1].review

    app = build_app(store, clock, meeting_id=meeting_id, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f2", "f2", "f2", "f8")
        await pilot.press("escape")  # kept
        assert store.meetings.all()
        await pilot.press("f8", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert store.meetings.all() == [] and store.people.series_sectors(1) is None
    assert store.db.execute("SELECT count(*) FROM series").fetchone()[0] == 1  # the series stays


def test_a_started_meeting_cannot_be_deleted_or_replanned(store, clock):
    session = MeetingSession(store, prepared(store, clock), clock)
    assert session.apply("/start").ok
    assert "its record stays" in session.plan.delete_meeting().error
    assert "The meeting has started" in session.plan.remove(session.agenda[1].id).error


def test_the_next_meeting_starts_with_the_last_ones_ground_rules_roles_quorum_and_place(store, clock):
    first = MeetingSession(store, prepared(store, clock, "March"), clock)
    [amara, luis] = store.people.add_many(first.plan.series_id(), [("Amara Okafor", "", "", "", True), ("Luis Ortega", "", "", "", True)])
    first.reload_roster()
    for outcome in (first.plan.set_ground_rules(["Spanish first, then English."]), first.plan.set_quorum(2),
                    first.plan.set_role("facilitator", amara.id), first.plan.set_role("note-taker", luis.id),
                    first.plan.set_details("March", clock().date().isoformat(), "Eastside Library, Room B", "17:30", "90")):
        assert outcome.ok
    later = store.meetings.get(prepared(store, clock, "April"))
    assert later.ground_rules == ["Spanish first, then English."] and later.quorum == 2
    assert (later.place, later.starts_at) == ("Eastside Library, Room B", "17:30")  # most series meet in one place
    assert {role: person.name for role, person in store.meetings.roles(later.id).items()} == {
        "facilitator": "Amara Okafor", "note-taker": "Luis Ortega"}
    other = store.meetings.get(prepared(store, clock, "Kick-off", series="Westside"))
    assert other.ground_rules == find_template("coalition-meeting").ground_rules and other.quorum is None


async def test_a_new_facilitator_types_a_name_first_and_escape_steps_back_one_level(store, clock):
    meeting_id = prepared(store, clock, series="Brand new coalition")
    app = build_app(store, clock, meeting_id=meeting_id, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        setup = app.screen
        assert isinstance(setup, SetupScreen) and app.focused.id == "person-name"  # nobody on the roster yet: typing is a name
        await type_line(pilot, "Amara Okafor")
        assert [p.name for p in store.people.roster(store.meetings.get(meeting_id).series_id)] == ["Amara Okafor"]
        await pilot.press("f2")  # the Agenda tab; an item changed, then Escape twice
        await pilot.press("enter")
        await pilot.press("tab", "tab", "ctrl+u")
        await type_line(pilot, "12")
        assert app.focused.id == "item-title"  # ready for a new item
        await pilot.press("escape")
        assert app.screen is setup and app.focused.id == "agenda-items"  # back to the list, still in Setup
        assert "Escape again returns to the live screen" in str(setup.query_one("#setup-message").render())
        await pilot.press("escape")
        assert app.screen is not setup
    assert store.agenda.items(meeting_id)[0].planned_minutes == 12
