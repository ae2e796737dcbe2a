"""Running a meeting without a screen: captures and flow land in the store, and the minutes say so."""

from __future__ import annotations

from facilitator.clock import FlowKind, Status
from facilitator.minutes import build_minutes, md_escape, render_markdown
from facilitator.models import AttendanceStatus
from facilitator.session.meeting import MeetingSession
from facilitator.templates import find_template


def prepared(store, clock, template="coalition-meeting"):
    meeting_id = store.meetings.create(find_template(template), title="March meeting", on=clock().date(), at=clock(), series="Eastside")
    return MeetingSession(store, meeting_id, clock)


def test_a_note_is_in_the_store_when_apply_returns(store, clock):
    session = prepared(store, clock)
    outcome = session.apply("Housing partners want a data-sharing agreement")
    assert outcome.ok and outcome.capture is not None
    [row] = store.db.execute("SELECT text, item_id FROM entries").fetchall()
    assert row == ("Housing partners want a data-sharing agreement", session.agenda[0].id)



def test_a_plain_line_with_an_owner_and_a_due_date_is_a_note_that_says_how_to_make_it_an_action(store, clock):
    session = prepared(store, clock)
    session.apply("/goto 4")  # Partner updates: plain lines are notes
    outcome = session.apply("Luis finishes the data-sharing agreement @Luis due:friday")
    assert outcome.ok and not outcome.capture.label  # kept as typed, a note (the capture bar's contract)
    assert "/strike 1" in outcome.message and "/action" in outcome.message
    assert session.apply("Email Rosa about the due date").message is None  # no owner: an ordinary note, nothing said

def test_first_flow_command_starts_the_meeting(store, clock):
    session = prepared(store, clock)
    assert session.clock().status is Status.NOT_STARTED
    clock.advance(minutes=2)
    assert session.apply("/next").flow is FlowKind.NEXT
    kinds = [e.kind for e in store.agenda.events(session.meeting_id)]
    assert kinds == [FlowKind.START, FlowKind.NEXT]
    assert session.clock().current_id == session.agenda[1].id


def test_refusals_store_nothing(store, clock):
    session = prepared(store, clock)
    assert "first item" in session.apply("/back").error
    assert "no item 9" in session.apply("/goto 9").error
    assert "not paused" in session.apply("/resume").error
    session.apply("/goto 6")
    assert "last item" in session.apply("/next").error
    assert "last item" in session.apply("/skip").error
    session.apply("/end")
    assert "has ended" in session.apply("/next").error
    assert [e.kind for e in store.agenda.events(session.meeting_id)] == [FlowKind.START, FlowKind.GOTO, FlowKind.END]


def test_minutes_show_planned_versus_actual_notes_and_attendance(store, clock):
    session = prepared(store, clock)
    meeting = session.meeting
    [ana, ben] = store.people.add_many(meeting.series_id, [("Ana Ruiz", "Clinic", "health care", ""), ("Ben Ode", "", "", "")])
    store.people.mark(meeting.id, ana.id, AttendanceStatus.PRESENT, clock())
    session.apply("/start")
    session.apply("Everyone introduced themselves")
    clock.advance(minutes=12)
    session.apply("/next")
    store.people.mark(meeting.id, ben.id, AttendanceStatus.LATE, clock())
    session.apply("Two actions carried over")
    clock.advance(minutes=3)
    session.apply("/extend 5")
    session.apply("/skip")
    clock.advance(minutes=20)
    session.apply("/end")
    minutes = build_minutes(store, meeting.id, clock.advance(minutes=30))
    text = render_markdown(minutes)
    assert text.startswith("# March meeting\n")
    assert "- **Series:** Eastside" in text
    assert "- **Time:** 14:00 to 14:35 (ended)" in text
    assert "| Ana Ruiz | Clinic | health care | present |" in text
    assert "| Ben Ode |  |  | late at 14:12 |" in text
    assert "| 1 | Welcome and check-in | 10 min | 12 min |  |" in text
    assert "| 2 | Review open next steps | 15 min | skipped | extended +5 min |" in text
    assert "| 3 | Partner updates | 20 min | 20 min |  |" in text
    section_1 = text.split("## 1. ")[1].split("## 2. ")[0]
    section_2 = text.split("## 2. ")[1].split("## 3. ")[0]
    assert "- Everyone introduced themselves" in section_1
    assert "- Two actions carried over" in section_2
    assert "_Nothing recorded._" in text.split("## 4. ")[1]


def test_markdown_cannot_be_injected_by_what_people_type():
    assert md_escape("# heading") == "\\# heading"
    assert md_escape("| a | b |") == "\\| a \\| b \\|"
    assert md_escape("<script>alert(1)</script>") == "\\<script\\>alert(1)\\</script\\>"
    assert md_escape("1. not a list") == "1\\. not a list"
    assert md_escape("- not a bullet") == "\\- not a bullet"
    assert md_escape("[link](http://x)") == "\\[link\\](http://x)"
    assert md_escape("two\nlines") == "two  \n  lines"
    assert md_escape("مرحبا 👋🏽 café") == "مرحبا 👋🏽 café"
