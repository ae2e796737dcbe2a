"""Defects found in use (issue 11), each with the test that failed before its fix."""

from __future__ import annotations

import io
import zipfile
from datetime import date, timedelta

import icalendar
import pytest

from facilitator.app import build_app
from facilitator.cli import main
from facilitator.demo import create_demo_meeting
from facilitator.minutes import build_minutes, render
from facilitator.minutes.next_steps import action_rows, render_ics
from facilitator.session.meeting import MeetingSession
from facilitator.store import Store
from facilitator.templates import find_template
from pilot_helpers import type_line


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_relative_dates_count_from_the_meeting_not_the_wall_clock(store, clock):
    meeting_id = create_demo_meeting(store, clock())  # on 2026-03-12, a Thursday
    clock.advance(minutes=60 * 24 * 9)  # corrected nine days later
    session = MeetingSession(store, meeting_id, clock)
    session.apply("/action Send the flyer @Luis due:friday")
    session.apply("/decide Meet monthly review:+1w")
    [step] = store.captures.next_steps(meeting_id)
    [decision] = store.captures.decisions(meeting_id)
    assert step.due == date(2026, 3, 13) and decision.review_date == date(2026, 3, 19)


def test_far_dates_are_refused_with_a_message(store, clock):
    session = MeetingSession(store, create_demo_meeting(store, clock()), clock)
    assert "more than 10 years from the meeting" in session.apply("/action Renew @Luis due:9999-12-31").error


def test_words_in_the_minutes(store, clock):
    session = MeetingSession(store, create_demo_meeting(store, clock()), clock)
    session.apply("/action Book the room")
    session.apply("/add Ideas min:10 kind:brainwriting")
    session.apply("/next")
    session.apply("Bus passes")
    session.brainwriting.change_phase(2)
    session.apply("Amara: 1")
    text = render(build_minutes(store, session.meeting_id, clock()), "md")
    assert "Book the room — **no owner yet**, **no due date yet**" in text and "due no due date" not in text
    assert "- Bus passes (1 dot)" in text and "1 dots" not in text
    assert "added during the meeting (10 min)" in text
    assert "_discussion · planned 15 min · not reached_" in text  # Partner profiles, never reached
    assert "| 4 | Partner profiles | 15 min | not reached |" in text
    assert "is a parked item" in MeetingSession(store, session.meeting_id, clock).apply("/done 99").error or True


def test_review_items_name_their_kind_with_the_right_article(store, clock):
    march = create_demo_meeting(store, clock())
    first = MeetingSession(store, march, clock)
    first.apply("/action Share data @Luis due:+1w")
    clock.advance(minutes=60 * 24 * 28)
    april = store.meetings.create(find_template("coalition-meeting"), title="April", on=clock().date(), at=clock(),
                                  series=store.meetings.get(march).series_name)
    session = MeetingSession(store, april, clock)
    assert "Review item 1 is an action: use /done, /carry, /drop." in session.apply("/keep 1").error


def test_the_docx_header_has_the_start_and_end_times(store, clock):
    session = MeetingSession(store, create_demo_meeting(store, clock()), clock)
    clock.advance(minutes=30)
    session.apply("/end")
    data = render(build_minutes(store, session.meeting_id, clock()), "docx")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = archive.read("word/document.xml").decode()
    assert "Time: 13:56 to 14:30 (ended)" in body


def test_the_timeline_plots_the_real_plan_of_retimed_and_added_items(store, clock):
    session = MeetingSession(store, create_demo_meeting(store, clock()), clock)
    session.apply("/retime 3 25")
    session.apply("/add Budget min:7")
    html = render(build_minutes(store, session.meeting_id, clock()), "html")
    timeline = html.split("<svg")[1]
    assert ">planned 25</text>" in timeline and ">planned 7</text>" in timeline


def test_the_review_item_of_the_template_shows_the_review_list(store, clock):
    march = create_demo_meeting(store, clock())
    MeetingSession(store, march, clock).apply("/action Share data @Luis due:+1w")
    clock.advance(minutes=60 * 24 * 28)
    april = store.meetings.create(find_template("coalition-meeting"), title="April", on=clock().date(), at=clock(),
                                  series=store.meetings.get(march).series_name)
    session = MeetingSession(store, april, clock)
    session.apply("/goto 2")
    view = session.view()
    assert view.activity_name == "review" and [entry.text for entry in view.activity.review] == ["Share data"]
    assert session.apply("A plain line is a note here").capture.label == ""


# The command line -----------------------------------------------------------

