"""Minutes out the door: the PDF prints every name (read back with pypdf), and the draft email
parses with the standard library into the message a sender would check and send."""

from __future__ import annotations

import email
import io
from datetime import UTC, datetime, timedelta
from email import policy

import pypdf
import pytest

from facilitator.cli import main
from facilitator.minutes import build_minutes, render
from facilitator.minutes.mail import draft_email
from facilitator.models import AttendanceStatus
from facilitator.session.meeting import MeetingSession
from facilitator.templates import find_template

START = datetime(2026, 11, 20, 17, 0, tzinfo=UTC)


@pytest.fixture
def meeting(store):
    moment = [START]

    def now() -> datetime:
        return moment[0]

    meeting_id = store.meetings.create(
        find_template("coalition-meeting"), title="Eastside — November", on=START.date(), at=START, series="Eastside"
    )
    session = MeetingSession(store, meeting_id, now)
    series_id = session.meeting.series_id
    lan = store.people.add(
        series_id, "Nguyễn Thị Lan", "Viet Community Center", "community members", community=True, email="lan@vcc.example"
    )
    jose = store.people.add(series_id, "José Muñoz", "County Public Health", "public health", email="jmunoz@county.example")
    grace = store.people.add(series_id, "Grace Lin", "St. Mary's Hospital", "health care")
    store.people.add(series_id, "Rosa Díaz", "Tenants Union", "housing", email="rosa@tenants.example")  # did not come
    for person in (lan, jose, grace):
        store.people.mark(meeting_id, person.id, AttendanceStatus.PRESENT, START)
    session.reload_roster()

    def say(line: str, minutes: int = 0) -> None:
        outcome = session.apply(line)
        assert outcome.ok, (line, outcome.error)
        moment[0] += timedelta(minutes=minutes)

    say("/start"), say("/speak Nguyễn Thị Lan", 3), say("Clinic hours do not work for shift workers 👍"), say("/next", 1)
    say("/goto 5"), say("Translate the flyer into Vietnamese @Nguyễn Thị Lan due:2026-12-01")
    say("Share the clinic-hours data @José Muñoz due:2026-11-27"), say("Book the room", 2)
    assert "1 next step lacks an owner or a due date (Book the room)" in session.apply("/end").error
    say("/end")  # again: end anyway
    return store, meeting_id


def test_the_pdf_prints_every_name_and_says_what_it_could_not(meeting):
    store, meeting_id = meeting
    pdf = render(build_minutes(store, meeting_id, START + timedelta(hours=1)), "pdf")
    assert isinstance(pdf, bytes) and pdf.startswith(b"%PDF-")
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for name in ("Nguyễn Thị Lan", "José Muñoz", "Eastside — November"):
        assert name in text
    assert "Translate the flyer into Vietnamese — Nguyễn Thị Lan, due 2026-12-01" in text
    assert "Clinic hours do not work for shift workers □" in text  # the emoji the font has no glyph for
    assert "1 character this PDF's font cannot print is shown as □" in " ".join(text.split())
    assert reader.metadata.title == "Eastside — November — minutes"


def test_the_draft_email_is_addressed_to_those_who_came(meeting):
    store, meeting_id = meeting
    draft = draft_email(store, meeting_id, START + timedelta(hours=1))
    assert draft.addressed == ["José Muñoz", "Nguyễn Thị Lan"] and draft.no_email == ["Grace Lin"]
    message = email.message_from_bytes(draft.message, policy=policy.default)
    assert message["X-Unsent"] == "1"
    assert message["Subject"] == "Minutes: Eastside — November (2026-11-20)"
    assert [(a.display_name, a.addr_spec) for a in message["To"].addresses] == [
        ("José Muñoz", "jmunoz@county.example"), ("Nguyễn Thị Lan", "lan@vcc.example"),
    ]  # Rosa did not come; Grace has no email
    html = message.get_body(("html",)).get_content()
    plain = message.get_body(("plain",)).get_content()
    assert "<h1>Eastside — November</h1>" in html and plain.startswith("# Eastside — November\r\n")  # mail line ends
    attachments = {part.get_filename(): part for part in message.iter_attachments()}
    assert set(attachments) == {"minutes-2026-11-20.pdf", "next-steps-2026-11-20.ics"}
    assert attachments["minutes-2026-11-20.pdf"].get_content().startswith(b"%PDF-")
    calendar = attachments["next-steps-2026-11-20.ics"].get_content().replace("\r\n ", "")  # unfolded
    assert calendar.count("BEGIN:VEVENT") == 2 and "Translate the flyer into Vietnamese (Nguyễn Thị Lan)" in calendar


def test_someone_who_left_early_came_and_gets_the_minutes_too(meeting):
    store, meeting_id = meeting
    jose = next(p for p in store.people.roster(store.meetings.get(meeting_id).series_id) if p.name == "José Muñoz")
    store.people.mark(meeting_id, jose.id, AttendanceStatus.LEFT_EARLY, START + timedelta(minutes=20))
    draft = draft_email(store, meeting_id, START + timedelta(hours=1))
    assert "José Muñoz" in draft.addressed and "Rosa Díaz" not in draft.addressed + draft.no_email


def test_the_command_line_needs_a_file_for_pdf_and_eml_and_says_who_is_left_out(meeting, db_path, tmp_path, capsys):
    store, meeting_id = meeting
    store.close()
    assert main(["minutes", str(meeting_id), "--db", str(db_path), "--format", "pdf"]) == 2
    assert "give -o FILE" in capsys.readouterr().err
    target = tmp_path / "minutes.eml"
    assert main(["minutes", str(meeting_id), "--db", str(db_path), "--format", "eml", "-o", str(target)]) == 0
    err = capsys.readouterr().err
    assert "Addressed to 2 of the 3 who came." in err and "No email on the roster for: Grace Lin" in err
    assert email.message_from_bytes(target.read_bytes(), policy=policy.default)["X-Unsent"] == "1"
