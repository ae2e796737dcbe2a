"""Workshop results that last: a problem statement drafted part by part in the problem-statement
workshop, its statement taken from a brainwriting theme, adopted by a decision, shown in the
minutes, corrected, and revised and adopted again at a later meeting of the series."""

from __future__ import annotations

import pytest

from facilitator.documents import KINDS, parse_draft
from facilitator.minutes import build_minutes, render_markdown
from facilitator.report import build_report
from facilitator.report import render_markdown as render_report
from facilitator.session.meeting import MeetingSession
from facilitator.templates import find_template


def workshop(store, clock, template="problem-statement", title="Workshop"):
    meeting_id = store.meetings.create(find_template(template), title=title, on=clock().date(), at=clock(), series="Northside")
    session = MeetingSession(store, meeting_id, clock)
    assert session.apply("/start").ok
    return session


def say(session, clock, *lines: str) -> None:
    for line in lines:
        outcome = session.apply(line)
        assert outcome.ok, (line, outcome.error)
        clock.advance(20)


def test_the_grammar_names_parts_by_key_label_or_start():
    problem = KINDS["problem_statement"]
    assert parse_draft(problem, "gap: Patients lack transport", None).part == "gap"
    assert parse_draft(problem, "Time frame and trend: worse since 2024", None).part == "trend"
    assert parse_draft(problem, "import: it matters", None).part == "importance"  # the start of one part
    assert parse_draft(problem, "the gap: wide", "impact").part == "gap"  # as people say it
    assert parse_draft(problem, "Worse since 2024: rents doubled", "trend").text == "Worse since 2024: rents doubled"
    assert "which part?" in parse_draft(problem, "Patients lack transport", None)
    assert "what does the gap say?" in parse_draft(problem, "gap:", None)
    profile = KINDS["partner_profile"]
    line = parse_draft(profile, "County Public Health / serve: older adults", None)
    assert (line.organisation, line.part, line.text) == ("County Public Health", "serve", "older adults")
    assert "say whose partner profile first" in parse_draft(profile, "serve: older adults", None)
    matrix = KINDS["capacity_matrix"]
    assert parse_draft(matrix, "data analysis: County; Clinic", None).part == "data analysis"


def test_a_problem_statement_drafted_adopted_and_in_the_minutes(store, clock):
    session = workshop(store, clock)
    say(session, clock, "/next", "/draft Patients in the North Country lack reliable transport to the hospital")  # 2. The gap
    assert session.apply("/draft trend: worse since the bus line closed in 2024").ok  # another part, named
    refused = session.apply("/draft")
    assert not refused.ok and "nothing to save" in refused.error
    say(session, clock, "/goto 4", "/draft missed appointments; patients stuck after discharge", "/goto 5",
        "/draft care is delayed until it is an emergency")
    # 6. Drafting the statement: brainwriting, then a theme becomes the draft.
    say(session, clock, "/goto 6", "Patients cannot get to care or home again", "The EMS provider cannot meet demand", "Parking fees")
    session.brainwriting.change_phase(1)
    say(session, clock, "1 2: Transport")
    missing = session.apply("/draft from theme Housing")
    assert not missing.ok and "the themes are Transport" in missing.error
    saved = session.apply("/draft from theme transport")
    assert saved.ok and saved.capture.label == "draft · Problem statement"
    assert saved.capture.text == "Patients cannot get to care or home again; The EMS provider cannot meet demand"
    say(session, clock, "/goto 7", "/decide Adopt the problem statement method:consent outcome:adopted adopts:problem")

    [state] = store.documents.states(session.meeting.series_id)
    assert (state.kind, state.title) == ("problem_statement", "Problem statement")
    assert [label for label, _ in state.current.parts] == ["Gap", "Time frame and trend", "Impact", "Importance", "Problem statement"]
    assert not state.changed_since_adopted
    text = render_markdown(build_minutes(store, session.meeting_id, clock()))
    gap = text.split("### 2. The gap")[1].split("### 3.")[0]
    assert "Drafted:\n\n- Gap (Problem statement): Patients in the North Country lack reliable transport to the hospital" in gap
    documents = text.split("## Workshop documents")[1].split("\n## ")[0]
    assert "### Problem statement\n\n_version 1 adopted at this meeting (consent)_" in documents
    assert "**Version 1**, adopted on 2026-03-12 at Workshop (Adopt the statement) by consent." in documents
    assert "- **Impact:** missed appointments; patients stuck after discharge" in documents


