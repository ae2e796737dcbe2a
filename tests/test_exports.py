"""Every format opens cleanly and carries what people typed literally, hostile text included."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser

import docx
import icalendar
import jsonschema
import pytest

from facilitator.app import build_app
from facilitator.demo import create_demo_meeting
from facilitator.minutes import build_minutes, render
from facilitator.minutes.jsonout import json_schema
from facilitator.minutes.next_steps import action_rows, render_csv, render_ics
from facilitator.session.meeting import MeetingSession
from facilitator.text import clean
from hostile import HOSTILE
from pilot_helpers import until

TEMPLATE_TAGS = {
    "html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "h3", "p", "br", "table", "thead", "tbody",
    "tr", "th", "td", "ul", "li", "strong", "span", "div", "figure", "figcaption", "svg", "text", "rect",
}


@pytest.fixture
def rich_meeting(store, clock):
    """The demo with every kind of record, and hostile text in each place people type."""
    meeting_id = create_demo_meeting(store, clock())
    session = MeetingSession(store, meeting_id, clock)
    session.apply("/speak Luis")
    clock.advance(90)
    for n, nasty in enumerate(HOSTILE):
        session.apply(f"//{nasty}" if nasty.startswith("/") else nasty)  # a note
        store.captures.add_entry(meeting_id, session.current_item().id, nasty, at=clock())  # exactly, bypassing the bar's trim
        session.decisions.record(nasty[:200], outcome="adopted", votes_for=n)
        store.captures.add_next_step(meeting_id, session.current_item().id, nasty[:300], at=clock(), owner=session.ctx.find_person("Luis"),
                            due=clock().date())
        session.notes.park_typed(nasty[:120])
    session.apply("/speak Amara")
    clock.advance(60)
    session.apply("/end")
    session.apply("/end")
    return meeting_id


def expected(nasty: str) -> str:
    """What a document carries: the text itself, with characters no document may hold replaced."""
    return clean(nasty)


class Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)

    def handle_data(self, data):
        self.text.append(data)


def test_html_has_only_template_elements_and_every_text_literally(store, clock, rich_meeting):
    page = render(build_minutes(store, rich_meeting, clock()), "html")
    parser = Collector()
    parser.feed(page)
    assert parser.tags <= TEMPLATE_TAGS, parser.tags - TEMPLATE_TAGS
    body = "".join(parser.text)
    for nasty in HOSTILE:
        assert expected(nasty) in body, nasty[:40]
    assert "http" not in page.split("<main>")[0].replace("http://www.w3.org/2000/svg", "")  # no external requests
    assert page.count("<svg") == 3  # the timeline, speaking time by person and by sector


def test_docx_reads_back_with_every_decision_and_action(store, clock, rich_meeting, tmp_path):
    content = render(build_minutes(store, rich_meeting, clock()), "docx")
    document = docx.Document(io.BytesIO(content))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    everything = "\n".join(texts)
    for decision in store.captures.decisions(rich_meeting):
        assert clean(decision.text) in everything
    for step in store.captures.next_steps(rich_meeting):
        assert clean(step.text) in everything
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert {"Attendance", "Agenda: planned and actual", "Decisions", "Next steps", "Participation", "Parking lot"} <= set(headings)
    assert any(p.style.name == "List Bullet" for p in document.paragraphs)


def test_json_validates_against_the_published_schema_and_keeps_text_exact(store, clock, rich_meeting):
    text = render(build_minutes(store, rich_meeting, clock()), "json")
    data = json.loads(text)
    jsonschema.validate(data, json.loads(json_schema()))
    assert data["schema_version"] == 1
    notes = {n["text"] for item in data["minutes"]["items"] for n in item["notes"]}
    for nasty in HOSTILE:
        assert nasty in notes  # JSON carries everything exactly, control characters too


def test_schema_documents_its_fields():
    schema = json.loads(json_schema())
    assert schema["properties"]["schema_version"]["description"].startswith("Raised whenever")
    assert "description" in schema["$defs"]["MinutesItem"]["properties"]["planned_minutes"]


def test_csv_one_row_per_action_read_back_with_csv(store, clock, rich_meeting):
    rows = list(csv.DictReader(io.StringIO(render_csv(action_rows(store, meeting_id=rich_meeting)))))
    assert len(rows) == len(HOSTILE)
    assert set(rows[0]) == {"meeting", "meeting_date", "description", "owner", "organisation", "due", "status"}
    descriptions = [r["description"] for r in rows]
    assert clean(HOSTILE[0]) in descriptions
    assert "'=HYPERLINK(\"http://example.invalid\")" in descriptions  # kept as text, not run as a formula
    assert rows[0]["organisation"] == "County Public Health"


def test_ics_one_entry_per_action_with_a_due_date(store, clock, rich_meeting):
    store.captures.add_next_step(rich_meeting, store.agenda.items(rich_meeting)[0].id, "No date yet", at=clock())
    calendar = icalendar.Calendar.from_ical(render_ics(action_rows(store, meeting_id=rich_meeting), clock(), store.archive.database_id()))
    events = list(calendar.walk("VEVENT"))
    assert len(events) == len(HOSTILE)
    assert all(e.decoded("dtstart") == clock().date() for e in events)
    assert str(events[0]["summary"]) == f"Next step: {clean(HOSTILE[0][:300])} (Luis Ortega)"


def test_markdown_carries_hostile_text_without_structure(store, clock, rich_meeting):
    text = render(build_minutes(store, rich_meeting, clock()), "md")
    lines = text.splitlines()
    assert not any(line.startswith("# not a heading") for line in lines)
    assert "<script>" not in text and "\\<script\\>" in text
    assert ("x" * 100_000) in text


async def test_preview_screen_exports_html_in_a_worker(store, clock, tmp_path):
    meeting_id = create_demo_meeting(store, clock())
    app = build_app(store, clock, meeting_id=meeting_id, cursor_blink=False, export_folder=tmp_path)

    async def status_says(pilot, words: str) -> str:
        """The export runs in a thread worker; wait (a bounded while) until the status line reports it."""
        for _ in range(200):
            await pilot.pause(0.02)
            status = str(app.screen.query_one("#export-status").render())
            if words in status:
                return status
        raise AssertionError(f"the status line never said {words!r}: {status!r}")

    async with app.run_test(size=(120, 40)) as pilot:
        app.show_minutes(meeting_id)
        await pilot.pause()
        await pilot.press("h")
        await pilot.press("enter")
        target = tmp_path / "2026-03-12-eastside-partner-kick-off.html"
        await status_says(pilot, f"Written to {target}")
        await pilot.press("w")
        path_input = app.screen.query_one("#path")
        path_input.value = str(tmp_path / "no-such-folder" / "minutes.docx")
        await pilot.press("enter")
        await status_says(pilot, "Could not write the export")
    assert target.read_text(encoding="utf-8").startswith("<!doctype html>")


async def test_exports_go_to_the_documents_folder_by_default_never_where_the_app_was_started(store, clock, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    meeting_id = create_demo_meeting(store, clock())
    app = build_app(store, clock, meeting_id=meeting_id, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        app.show_minutes(meeting_id)
        await pilot.pause()
        await pilot.press("m")
        await pilot.press("enter")
        target = tmp_path / "home" / "Documents" / "Facilitator" / "2026-03-12-eastside-partner-kick-off.md"
        await until(pilot, target.exists)
    assert target.read_text(encoding="utf-8").startswith("# Eastside partner kick-off")
    assert not list(tmp_path.glob("*.md"))



async def test_an_export_never_replaces_a_file_without_saying_so_first(store, clock, tmp_path):
    """A newcomer's export silently replaced a file of the same name from another database; and
    a second export key pressed by mistake replaced the whole path in the field."""
    meeting_id = create_demo_meeting(store, clock())
    app = build_app(store, clock, meeting_id=meeting_id, cursor_blink=False, export_folder=tmp_path)
    target = tmp_path / "2026-03-12-eastside-partner-kick-off.md"
    target.write_text("someone else's minutes\n", encoding="utf-8")
    async with app.run_test(size=(120, 40)) as pilot:
        app.show_minutes(meeting_id)
        await pilot.pause()
        await pilot.press("m", "h")  # the second key lands in the field, after the path
        field = app.screen.query_one("#path")
        assert field.value == f"{target}h"
        await pilot.press("backspace", "enter")
        assert "is already there. Enter again replaces it" in str(app.screen.query_one("#path-warning").render())
        assert target.read_text(encoding="utf-8") == "someone else's minutes\n"  # untouched so far
        await pilot.press("escape")
        await pilot.press("m", "enter", "enter")  # asked, then replaced on purpose
        await until(pilot, lambda: target.read_text(encoding="utf-8").startswith("# Eastside partner kick-off"))

AMPERSANDS = "Fees &lt;b&gt;waived&lt;/b&gt; &amp; &#x202E;not reversed &copy;"
OVERRIDE = "Bus \u202eroute 7\u2067 and \u202bmore"  # an override and an isolate left open, an embedding too


def test_ampersands_and_bidirectional_controls_stay_literal_in_every_format(store, clock):
    """`&lt;b&gt;` typed as text rendered as <b> from the Markdown, `&#x202E;` as an override;
    a right-to-left override typed or pasted reordered the words after it in every format."""
    from markdown_it import MarkdownIt

    meeting_id = create_demo_meeting(store, clock())
    session = MeetingSession(store, meeting_id, clock)
    assert session.apply(AMPERSANDS).ok and session.apply(OVERRIDE + " — after").ok
    minutes = build_minutes(store, meeting_id, clock())
    isolated = "\u2068Bus \u202eroute 7\u2067 and \u202bmore — after\u202c\u2069\u202c\u2069"  # closed, in reverse order

    markdown = render(minutes, "md")
    shown = MarkdownIt("commonmark").render(markdown)  # as a Markdown viewer would show it
    assert "&amp;lt;b&amp;gt;waived&amp;lt;/b&amp;gt; &amp;amp; &amp;#x202E;not reversed &amp;copy;" in shown and "<b>" not in shown
    assert isolated in markdown

    page = render(minutes, "html")
    parser = Collector()
    parser.feed(page)
    assert AMPERSANDS in "".join(parser.text) and isolated in "".join(parser.text)

    document = docx.Document(io.BytesIO(render(minutes, "docx")))
    paragraphs = [p.text for p in document.paragraphs]
    assert AMPERSANDS in paragraphs and isolated in paragraphs

    data = render(minutes, "json")
    assert "\u202e" not in data and "Bus \\u202eroute 7\\u2067 and \\u202bmore" in data
    assert OVERRIDE + " — after" in {n["text"] for item in json.loads(data)["minutes"]["items"] for n in item["notes"]}

    from facilitator.text import printable

    assert printable(OVERRIDE) == "Bus ⇄route 7⇄ and ⇄more"  # on screen: shown, one cell each


def test_the_same_minutes_render_to_the_same_bytes(store, clock):
    """Approved minutes are exported again and again: every format must come out identical."""
    meeting_id = create_demo_meeting(store, clock())
    session = MeetingSession(store, meeting_id, clock)
    session.apply("/end")
    minutes = build_minutes(store, meeting_id, clock.advance(minutes=5))
    for fmt in ("md", "html", "docx", "pdf", "json"):
        first = render(minutes, fmt)
        assert render(minutes, fmt) == first, fmt
    # A zip records when each of its parts was written; DOCX's carry the meeting's end instead.
    import zipfile

    with zipfile.ZipFile(io.BytesIO(render(minutes, "docx"))) as parts:
        assert {info.date_time for info in parts.infolist()} == {minutes.ended_at.timetuple()[:6]}


def test_a_pasted_note_of_several_lines_keeps_its_lines_in_every_format(store, clock):
    """A browser ran the lines of a pasted note together in the HTML minutes; the PDF showed a
    box for a pasted tab (found by a newcomer pasting from a chat)."""
    import pypdf

    meeting_id = create_demo_meeting(store, clock())
    session = MeetingSession(store, meeting_id, clock)
    assert session.apply("Pasted from chat:\nline one\nline two\twith a tab").ok
    minutes = build_minutes(store, meeting_id, clock())
    assert "- Pasted from chat:  \n  line one  \n  line two\twith a tab\n" in render(minutes, "md")  # hard breaks, in the item
    assert "Pasted from chat:<br>line one<br>line two\twith a tab</li>" in render(minutes, "html")
    document = docx.Document(io.BytesIO(render(minutes, "docx")))
    assert "Pasted from chat:\nline one\nline two\twith a tab" in [p.text for p in document.paragraphs]
    shown = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(render(minutes, "pdf"))).pages)
    assert "Pasted from chat:\nline one\nline two    with a tab" in shown and "□" not in shown
