"""Each activity run through the keys a note-taker presses, then checked in the database and the minutes."""

from __future__ import annotations

from facilitator.app import build_app
from facilitator.demo import create_demo_meeting
from facilitator.minutes import build_minutes, render_markdown
from facilitator.screens.decision_form import DecisionFormScreen
from facilitator.screens.review import ReviewScreen
from facilitator.templates import find_template
from facilitator.widgets.activity_panel import ActivityPanel
from pilot_helpers import type_line


def series_meeting(store, clock, template: str, *, title: str = "April", days_later: int = 28):
    """A meeting of the demo coalition, some weeks after the demo kick-off, started."""
    demo_id = create_demo_meeting(store, clock())
    clock.advance(minutes=60 * 24 * days_later)
    series = store.meetings.get(demo_id).series_name
    meeting_id = store.meetings.create(find_template(template), title=title, on=clock().date(), at=clock(), series=series)
    return demo_id, meeting_id


def minutes_text(store, meeting_id, clock) -> str:
    return render_markdown(build_minutes(store, meeting_id, clock()))


async def test_checkin_round_by_keys(store, clock):
    _, meeting_id = series_meeting(store, clock, "coalition-meeting")
    app = build_app(store, clock, meeting_id=meeting_id, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+s")  # start from the setup screen: nobody is marked present, so it asks once
        assert "Nobody is marked present yet" in str(app.screen.query_one("#setup-message").render())
        await pilot.press("ctrl+s")  # start anyway
        await pilot.press("f5")  # seat the round
        await type_line(pilot, "Hopeful about the housing vote")
        await pilot.press("f6")  # Luis passes
        await pilot.press("f8")  # Grace is not here
        await type_line(pilot, "Marisol Vega", enter=False)
        await pilot.press("f9")  # someone new joins the round
        await type_line(pilot, "Schools are ready to help")
        panel = str(app.screen.query_one("#activity").render())
        assert "Not yet checked in: 3" in panel and "▶ Rosa Delgado" in panel
    text = minutes_text(store, meeting_id, clock)
    checkin = text.split("Check-in:")[1].split("##")[0]
    assert "- Amara Okafor: Hopeful about the housing vote" in checkin
    assert "- Luis Ortega: passed" in checkin and "- Grace Lin: not here" in checkin
    assert "- Dev Patel: Schools are ready to help" in checkin
    attendance = text.split("## Attendance")[1].split("##")[0]
    assert "| Grace Lin | St. Mary's Hospital | health care | absent |" in attendance
    assert "| Pastor James Reed | New Hope Church | faith-based | not marked |" in attendance
    assert "| Rosa Delgado | Metro Transit | transportation | not marked |" in attendance
    assert store.db.execute("SELECT count(*) FROM people WHERE name = 'Marisol Vega'").fetchone()[0] == 1


async def test_brainwriting_by_keys(store, clock):
    _, meeting_id = series_meeting(store, clock, "mission-vision-brainwriting")
    app = build_app(store, clock, meeting_id=meeting_id, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+s", "ctrl+s")  # nobody marked present: asked once, then started
        await type_line(pilot, "/goto 2")
        for idea in ["Everyone can get to a clinic", "Homes without mould", "Kids walk to school safely", "Clinics open at night"]:
            await type_line(pilot, idea)
        await pilot.press("f5")  # grouping
        await type_line(pilot, "1 4: Care close to home")
        await type_line(pilot, "2 3: Safe places")
        await pilot.press("f5")  # voting
        await type_line(pilot, "Amara: 1 1 2")
        await type_line(pilot, "Luis: 3 3 3 3")  # over budget: refused, text kept
        assert app.screen.query_one("#capture").value == "Luis: 3 3 3 3"
        await pilot.press("ctrl+u")
        await type_line(pilot, "Luis: 4 2")
        await pilot.press("f5")  # results
    text = minutes_text(store, meeting_id, clock)
    section = text.split("## 2. ")[1].split("## 3. ")[0]
    assert section.index("**Care close to home** (3 dots)") < section.index("**Safe places** (2 dots)")
    assert "- Everyone can get to a clinic (2 dots)" in section
    assert store.db.execute("SELECT count(*) FROM idea_authors").fetchone()[0] == 0


async def test_decision_form_by_keys(store, clock):
    _, meeting_id = series_meeting(store, clock, "coalition-meeting")
    app = build_app(store, clock, meeting_id=meeting_id, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(4):  # the first four on the roster are here: F5 marks present, then down
            await pilot.press("f5", "down")
        await pilot.press("ctrl+s", "ctrl+s")
        await type_line(pilot, "/goto 4")
        await pilot.press("f5")
        assert isinstance(app.screen, DecisionFormScreen)
        await type_line(pilot, "Fund the clinic shuttle for six months", enter=False)
        form = app.screen
        form.query_one("#decision-method").value = "majority vote"
        form.query_one("#decision-outcome").value = "adopted"
        for field, value in [("for", "4"), ("against", "1"), ("abstain", "0"), ("remote", "1"),
                             ("remote-note", "Rosa by phone"), ("rationale", "Cheapest way to close the gap"), ("review", "+8w")]:
            form.query_one(f"#decision-{field}").value = value
        await pilot.press("ctrl+s", "ctrl+s")
        await pilot.pause()
        panel = app.screen.query_one(ActivityPanel)  # the decision is listed at once, not at the next item change
        assert app.screen.query_one("#activity-box").border_title == "Decisions · 1"
        assert "Fund the clinic shuttle for six months" in str(panel.render())
        await type_line(pilot, "/decide Meet monthly outcome:adopted")
        assert app.screen.query_one("#activity-box").border_title == "Decisions · 2"
    text = minutes_text(store, meeting_id, clock)
    assert "**Decision:** Fund the clinic shuttle for six months — **adopted**" in text
    assert "- Method: majority vote" in text
    assert "- Tally: for 4, against 1, abstain 0, 1 cast remotely (Rosa by phone)" in text
    assert "- Quorum met: 4 voting members present, 3 needed" in text  # 5 of the roster vote; 4 of them are here
    assert "- Rationale: Cheapest way to close the gap" in text
    assert "- Review on 2026-06-04" in text


async def test_the_decision_form_names_the_document_it_adopts(store, clock):
    meeting_id = store.meetings.create(find_template("problem-statement"), title="Workshop", on=clock().date(), at=clock(), series="North")
    app = build_app(store, clock, meeting_id=meeting_id, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+s", "ctrl+s")  # nobody on the roster yet: start anyway
        await type_line(pilot, "/goto 2")
        await type_line(pilot, "/draft No bus after 6pm")
        await type_line(pilot, "/goto 7")
        await pilot.press("f5")
        form = app.screen
        assert isinstance(form, DecisionFormScreen)
        adopts = form.query_one("#decision-adopts")
        assert [label for label, _ in adopts._options][1:] == ["Adopts: Problem statement"]  # after the blank choice
        await type_line(pilot, "Adopt the problem statement", enter=False)
        form.query_one("#decision-outcome").value = "adopted"
        adopts.value = adopts._options[1][1]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Problem statement: version 1 adopted as drafted now." in str(app.screen.query_one("#message").render())
    [state] = store.documents.states(store.meetings.get(meeting_id).series_id)
    assert state.current.parts == [("Gap", "No bus after 6pm")]


async def test_second_meeting_reviews_the_first_by_keys(store, clock):
    demo_id = create_demo_meeting(store, clock())
    app = build_app(store, clock, meeting_id=demo_id, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_line(pilot, "/action Share the asthma data @Luis due:+1w")
        await type_line(pilot, "/action Book the library room @Amara due:+2w")
        await type_line(pilot, "/park Hospital parking fees")
        await type_line(pilot, "/decide Meet monthly outcome:adopted review:+4w")
    clock.advance(minutes=60 * 24 * 28)
    series = store.meetings.get(demo_id).series_name
    april = store.meetings.create(find_template("coalition-meeting"), title="April", on=clock().date(), at=clock(), series=series)
    app = build_app(store, clock, meeting_id=april, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+s", "ctrl+s")
        await pilot.press("f4")
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("d", "down", "c", "down", "a", "down", "d", "escape")
        await type_line(pilot, "/goto 6")  # the parked item now stands at 2, so next steps are at 6
        panel = str(app.screen.query_one("#activity").render())
        assert "1. action: Share the asthma data" in panel and "→ done" in panel
    text = minutes_text(store, april, clock)
    earlier = text.split("## From earlier meetings")[1].split("##")[0]
    assert "- action: Share the asthma data — Luis Ortega, due 2026-03-19 (from Eastside partner kick-off (2026-03-12)): done" in earlier
    assert "- action: Book the library room" in earlier and ": carried over" in earlier
    assert "- park: Hospital parking fees" in earlier and "moved onto the agenda" in earlier
    assert "- decision: Meet monthly" in earlier and "reviewed" in earlier
    assert "| 2 | Hospital parking fees | 10 min (added) |" in text  # placed right after the current item


async def test_evaluation_by_keys(store, clock):
    _, meeting_id = series_meeting(store, clock, "coalition-meeting")
    app = build_app(store, clock, meeting_id=meeting_id, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+s", "ctrl+s")
        await type_line(pilot, "/goto 6")
        for line in ["+ Everyone spoke", "- Start on time", "4 4 5", "2 4 5"]:
            await type_line(pilot, line)
    text = minutes_text(store, meeting_id, clock)
    section = text.split("## 6. Evaluation")[1]
    assert "Ratings (1–5, 2 responses):" in section
    assert "- Everyone had a chance to speak: 3.0" in section
    assert "- We used our time well: 4.0" in section
    assert "Went well:\n\n- Everyone spoke" in section and "To change:\n\n- Start on time" in section
