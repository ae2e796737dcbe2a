"""Minutes approved at the next meeting stay as approved: adopted or adopted as amended, with the
quorum at that moment said plainly (also when there was none), kept as they read then, exported
byte for byte the same after later corrections, with those corrections listed beside them."""

from __future__ import annotations

from datetime import timedelta

import pytest

from facilitator import exports
from facilitator.cli import main
from facilitator.minutes import build_minutes, render_markdown
from facilitator.models import AttendanceStatus
from facilitator.parsed import Edit
from facilitator.session.meeting import MeetingSession
from facilitator.templates import find_template

FORMATS = ("md", "html", "docx", "pdf", "json")


def say(session: MeetingSession, *lines: str) -> None:
    for line in lines:
        outcome = session.apply(line)
        assert outcome.ok, (line, outcome.error)


@pytest.fixture
def first(store, clock):
    """A first coalition meeting, ended, with four voting members of whom three came."""
    meeting_id = store.meetings.create(find_template("coalition-meeting"), title="March", on=clock().date(), at=clock(), series="Eastside")
    series_id = store.meetings.get(meeting_id).series_id
    people = store.people.add_many(series_id, [
        ("Amara Okafor", "Tenants Union", "community members", "co-chair", True, True),
        ("Luis Ortega", "County Public Health", "public health", "", True),
        ("Grace Lin", "St. Mary's", "health care", "", True),
        ("Dev Patel", "Schools", "education", "", True),
    ])
    for person in people[:3]:
        store.people.mark(meeting_id, person.id, AttendanceStatus.PRESENT, clock())
    session = MeetingSession(store, meeting_id, clock)
    say(session, "/start", "The clinic van runs Tuesdays", "/goto 5", "Share the ridership data @Luis due:+1w")
    clock.advance(minutes=50)
    say(session, "/end")
    return session


def correct(session: MeetingSession, position: int, number: int, text: str) -> None:
    """As the record screen does after the meeting: capture `number` of item `position` corrected."""
    outcome = session.corrections.edit(Edit(number, text), session.agenda[position - 1])
    assert outcome.ok, outcome.error


def second(store, clock, first: MeetingSession, here: int) -> MeetingSession:
    """The next meeting, four weeks on, with `here` of the voting members present."""
    clock.advance(minutes=60 * 24 * 28)
    meeting_id = store.meetings.create(find_template("coalition-meeting"), title="April", on=clock().date(), at=clock(), series="Eastside")
    for person in store.people.roster(first.meeting.series_id)[:here]:
        store.people.mark(meeting_id, person.id, AttendanceStatus.PRESENT, clock())
    session = MeetingSession(store, meeting_id, clock)
    assert session.agenda[1].approves_meeting_id == first.meeting_id
    say(session, "/start", "/goto 2")
    return session


