"""The series report: six meetings of one coalition run as a note-taker would run them, and
every figure of the report checked against values worked out by hand (in the comments)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import pytest

from facilitator.activities.next_steps import review_list
from facilitator.cli import main
from facilitator.models import AttendanceStatus
from facilitator.report import build_report, render_csv, render_html, render_markdown
from facilitator.session.meeting import MeetingSession
from facilitator.templates import find_template

P, L, E, A = AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.LEFT_EARLY, AttendanceStatus.ABSENT
DATES = [date(2026, 1, 6), date(2026, 2, 3), date(2026, 3, 3), date(2026, 4, 7), date(2026, 5, 5), date(2026, 6, 2)]
REPORT_AT = datetime(2026, 6, 20, 12, 0, tzinfo=UTC)
NEEDED = ["community members", "public health", "health care", "education", "housing"]
# Who came (None: nobody marked them). Gus joins the roster at the fourth meeting.
MARKS = {
    "Ana": [P, P, P, P, P, P],
    "Ben": [P, L, P, A, P, P],
    "Cal": [P, P, E, P, P, A],
    "Dee": [P, A, A, A, A, A],
    "Eve": [A, P, None, P, A, P],
    "Gus": [None, None, None, P, L, A],
}


class Clock:
    def __init__(self) -> None:
        self.moment = REPORT_AT

    def __call__(self) -> datetime:
        return self.moment

    def at(self, day: date, hour: int, minute: int = 0) -> None:
        self.moment = datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


def _review(store, session, text: str, verb: str) -> None:
    [entry] = [r for r in review_list(store, session.meeting_id) if r.text == text]
    assert session.apply(f"/{verb} {entry.number}").ok


def _run(store, clock, number: int, people: dict) -> MeetingSession:
    """Meeting `number` (1-6): attendance, speaking, reviews, decisions, next steps, ratings."""
    day = DATES[number - 1]
    meeting_id = store.meetings.create(
        find_template("coalition-meeting"), title=f"Meeting {number}", on=day, at=clock(), series="Eastside Coalition"
    )
    clock.at(day, 18)
    session = MeetingSession(store, meeting_id, clock)
    for name, marks in MARKS.items():
        if marks[number - 1] is not None:
            store.people.mark(meeting_id, people[name].id, marks[number - 1], clock())
    assert session.apply("/start").ok

    def speak(name: str, minutes: int) -> None:
        assert session.apply(f"/speak {name}").ok
        clock.moment = clock.moment.replace(minute=clock.moment.minute + minutes)

    def line(text: str) -> None:
        outcome = session.apply(text)
        assert outcome.ok, (text, outcome.error)

    if number == 1:
        speak("Ana", 4), speak("Cal", 2), speak("Ben", 1), speak("Dee", 1)  # 8 min; Ana holds 50%, Cal 25%
        line("/park Hospital parking fees")
        line("/decide Meet monthly at the library method:majority for=4 against=0 abstain=0 outcome:adopted review:2026-05-01")
        line("/action Share the asthma data @Ana due:2026-01-20")
        line("/action Book the room @Ben due:2026-02-10")
        line("/action Call the mayor @Cal due:2026-01-31")
        line("/goto 6"), line("5 4 4"), line("3 4 4")
    elif number == 2:
        speak("Ana", 3), speak("Cal", 3)
        line("/goto 2")  # from meeting 2 on, item 2 approves the last minutes
        line("The date of the next meeting was wrong; corrected")
        line("/decide Approve the minutes outcome:adopted method:consent")
        line("/goto 3")
        _review(store, session, "Share the asthma data", "done")  # due 01-20, done 02-03: 14 days late
        _review(store, session, "Book the room", "done")  # due 02-10: on time
        _review(store, session, "Call the mayor", "carry")
        _review(store, session, "Hospital parking fees", "agenda")  # an item after this one; parked 01-06, moved 02-03: 28 days
        line("/park Youth council seat")
        line("/action Draft the survey @Eve due:2026-03-01")
        line("/action Find a translator")
        line("/goto 8"), line("5 5 5")  # the parked item moved onto the agenda made it 8 items
    elif number == 3:
        line("/goto 3")
        _review(store, session, "Call the mayor", "carry")
        _review(store, session, "Draft the survey", "drop")
        _review(store, session, "Find a translator", "carry")
        _review(store, session, "Youth council seat", "keep")
        line("/decide Adopt the charter method:consensus outcome:adopted review:2026-04-01")
    elif number == 4:
        line("/goto 3")
        _review(store, session, "Call the mayor", "done")  # due 01-31, done 04-07: 66 days late
        _review(store, session, "Adopt the charter", "done")  # its review is done
        line("/action Send the budget @Ben due:2026-05-01")
        line("/action Print flyers due:2026-06-01")
    elif number == 5:
        line("/park Bus stop lighting")
        line("/decide Apply for the grant method:consent outcome:adopted")
    elif number == 6:
        line("/action Plan the summer event @Ana due:2026-07-01")
        line("/goto 7"), line("4 3 2"), line("4 4 3")
    clock.moment = clock.moment.replace(hour=19, minute=30)
    if not session.apply("/end").ok:  # a step with no owner: /end asks twice
        assert session.apply("/end").ok
    return session


@pytest.fixture
def series(store):
    return build_series(store)


def build_series(store):
    """Six meetings held and a seventh prepared; the report as at 20 June 2026."""
    clock = Clock()
    series_id = store.meetings.series_id("Eastside Coalition", at=clock())
    store.people.set_series_sectors(series_id, NEEDED)
    people = {
        "Ana": store.people.add(series_id, "Ana", "Clinic", "health care", voting=True),
        "Ben": store.people.add(series_id, "Ben", "County", "public health", voting=True),
        "Cal": store.people.add(series_id, "Cal", "", "community members", voting=True, community=True),
        "Dee": store.people.add(series_id, "Dee", "School", "education", voting=True),
        "Eve": store.people.add(series_id, "Eve", "Housing Co", "housing", voting=True),
        "Gus": store.people.add(series_id, "Gus", "St. Mark's", "faith-based", voting=True),
    }
    fay = store.people.add(series_id, "Fay", "Library", "education")
    store.db.execute("UPDATE people SET retired_at = ? WHERE id = ?", [REPORT_AT.isoformat(), fay.id])  # left, never came
    for number in range(1, 7):
        _run(store, clock, number, people)
    store.meetings.create(
        find_template("coalition-meeting"), title="Meeting 7", on=date(2026, 7, 7), at=clock(), series="Eastside Coalition"
    )
    return build_report(store, "Eastside Coalition", REPORT_AT)


def test_meetings_and_attendance(series):
    assert [(m.title, m.status, m.held) for m in series.meetings][-2:] == [
        ("Meeting 6", "ended", True), ("Meeting 7", "not started", False),
    ]
    assert [m.attended for m in series.held] == [4, 4, 3, 4, 4, 3]
    assert [(m.late, m.left_early, m.absent) for m in series.held] == [(0, 0, 1), (1, 0, 1), (0, 1, 1), (0, 0, 2), (1, 0, 2), (0, 0, 3)]
    people = {p.name: p for p in series.people}
    assert "Fay" not in people  # left the roster without ever coming
    assert (people["Ana"].attended, people["Ana"].expected, people["Ana"].missed_in_a_row) == (6, 6, 0)
    assert (people["Ben"].attended, people["Ben"].expected) == (5, 6)
    assert (people["Cal"].attended, people["Cal"].missed_in_a_row, people["Cal"].last_attended) == (5, 1, date(2026, 5, 5))
    assert (people["Dee"].attended, people["Dee"].missed_in_a_row, people["Dee"].last_attended) == (1, 5, date(2026, 1, 6))
    assert (people["Eve"].attended, people["Eve"].expected) == (3, 6)  # first marked (absent) at meeting 1
    assert (people["Gus"].attended, people["Gus"].expected) == (2, 3)  # first marked at meeting 4
    assert people["Eve"].marks == ["absent", "present", "", "present", "absent", "present"]
    assert [p.name for p in series.missing_longest] == ["Dee"]
    # 1→2: {A,B,C,D} → {A,B,C} again, and E, no new face (marked absent at 1: known); 2→3: 3 of 4;
    # 3→4: {A,B,C} → {A,C}, G new (never marked before); 4→5: 3 of 4; 5→6: {A,B} of 4.
    assert [(r.came_before, r.came_again, r.new) for r in series.retention] == [(4, 3, 0), (4, 3, 0), (3, 2, 1), (4, 3, 0), (4, 2, 0)]


def test_sectors_and_community_voice(series):
    held = series.held
    assert [m.sectors_needed_absent for m in held] == [
        ["housing"], ["education"], ["education", "housing"], ["public health", "education"], ["education", "housing"],
        ["community members", "education"],
    ]
    assert held[3].sectors_present == ["community members", "health care", "housing", "faith-based"]
    assert held[0].organisations == ["Clinic", "County", "School"]  # Cal gave none
    assert [(g.sector, g.last_present, g.missed_in_a_row) for g in series.sector_gaps] == [
        ("education", date(2026, 1, 6), 5), ("community members", date(2026, 5, 5), 1),
    ]
    assert [m.community_attendance_share for m in held] == [1 / 4, 1 / 4, 1 / 3, 1 / 4, 1 / 4, 0]
    assert held[0].community_speaking_share == pytest.approx(2 / 8)
    assert held[1].community_speaking_share == pytest.approx(3 / 6)
    assert held[2].community_speaking_share is None  # nobody was timed
    # Balance, meeting 1: 4, 2, 1, 1 minutes; the top quarter (1 speaker) held 4 of 8.
    # Gini: sorted 1,1,2,4: 2(1 + 2 + 6 + 16)/(4 × 8) − 5/4 = 0.3125.
    assert (held[0].speakers, held[0].speaking_minutes, held[0].top_quarter_share) == (4, 8.0, 0.5)
    assert held[0].gini == pytest.approx(0.3125)
    assert (held[1].top_quarter_share, held[1].gini) == (0.5, 0.0)


def test_follow_through(series):
    f = series.follow_through
    assert (f.steps, f.done, f.dropped, f.open, f.with_due) == (8, 3, 1, 4, 7)
    # Counted: the asthma data, the room, the mayor, the budget, the flyers (the summer event is not due yet,
    # the survey was dropped); only the room was done by its date.
    assert (f.counted, f.done_by_due, f.done_by_due_share) == (5, 1, 0.2)
    assert f.median_days_late == 14  # of 14, 0 and 66
    assert (f.carried_over, f.steps_carried) == (3, 2)  # the mayor twice, the translator once
    assert {owner: [(r.text, r.days_overdue) for r in rows] for owner, rows in f.overdue.items()} == {
        "Ben": [("Send the budget", 50)], "no owner": [("Print flyers", 19)],
    }
    assert list(f.overdue) == ["Ben", "no owner"]
    mayor = next(r for r in f.rows if r.text == "Call the mayor")
    assert (mayor.done_on, mayor.days_late, mayor.times_carried) == (date(2026, 4, 7), 66, 2)


def test_decisions_evaluation_and_parking_lot(series):
    log = [(d.date, d.decision.text, d.decision.method, d.review_due, d.reviewed) for d in series.decisions]
    assert log == [
        (date(2026, 1, 6), "Meet monthly at the library", "majority vote", True, False),
        (date(2026, 2, 3), "Approve the minutes", "consent", False, False),
        (date(2026, 3, 3), "Adopt the charter", "consensus", False, True),
        (date(2026, 5, 5), "Apply for the grant", "consent", False, False),
    ]
    assert series.evaluation_questions == ["Everyone had a chance to speak", "We used our time well", "Next steps are clear"]
    rated = {m.title: (m.evaluation_responses, m.evaluation) for m in series.held if m.evaluation_responses}
    assert rated == {"Meeting 1": (2, [4.0, 4.0, 4.0]), "Meeting 2": (1, [5.0, 5.0, 5.0]), "Meeting 6": (2, [4.0, 3.5, 2.5])}
    # Youth council seat: 02-03 to 06-20 = 137 days, kept; bus stop: 05-05 to 06-20 = 46; parking fees: 28 days, moved.
    assert [(p.text, p.status, p.days_waited) for p in series.parked] == [
        ("Youth council seat", "kept", 137), ("Bus stop lighting", "waiting", 46), ("Hospital parking fees", "moved onto the agenda", 28),
    ]


def test_markdown_html_and_csv_say_the_same(series):
    md = render_markdown(series)
    assert md.startswith("# Eastside Coalition: series report\n\nAs of 2026-06-20; 6 held meetings, 2026-01-06 to 2026-06-02.\n")
    assert "| Dee | School | education | P | A | A | A | A | A | 1 of 6 | 2026-01-06 |" in md
    assert "Retention: on average 68% of those at one meeting came to the next." in md  # (.75 + .75 + .67 + .75 + .5) / 5
    assert "Done by the due date: 1 of 5 (20%)" in md
    assert (
        "| 2026-01-06 | Meet monthly at the library | adopted | majority vote | for 4, against 0, abstain 0 "
        "| met: 4 voting members present, 4 needed | 2026-05-01 (due) |"
    ) in md
    html = render_html(series)
    assert html.count("<svg") == 4 and "<script" not in html
    assert "Share of speaking time held by the top quarter of speakers" in html
    files = render_csv(series)
    assert set(files) == {
        "meetings.csv", "attendance.csv", "retention.csv", "missing_longest.csv", "sectors.csv", "sector_gaps.csv",
        "community.csv", "balance.csv", "overdue.csv", "next_steps.csv", "decisions.csv", "evaluation.csv", "parked.csv",
    }
    rows = list(csv.reader(io.StringIO(files["attendance.csv"])))
    assert rows[0][:4] == ["Name", "Organisation", "Sector", "6 Jan 26"]
    assert rows[5] == ["Eve", "Housing Co", "housing", "absent", "present", "", "present", "absent", "present", "3 of 6", "2026-06-02"]


def test_the_command_line_writes_each_format(store, db_path, tmp_path, capsys, series):
    store.close()
    assert main(["report", "--db", str(db_path), "--series", "eastside"]) == 0
    assert capsys.readouterr().out.startswith("# Eastside Coalition: series report")
    assert main(["report", "--db", str(db_path), "--series", "eastside", "--format", "csv"]) == 2
    assert "give -o FOLDER" in capsys.readouterr().err
    assert main(["report", "--db", str(db_path), "--series", "eastside", "--format", "csv", "-o", str(tmp_path / "tables")]) == 0
    assert (tmp_path / "tables" / "decisions.csv").read_text().startswith("Date,Decision,Outcome")
    assert main(["report", "--db", str(db_path), "--series", "Westside"]) == 2
    assert "no series named 'Westside'" in capsys.readouterr().err


def test_the_next_meeting_approves_the_minutes_and_they_say_so(store, series):
    from facilitator.minutes import build_minutes, render_markdown

    meetings = {m.title: m for m in store.meetings.all()}
    [first, second] = store.agenda.items(meetings["Meeting 2"].id)[:2]
    assert (first.title, second.title, second.kind.value) == ("Welcome and check-in", "Approve the minutes of 2026-01-06", "decision")
    assert second.approves_meeting_id == meetings["Meeting 1"].id
    assert store.agenda.items(meetings["Meeting 1"].id)[1].title == "Review open next steps"  # nothing to approve before it
    # Meeting 7 is prepared after meeting 6 ended, and nobody has approved meeting 6's minutes yet.
    assert store.agenda.items(meetings["Meeting 7"].id)[1].approves_meeting_id == meetings["Meeting 6"].id
    now = datetime(2026, 6, 20, tzinfo=UTC)
    approved = render_markdown(build_minutes(store, meetings["Meeting 1"].id, now))
    assert "- **Minutes approved:** 2026-02-03, at Meeting 2 by consent; quorum met: 4 voting members present, 4 needed\n" in approved
    assert "Minutes approved" not in render_markdown(build_minutes(store, meetings["Meeting 3"].id, now))  # never adopted


async def test_the_report_screen_opens_from_the_meetings_list_and_exports(store, tmp_path, series):
    from facilitator.app import build_app
    from facilitator.screens.report import ReportScreen

    app = build_app(store, lambda: REPORT_AT, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        home = app.screen
        table = home.query_one("DataTable")
        assert [table.get_row_at(i)[4] for i in (0, 6)] == ["not started", "ended, minutes approved"]
        await pilot.press("ctrl+e")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReportScreen) and screen.report is not None
        assert screen.report.follow_through.done_by_due == 1
        screen.folder = tmp_path
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        written = tmp_path / "2026-06-20-eastside-coalition-report.html"
        assert written.read_text().startswith("<!doctype html>")
        await pilot.press("escape")
        assert app.screen is home


def test_the_attendance_table_stays_readable_with_many_meetings_and_the_csv_has_them_all(store):
    from datetime import timedelta

    from facilitator.clock import ClockEvent, FlowKind
    from facilitator.report import render_csv

    start = datetime(2025, 1, 7, 18, tzinfo=UTC)
    for week in range(15):
        at = start + timedelta(weeks=week)
        meeting_id = store.meetings.create(find_template("coalition-meeting"), title=f"Week {week + 1}", on=at.date(), at=at, series="Long")
        if week == 0:
            [ana] = store.people.add_many(store.meetings.get(meeting_id).series_id, [("Ana", "", "", "")])
        store.people.mark(meeting_id, ana.id, P, at)
        store.agenda.add_events(meeting_id, [ClockEvent(at, FlowKind.START), ClockEvent(at + timedelta(hours=1), FlowKind.END)])
    report = build_report(store, "Long", start + timedelta(weeks=20))
    md = render_markdown(report)
    header = next(line for line in md.splitlines() if line.startswith("| Name | Organisation | Sector |"))
    assert header.count("|") == 3 + 12 + 3  # Name, Organisation, Sector, the latest 12 meetings, Came, Last came
    assert "The latest 12 of 15 meetings are shown; the CSV export has them all." in md
    assert render_csv(report)["attendance.csv"].splitlines()[0].count(",") == 3 + 15 + 1