def test_drafts_are_corrected_and_taken_back_like_any_capture(store, clock):
    session = workshop(store, clock)
    say(session, clock, "/next", "/draft Patients lack transport")
    [capture] = [c for c in session.notes.captures(session.current_item().id) if c.label.startswith("draft")]
    assert (capture.number, capture.label) == (1, "draft · Gap")
    say(session, clock, "/edit 1 Patients in the North Country lack reliable transport")
    say(session, clock, "/draft trend: worse")
    say(session, clock, "/undo")  # takes the trend back
    [state] = store.documents.states(session.meeting.series_id)
    assert state.draft.parts == [("Gap", "Patients in the North Country lack reliable transport")]
    assert state.current is None and state.changed_since_adopted
    say(session, clock, "/goto 1")
    outside = session.apply("/draft gap: anything")
    assert not outside.ok and "works on no workshop document" in outside.error


def test_a_later_meeting_revises_the_statement_and_adopts_it_again(store, clock):
    session = workshop(store, clock)
    say(session, clock, "/next", "/draft Patients lack transport", "/goto 7", "/decide Adopt it outcome:adopted adopts:problem_statement")
    say(session, clock, "/end")
    clock.advance(minutes=60 * 24 * 28)
    later = workshop(store, clock, title="Revision")
    say(later, clock, "/goto 3", "/draft trend: worse since 2024")  # item 2 approves the first workshop's minutes
    states = store.documents.states(later.meeting.series_id)
    assert [len(s.adopted) for s in states] == [1] and states[0].changed_since_adopted
    first_minutes = render_markdown(build_minutes(store, session.meeting_id, clock()))
    assert "- **Time frame and trend:**" not in first_minutes  # as it stood when that meeting ended
    said = render_markdown(build_minutes(store, later.meeting_id, clock()))
    assert f"_draft; version 1, adopted on {session.meeting.date}, stands until a decision adopts this one_" in said
    say(later, clock, "/goto 8", "/decide Adopt the revised statement outcome:adopted method:majority for=5 against=0 adopts:problem")
    [state] = store.documents.states(later.meeting.series_id)
    assert [v.parts for v in state.adopted] == [
        [("Gap", "Patients lack transport")],
        [("Gap", "Patients lack transport"), ("Time frame and trend", "worse since 2024")],
    ]
    say(later, clock, "/goto 4", "/draft impact: missed appointments")  # drafted after the vote: not in force
    report = build_report(store, "Northside", clock())
    [document] = report.documents
    assert (document.versions, document.adopted_on, document.drafted) == (2, later.meeting.date, [("Impact", "missed appointments")])
    md = render_report(report)
    assert (f"Problem statement: version 2 adopted on {later.meeting.date} at Revision by majority vote; later drafts are not "
            "adopted yet (adopting them amends it).") in md
    assert f"| Problem statement | Time frame and trend | worse since 2024 | in force since {later.meeting.date} |" in md
    assert "| Problem statement | Impact | missed appointments | drafted, not adopted |" in md


@pytest.mark.parametrize(
    ("template", "goto", "line", "title", "part"),
    [
        ("smartie-goals", 2, "/draft measurable: share of patients with a ride home, from 40% to 80%", "SMARTIE goal", "Measurable"),
        ("mission-vision-brainwriting", 3, "/draft We connect Northside to care", "Mission statement", "Mission"),
        ("partner-kickoff", 3, "/draft County / serve: older adults", "Partner profile: County Public Health", "Whom we serve"),
        ("synergy-retreat", 9, "/draft challenges: we name the disagreement, then take a break", "Team charter",
         "How we deal with challenging situations"),
    ],
)
def test_each_template_drafts_its_document(store, clock, template, goto, line, title, part):
    session = workshop(store, clock, template)
    store.people.add(session.meeting.series_id, "Dana Ruiz", "County Public Health", "public health")
    session.reload_roster()
    say(session, clock, f"/goto {goto}")
    saved = session.apply(line)
    [state] = store.documents.states(session.meeting.series_id)
    assert state.title == title and state.draft.parts[0][0] == part
    # The notes label it the same when it is saved and when they are read back.
    assert [c.label for c in session.notes.captures(session.current_item().id)][-1] == saved.capture.label


