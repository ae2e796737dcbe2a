"""A whole scripted meeting, typed as a note-taker would, exported in every format and compared
byte for byte with the files in `tests/golden/`.

The minutes are the product: a change to them must be deliberate. After one, regenerate with
`FACILITATOR_UPDATE_GOLDEN=1 pytest tests/test_golden_minutes.py` and read the diff before committing.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

from facilitator.app import build_app
from facilitator.demo import create_demo_meeting
from facilitator.minutes import build_minutes, render
from facilitator.minutes.next_steps import action_rows, render_csv, render_ics
from facilitator.templates import find_template
from pilot_helpers import type_line

GOLDEN = Path(__file__).parent / "golden"

# (seconds to let pass first, what the note-taker types or presses)
SCRIPT: list[tuple[float, str]] = [
    (0, "Luis: the county is here to listen"),
    (0, "/speak Luis"),
    (60, "/next"),
    (0, "<f5>"),
    (30, "Hopeful about the housing vote"),
    (20, "<f6>"),
    (25, "Here for the kids"),
    (0, "<f8>"),
    (15, "Glad to be here"),
    (10, "Faith groups can host meetings"),
    (5, "/next"),
    (0, "/add Ideas for outreach min:10 kind:brainwriting"),
    (0, "/speak Grace"),
    (120, "/speak Amara"),
    (45, "/park Hospital parking fees"),
    (0, "/next"),
    (10, "Free bus passes"),
    (10, "Mobile clinic"),
    (10, "Evening hours"),
    (10, "/idea Promotoras @Amara"),
    (0, "<f5>"),
    (30, "1 3: Access"),
    (10, "2 4: Outreach"),
    (0, "<f5>"),
    (20, "Amara: 1 1 2"),
    (10, "Luis 4"),
    (0, "<f5>"),
    (5, "/decide Meet monthly at the library method:majority for=5 against=0 abstain=1 outcome:adopted review:+4w"),
    (60, "/next"),
    (30, "/left Rosa"),
    (200, "/next"),
    (10, "Share the asthma data @Luis due:friday"),
    (10, "Book the room"),
    (10, "Call the mayor @Jamie due:+1w"),
    (60, "/next"),
    (10, "+ Everyone spoke"),
    (10, "- Start on time"),
    (10, "4 4 5"),
    (10, "3 5 4"),
    (30, "/end"),
    (0, "/end"),
]


async def run_script(app, clock) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        for seconds, line in SCRIPT:
            clock.advance(seconds)
            if line.startswith("<"):
                await pilot.press(line.strip("<>"))
            else:
                await type_line(pilot, line)


def docx_body(data: bytes) -> bytes:
    """The document's text and structure; the zip's timestamps and core properties vary by run."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/document.xml")


async def test_a_scripted_meeting_exports_exactly_the_golden_files(store, clock):
    meeting_id = create_demo_meeting(store, clock())
    await run_script(build_app(store, clock, meeting_id=meeting_id, cursor_blink=False), clock)
    minutes = build_minutes(store, meeting_id, clock())
    rows = action_rows(store, meeting_id=meeting_id)
    produced = {
        "minutes.md": render(minutes, "md").encode(),
        "minutes.html": render(minutes, "html").encode(),
        "minutes.json": render(minutes, "json").encode(),
        "minutes.docx.xml": docx_body(render(minutes, "docx")),
        "next-steps.csv": render_csv(rows).encode(),
        "next-steps.ics": render_ics(rows, clock(), "golden"),  # the database id is random; the goldens name a fixed one
    }
    if os.environ.get("FACILITATOR_UPDATE_GOLDEN"):
        for name, content in produced.items():
            (GOLDEN / name).write_bytes(content)
    for name, content in produced.items():
        assert content == (GOLDEN / name).read_bytes(), f"{name} differs from tests/golden/{name}"


# Prepared before the start, in the capture bar (Setup's Agenda tab writes the same plan: see
# test_preparation.py), then changed again once the meeting is under way.
PREPARED: list[tuple[float, str]] = [
    (0, "/add Budget update min:10"),  # before the start an item joins the end of the plan: 7
    (0, "/move 5 2"),  # Next steps up to 2
    (0, "/retime 4 25"),  # Partner updates planned at 25 min
    (0, "/skip 6"),  # Evaluation off the plan altogether
    (0, "/start"),
    (0, "Amara: glad to be here"),
    (300, "/next"),
    (60, "Share the minutes @Amara due:friday"),
    (600, "/next"),
    (0, "/add Grant deadline min:5"),  # during the meeting: after the current item, and said so
    (0, "/retime 5 15"),  # Partner updates cut back to 15 during the meeting
    (0, "Luis: the report is out"),
    (900, "/next"),
    (300, "/skip 5"),  # Partner updates skipped while item 4 runs
    (0, "/next"),
    (120, "/end"),
]


async def test_a_meeting_prepared_before_the_start_reads_as_its_plan(store, clock):
    """The minutes of tests/golden/prepared.md, read line by line:
    - the agenda table's Planned column is the plan as prepared: Next steps 2nd, Partner updates
      25 min, Budget update 10 min, no Evaluation, and none of it marked as a change;
    - `| 4 | Grant deadline | 5 min (added) | 5 min | added during the meeting |`: the one item
      added after the start, and only it, is marked;
    - `| 5 | Partner updates | 25 min | skipped | re-timed 25 → 15 min |`: planned at 25, cut
      to 15 during the meeting, then skipped;
    - `| 7 | Budget update | 10 min | not reached |  |`: prepared, never reached;
    - the next step keeps its owner and due date (Friday 13 March 2026 from Thursday the 12th)."""
    series_id = store.meetings.series_id("Eastside", at=clock())
    store.people.add_many(series_id, [("Amara", "Eastside Clinic", "health care", ""), ("Luis", "County", "government", "")])
    meeting_id = store.meetings.create(find_template("coalition-meeting"), title="April", on=clock().date(), at=clock(), series="Eastside")
    app = build_app(store, clock, meeting_id=meeting_id, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("escape")  # from Setup to the live screen, the meeting not started
        for seconds, line in PREPARED:
            clock.advance(seconds)
            await type_line(pilot, line)
    produced = render(build_minutes(store, meeting_id, clock()), "md").encode()
    if os.environ.get("FACILITATOR_UPDATE_GOLDEN"):
        (GOLDEN / "prepared.md").write_bytes(produced)
    assert produced == (GOLDEN / "prepared.md").read_bytes(), "prepared.md differs from tests/golden/prepared.md"