def test_minutes_approved_as_amended_without_a_quorum_say_so_and_stay_as_approved(store, clock, first, capsys):
    later = second(store, clock, first, here=1)  # 1 of 4 voting members: 3 are needed
    approved = later.apply("/decide Approve the minutes with the van day corrected outcome:amended method:consent")
    assert approved.ok
    assert "The minutes of March (2026-03-12) are approved as amended and kept as approved" in approved.message
    assert "There was no quorum: the minutes say so." in approved.message
    stamp = "- **Minutes approved:** 2026-04-09, at April by consent, as amended; WITHOUT A QUORUM (1 voting member present, 3 needed)"
    before = {fmt: exports.minutes(store, first.meeting_id, fmt, clock()) for fmt in FORMATS}
    assert stamp in before["md"].content
    assert before["md"].notes == ["These are the minutes as approved, unchanged since."]

    # Afterwards: the van's day corrected in the record, the action marked done, a newcomer on the roster.
    clock.advance(minutes=5)
    correct(first, 1, 1, "The clinic van runs Wednesdays")
    correct(first, 5, 1, "Share the ridership data @Luis due:+1w status:done")
    say(later, "/goto 1")
    store.people.add(first.meeting.series_id, "Rosa Delgado", "Metro Transit", "transportation", at=clock())
    clock.advance(minutes=60)
    after = {fmt: exports.minutes(store, first.meeting_id, fmt, clock()) for fmt in FORMATS}
    for fmt in FORMATS:
        assert after[fmt].content == before[fmt].content, fmt  # byte for byte as approved
    assert "The clinic van runs Tuesdays" in after["md"].content and "Rosa Delgado" not in after["md"].content
    [listed] = after["md"].notes
    assert listed.startswith("These are the minutes as approved; corrected since, not part of them: 2026-04-09 14:55: note corrected, "
                             "“The clinic van runs Tuesdays” → “The clinic van runs Wednesdays”")
    assert ("next step corrected, “Share the ridership data: Luis Ortega, due 2026-03-19, open” → “Share the ridership data: "
            "Luis Ortega, due 2026-03-19, done”") in listed

    # The record itself has the corrections: the live minutes read them (and only the approved ones are sent).
    live = render_markdown(build_minutes(store, first.meeting_id, clock()))
    assert "The clinic van runs Wednesdays" in live
    out = store.path.parent / "march.md"
    assert main(["--db", str(store.path), "minutes", str(first.meeting_id), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == before["md"].content
    assert "note corrected" in capsys.readouterr().err


def test_adopted_with_a_quorum_and_the_report_shows_each_meetings_approval(store, clock, first):
    from facilitator.report import build_report
    from facilitator.report import render_markdown as render_report

    later = second(store, clock, first, here=3)
    say(later, "/decide Approve the minutes outcome:adopted method:consent")
    md = exports.minutes(store, first.meeting_id, "md", clock()).content
    assert "- **Minutes approved:** 2026-04-09, at April by consent; quorum met: 3 voting members present, 3 needed" in md
    say(later, "/end")
    report = render_report(build_report(store, "Eastside", clock()))
    assert "| 2026-03-12 | March | ended | 3 | 0 | 0 | 0 | approved 2026-04-09 |" in report
    assert "| 2026-04-09 | April | ended | 3 | 0 | 0 | 0 | not approved yet |" in report


def test_an_approval_struck_or_rejected_is_no_approval(store, clock, first):
    later = second(store, clock, first, here=3)
    rejected = later.apply("/decide Approve the minutes outcome:rejected")
    assert "The minutes of March (2026-03-12) are not approved (rejected)." in rejected.message
    assert store.meetings.approval(first.meeting_id) is None
    say(later, "/edit 1 Approve the minutes outcome:adopted method:consent")  # the outcome was mistyped
    assert store.meetings.approval(first.meeting_id) is not None
    say(later, "/strike 1")
    assert store.meetings.approval(first.meeting_id) is None
    assert "Minutes approved" not in exports.minutes(store, first.meeting_id, "md", clock()).content


def test_the_draft_email_sends_the_minutes_as_approved(store, clock, first):
    from facilitator.minutes.mail import draft_email

    later = second(store, clock, first, here=3)
    say(later, "/decide Approve the minutes outcome:adopted method:consent")
    correct(first, 1, 1, "The clinic van runs Wednesdays")
    message = draft_email(store, first.meeting_id, clock() + timedelta(hours=1)).message
    assert b"Tuesdays" in message and b"Wednesdays" not in message


def test_an_action_carried_over_keeps_its_owner_and_due_date_in_the_next_minutes(store, clock, first):
    later = second(store, clock, first, here=3)
    say(later, "/carry 1")
    md = exports.minutes(store, later.meeting_id, "md", clock()).content
    assert "- action: Share the ridership data — Luis Ortega, due 2026-03-19 (from March (2026-03-12)): carried over" in md


def test_done_says_the_day_it_was_done_and_follow_through_counts_from_it(store, clock, first):
    from facilitator.report import build_report

    later = second(store, clock, first, here=3)
    refused = later.apply("/done 1 2026-05-01")
    assert not refused.ok and "after this meeting (2026-04-09)" in refused.error
    done = later.apply("/done 1 2026-03-18")
    assert done.ok and done.message == "Share the ridership data: done on 2026-03-18."
    md = exports.minutes(store, later.meeting_id, "md", clock()).content
    assert "- action: Share the ridership data — Luis Ortega, due 2026-03-19 (from March (2026-03-12)): done on 2026-03-18" in md
    [row] = build_report(store, "Eastside", clock()).follow_through.rows
    assert (row.done_on.isoformat(), row.on_time, row.days_late) == ("2026-03-18", True, 0)  # not the meeting's date: 21 days late