def test_the_capacity_matrix_names_its_parts_as_it_goes(store, clock):
    session = workshop(store, clock, "partner-kickoff")
    store.db.execute("UPDATE agenda_items SET document = 'capacity_matrix' WHERE meeting_id = ? AND position = 4", [session.meeting_id])
    session = MeetingSession(store, session.meeting_id, clock)  # reads the agenda as it now stands
    say(session, clock, "/goto 4", "/draft data analysis: County Public Health; St. Mary's", "/draft meeting space: New Hope Church")
    [state] = store.documents.states(session.meeting.series_id)
    assert state.draft.parts == [("data analysis", "County Public Health; St. Mary's"), ("meeting space", "New Hope Church")]


def test_the_room_sees_the_document_take_shape(store, clock):
    session = workshop(store, clock)
    say(session, clock, "/goto 3", "/draft worse since 2024", "/draft gap: no bus after 6pm")
    view = session.view()
    assert view.activity_name == "document" and view.activity.title == "Problem statement · 2 of 5 parts drafted"
    assert view.activity.parts[:3] == [
        ("Gap", "no bus after 6pm", False), ("Time frame and trend", "worse since 2024", True), ("Impact", None, False),
    ]
    assert view.activity.hint.startswith("/draft TEXT saves the time frame and trend.")
    say(session, clock, "/goto 6")  # a brainwriting item keeps its own panel; its drafts show in the notes
    assert session.view().activity_name == "brainwriting"