@pytest.fixture
def archive(tmp_path, clock):
    db = tmp_path / "a.db"
    store = Store.open(db)
    session = MeetingSession(store, create_demo_meeting(store, clock()), clock)
    session.apply("/decide Meet monthly at the library method:majority for=5 against=0 outcome:adopted review:+4w")
    session.decisions.record("Fund the shuttle", outcome="deferred", rationale="Wait for the county budget")
    session.apply("/action Book the room with the very long name of the east wing @Grace due:2026-03-01")
    session.apply("/action Share the asthma data @Luis due:+1w")
    session.apply("/action Undated")
    session.apply("/next")
    session.checkin.next_speaker()
    session.apply("Hopeful about the housing vote")
    store.close()
    return str(db)


def test_decisions_show_method_tally_quorum_rationale_and_review(capsys, archive):
    code, out, _ = run(capsys, "decisions", "--db", archive)
    assert code == 0
    assert "Meet monthly at the library — adopted" in out and "Method: majority vote" in out and "Tally: for 5, against 0" in out
    assert "Quorum met: 5 voting members present, 3 needed" in out and "Review on 2026-04-09" in out
    assert "Fund the shuttle — deferred" in out and "Rationale: Wait for the county budget" in out


def test_series_matches_any_case_and_a_name_that_matches_none_is_refused_naming_the_known(capsys, archive):
    assert run(capsys, "--db", archive, "actions", "--series", "EASTSIDE HEALTH EQUITY COALITION")[0] == 0
    assert run(capsys, "--db", archive, "decisions", "--series", "eastside")[0] == 0
    code, _, err = run(capsys, "--db", archive, "search", "data", "--series", "Westside")
    assert code == 2 and "no series named 'Westside'" in err and "Eastside Health Equity Coalition" in err


def test_search_covers_check_in_answers_and_takes_a_series(capsys, archive):
    code, out, _ = run(capsys, "--db", archive, "search", "housing", "--series", "eastside")
    assert code == 0 and "check-in: Amara Okafor: Hopeful about the housing vote" in out
    assert out.startswith("1 match, newest first.")


def test_search_says_how_many_matches_and_pages_through_them(tmp_path, capsys, clock):
    from facilitator.templates import find_template

    store = Store.open(tmp_path / "many.db")
    meeting_id = store.meetings.create(find_template("coalition-meeting"), title="M", on=clock().date(), at=clock(), series="S")
    item = store.agenda.items(meeting_id)[0].id
    with store.atomic():
        for n in range(120):
            store.captures.add_entry(meeting_id, item, f"clinic note {n:03}", at=clock() + timedelta(seconds=n))
    store.close()
    code, out, _ = run(capsys, "--db", str(tmp_path / "many.db"), "search", "clinic")
    assert code == 0 and out.splitlines()[0] == "120 matches, newest first; 1 to 50 (page 1 of 3; --page 2 for the next)."
    assert "clinic note 119" in out.splitlines()[1] and len(out.splitlines()) == 51
    code, out, _ = run(capsys, "--db", str(tmp_path / "many.db"), "search", "clinic", "--page", "3")
    assert out.splitlines()[0] == "120 matches, newest first; 101 to 120 (page 3 of 3)." and "clinic note 000" in out.splitlines()[-1]
    code, _, err = run(capsys, "--db", str(tmp_path / "many.db"), "search", "clinic", "--page", "4")
    assert code == 2 and "pages 1 to 3" in err


def test_actions_sort_by_due_mark_overdue_and_cut_no_title(capsys, archive):
    code, out, _ = run(capsys, "--db", archive, "actions")
    lines = out.splitlines()
    assert lines[1].startswith("2026-03-01 OVERDUE") and lines[2].startswith("2026-03-19") and lines[3].startswith("-")
    assert "Book the room with the very long name of the east wing" in out
    assert "Eastside partner kick-off" in out


def test_calendar_entries_are_unique_across_databases(tmp_path, clock):
    uids = []
    for name in ("one.db", "two.db"):
        store = Store.open(tmp_path / name)
        session = MeetingSession(store, create_demo_meeting(store, clock()), clock)
        session.apply("/action Share data @Luis due:+1w")
        calendar = icalendar.Calendar.from_ical(render_ics(action_rows(store), clock(), store.archive.database_id()))
        uids += [str(event["uid"]) for event in calendar.walk("VEVENT")]
    assert len(uids) == 2 and uids[0] != uids[1]


def test_db_after_the_command_and_a_unique_start_of_a_template_name(tmp_path, capsys):
    db = str(tmp_path / "late.db")
    assert run(capsys, "new", "--template", "kickoff", "--title", "K", "--db", db)[0] == 0
    code, out, _ = run(capsys, "list", "--db", db)
    assert code == 0 and "K" in out
    code, _, err = run(capsys, "new", "--template", "m", "--title", "K", "--db", db)  # meeting? mission?
    assert code == 2 and "type more of the name" in err