async def test_what_was_adopted_stays_as_voted_through_later_edits_and_amendments(store, clock):
    """Adopted with an explicit decision; its drafts edited and struck after the vote; a decision
    that adopts nothing in the same item; an amendment adopted at the next meeting. Every version
    reads exactly as it was voted, in the minutes, the Documents tab and the series report."""
    from facilitator.app import build_app
    from facilitator.screens.setup import SetupScreen

    session = workshop(store, clock)
    say(session, clock, "/next", "/draft No bus after 6pm", "/draft trend: worse since 2024", "/goto 7")
    thanks = session.apply("/decide Thank the county for the ridership data outcome:adopted")
    assert thanks.ok and "adopted" not in thanks.message.split(";", 1)[1]  # a decision, and no document adopted
    assert store.documents.states(session.meeting.series_id)[0].current is None
    adopted = session.apply("/decide Adopt the problem statement outcome:adopted method:consent stand=1 adopts:problem_statement")
    assert "Problem statement: version 1 adopted as drafted now." in adopted.message
    # After the vote: the gap corrected, the trend struck, an impact drafted.
    say(session, clock, "/goto 2")
    corrected = session.apply("/edit 1 No bus after 6pm on weekdays")
    assert "Version 1, as adopted, is unchanged: this correction is an amendment" in corrected.message
    say(session, clock, "/strike 2", "/goto 4", "/draft missed appointments")
    say(session, clock, "/end")
    voted = [("Gap", "No bus after 6pm"), ("Time frame and trend", "worse since 2024")]
    [state] = store.documents.states(session.meeting.series_id)
    assert [v.parts for v in state.adopted] == [voted]
    assert state.draft.parts == [("Gap", "No bus after 6pm on weekdays"), ("Impact", "missed appointments")]
    first = render_markdown(build_minutes(store, session.meeting_id, clock()))
    documents = first.split("## Workshop documents")[1].split("\n## ")[0]
    assert "**Version 1**, adopted on 2026-03-12 at Workshop (Adopt the statement) by consent; stand-asides 1." in documents
    assert "- **Gap:** No bus after 6pm\n- **Time frame and trend:** worse since 2024\n" in documents

    clock.advance(minutes=60 * 24 * 28)
    later = workshop(store, clock, title="Revision")
    say(later, clock, "/goto 8")
    amended = later.apply("/decide Adopt the corrected statement outcome:amended method:majority for=6 against=1 adopts:problem")
    assert "version 2 adopted as drafted now; it amends version 1." in amended.message
    amendment = [("Gap", "No bus after 6pm on weekdays"), ("Impact", "missed appointments")]
    [state] = store.documents.states(later.meeting.series_id)
    assert [v.parts for v in state.adopted] == [voted, amendment] and state.current.amends == 1

    # The first meeting's minutes still give version 1 as voted; the second's give both.
    assert render_markdown(build_minutes(store, session.meeting_id, clock())) == first
    second = render_markdown(build_minutes(store, later.meeting_id, clock())).split("## Workshop documents")[1]
    assert "- **Gap:** No bus after 6pm\n- **Time frame and trend:** worse since 2024\n" in second
    assert ("**Version 2**, adopted on 2026-04-09 at Revision (Adopt the statement) by majority vote; for 6, against 1. "
            "It amends version 1.") in second
    report = render_report(build_report(store, "Northside", clock()))
    assert "| Problem statement | 1 | Time frame and trend | worse since 2024 |" in report
    assert "| Problem statement | 2 | Gap | No bus after 6pm on weekdays |" in report
    assert "| Problem statement | 2 | Time frame and trend |" not in report

    third = store.meetings.create(find_template("coalition-meeting"), title="May", on=clock().date(), at=clock(), series="Northside")
    app = build_app(store, clock, meeting_id=third, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        tab = str(app.screen._documents())
        assert "Version 2, adopted on 2026-04-09 at Revision (Adopt the statement) by majority vote" in tab and "In force." in tab
        assert "Version 1, adopted on 2026-03-12 at Workshop" in tab and "Time frame and trend: worse since 2024" in tab


def test_versions_adopted_before_adoption_was_explicit_are_kept_by_the_migration(tmp_path):
    """A schema 9 database read versions back from the drafts; schema 10 stores them as they then read."""
    import sqlite3

    import sqlite_utils

    from facilitator.store import Store
    from facilitator.store.schema import MIGRATIONS

    path = tmp_path / "v9.db"
    conn = sqlite3.connect(path, isolation_level=None)
    db = sqlite_utils.Database(conn)
    for number, migration in enumerate(MIGRATIONS[:9], start=1):
        migration(db)
        conn.execute(f"PRAGMA user_version = {number}")
    conn.executescript("""
        INSERT INTO series (id, name, created_at) VALUES (1, 'North', '2026-03-12T14:00:00+00:00');
        INSERT INTO meetings (id, series_id, title, date, created_at) VALUES (1, 1, 'Workshop', '2026-03-12', 'x');
        INSERT INTO agenda_items (id, meeting_id, position, title, kind, planned_minutes, document, part)
            VALUES (1, 1, 1, 'The gap', 'discussion', 10, 'problem_statement', 'gap'),
                   (2, 1, 2, 'Adopt', 'decision', 10, 'problem_statement', NULL);
        INSERT INTO documents (id, series_id, kind, title, created_at) VALUES (1, 1, 'problem_statement', 'Problem statement', 'x');
        INSERT INTO entries (id, meeting_id, item_id, kind, text, created_at, document_id, part)
            VALUES (1, 1, 1, 'draft', 'No bus after 6pm', '2026-03-12T14:05:00+00:00', 1, 'gap'),
                   (2, 1, 1, 'draft', 'Worse since 2024', '2026-03-12T14:40:00+00:00', 1, 'trend');
        INSERT INTO decisions (id, meeting_id, item_id, text, outcome, method, created_at)
            VALUES (1, 1, 2, 'Adopt it', 'adopted', 'consent', '2026-03-12T14:30:00+00:00');
    """)
    conn.close()
    store = Store.open(path)
    [state] = store.documents.states(1)
    assert [(v.number, v.parts, v.method) for v in state.adopted] == [(1, [("Gap", "No bus after 6pm")], "consent")]
    assert store.captures.decisions(1)[0].adopts_document_id == 1