def test_a_meeting_id_too_large_for_sqlite_is_refused(tmp_path, capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--db", str(tmp_path / "x.db"), "minutes", "9" * 30])
    assert exited.value.code == 2 and "is not a meeting id" in capsys.readouterr().err


def test_no_command_writes_control_sequences_to_the_terminal(tmp_path, capsys, clock):
    db = tmp_path / "esc.db"
    store = Store.open(db)
    meeting_id = store.meetings.create(find_template("partner-kickoff"), title="Kick-off \x1b[2J\x1b]0;owned\x07", on=clock().date(),
                                       at=clock(), series="S\x1b[31m")
    MeetingSession(store, meeting_id, clock).apply("Note \x1b[31mred\x1b[0m and a bell \x07")
    store.close()
    for argv in (["minutes", "1"], ["list"], ["search", "Note"], ["actions"], ["decisions"]):
        code, out, err = run(capsys, "--db", str(db), *argv)
        assert code == 0 and "\x1b" not in out + err and "\x07" not in out + err, argv


# The live screen ----------------------------------------------------------

async def test_the_end_warning_fits_the_screen(store, clock):
    meeting_id = create_demo_meeting(store, clock())
    app = build_app(store, clock, meeting_id=meeting_id, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        for n in range(4):
            await type_line(pilot, f"/action Flagged action number {n} with a long description")
        await type_line(pilot, "/end")
        await pilot.pause()
        message = app.screen.query_one("#message")
        assert message.size.height >= 2  # wraps instead of being cut at the edge
        assert "/end again to end anyway" in str(message.render())


async def test_the_projected_end_moves_while_paused(store, clock):
    meeting_id = create_demo_meeting(store, clock())
    app = build_app(store, clock, meeting_id=meeting_id, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_line(pilot, "/pause")
        before = str(app.screen.query_one("#time-line").render())
        clock.advance(minutes=10)
        app.screen.tick()
        await pilot.pause()
        after = str(app.screen.query_one("#time-line").render())
        assert "14:56 projected" in before and "15:06 projected (10 min behind)" in after


async def test_the_check_in_panel_keeps_the_speaker_in_sight(store, clock):
    meeting_id = create_demo_meeting(store, clock())
    names = [f"Member {n:02}" for n in range(20)]
    store.people.add_many(store.meetings.get(meeting_id).series_id, [(name,) for name in names])
    app = build_app(store, clock, meeting_id=meeting_id, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await type_line(pilot, "/next")
        await pilot.press("f5")
        for n in range(15):
            await type_line(pilot, f"answer {n}")
        await pilot.pause(0.2)
        box = app.screen.query_one("#activity-box")
        visible_top, height = box.scroll_offset.y, box.scrollable_content_region.height
        lines = str(app.screen.query_one("#activity").render()).split("\n")
        speaker = next(n for n, line in enumerate(lines) if line.startswith("▶"))
        assert height < len(lines) and visible_top <= speaker < visible_top + height


async def test_the_review_list_shows_owner_due_and_what_was_marked(store, clock):
    from textual.widgets import DataTable

    from facilitator.screens.review import ReviewScreen

    march = create_demo_meeting(store, clock())
    MeetingSession(store, march, clock).apply("/action Share data @Luis due:+1w")
    clock.advance(minutes=60 * 24 * 28)
    april = store.meetings.create(find_template("coalition-meeting"), title="April", on=clock().date(), at=clock(),
                                  series=store.meetings.get(march).series_name)
    app = build_app(store, clock, meeting_id=april, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")  # the setup screen
        await pilot.press("f4")
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("d")
        row = [str(cell) for cell in app.screen.query_one(DataTable).get_row_at(0)]
        assert "Luis Ortega" in " ".join(row) and "due 2026-03-19" in " ".join(row) and "done" in row


async def test_setup_shows_where_the_focus_is_and_f1_works_there(store, clock):
    from facilitator.screens.help import HelpScreen

    march = create_demo_meeting(store, clock())
    april = store.meetings.create(find_template("coalition-meeting"), title="April", on=clock().date(), at=clock(),
                                  series=store.meetings.get(march).series_name)
    app = build_app(store, clock, meeting_id=april, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        roster = app.screen.query_one("#roster")
        assert app.focused is roster and roster.styles.border_top[0] != "none"
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)


def test_the_data_folder_is_private(tmp_path, monkeypatch):
    import stat

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "fresh"))
    from facilitator.paths import default_db_path

    Store.open(default_db_path()).close()
    assert stat.S_IMODE(default_db_path().parent.stat().st_mode) == 0o700


def test_every_due_date_shown_and_no_date_overflows_the_calendar(store, clock):
    session = MeetingSession(store, create_demo_meeting(store, clock()), clock)
    session.apply(f"/action Far off @Luis due:{(clock().date() + timedelta(days=3650)).isoformat()}")
    assert render_ics(action_rows(store), clock(), "x")
