"""Three phones in a real browser (Debian's chromium, driven by Playwright; never a downloaded
browser) join the room the facilitator opened with /room, send ideas, watch their pages follow
the meeting without reloading, place dots and vote; the decision form takes their tally and a
hand; the projector page counts down by itself; then the database and the minutes have it all."""

from __future__ import annotations

import os
import shutil

import pytest

from facilitator.app import build_app
from facilitator.minutes import build_minutes, render_markdown
from facilitator.screens.decision_form import DecisionFormScreen
from facilitator.screens.room import RoomScreen
from facilitator.session.meeting import MeetingSession
from facilitator.templates import find_template
from pilot_helpers import type_line, until

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"), reason="Debian's chromium is not installed (.ci/run installs it)"
)
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


async def test_three_phones_in_a_real_browser(store, clock):
    from playwright.async_api import async_playwright, expect

    meeting_id = store.meetings.create(find_template("mission-vision-brainwriting"), title="Vision night", on=clock().date(),
                                       at=clock(), series="Eastside")
    store.people.add_many(store.meetings.get(meeting_id).series_id, [("Amara Okafor", "Tenants Union", "", "")])
    MeetingSession(store, meeting_id, clock).apply("/start")
    app = build_app(store, clock, meeting_id=meeting_id, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot, async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        live = app.screen
        await type_line(pilot, "/goto 2")  # brainwriting: the writing phase
        await type_line(pilot, "/room")
        await until(pilot, lambda: isinstance(app.screen, RoomScreen))
        url = app.screen.url
        await pilot.press("escape")
        phones = []
        for name, language in (("Amara Okafor", "en-US"), (None, "es-MX"), (None, "en-GB")):  # two stay anonymous
            context = await browser.new_context(locale=language, viewport={"width": 390, "height": 844}, is_mobile=True)
            page = await context.new_page()
            await page.goto(url)
            await page.select_option("#person", label=name) if name else await page.select_option("#person", value="")
            await page.locator("form button").click()
            phones.append(page)
        amara, rosa, kim = phones
        await expect(rosa.locator("html")).to_have_attribute("lang", "es")
        for page, idea in ((amara, "A clinic on every block"), (rosa, "Autobuses después de las 6"), (kim, "Shade at bus stops")):
            await page.fill("#text", idea)
            await page.locator("form[action$='/idea'] button").click()
        await expect(rosa.locator(".said")).to_contain_text("Su idea está registrada")
        await until(pilot, lambda: live._room_server.room.submissions == 3)

        await pilot.press("f5", "f5")  # grouping, then dot voting: the phones follow without a reload
        for page in phones:
            await expect(page.locator("select[name='d1']")).to_be_visible(timeout=5000)
        await amara.select_option("select[name='d1']", "2")
        await amara.select_option("select[name='d3']", "1")
        await amara.locator("form[action$='/dots'] button").click()
        await kim.select_option("select[name='d3']", "3")
        await kim.select_option("select[name='d2']", "1")  # four dots: one too many
        await kim.locator("form[action$='/dots'] button").click()
        await expect(kim.locator(".error")).to_contain_text("You have 3 dots and placed 4")
        await kim.select_option("select[name='d2']", "0")
        await kim.locator("form[action$='/dots'] button").click()
        await expect(kim.locator(".said")).to_contain_text("Your dots are placed")

        await type_line(pilot, "/vote consent Adopt the vision as drafted")
        for page in phones:
            await expect(page.locator(".ballot")).to_contain_text("Adopt the vision as drafted", timeout=5000)
        await amara.get_by_role("button", name="I consent").click()
        await rosa.get_by_role("button", name="Me hago a un lado").click()
        await kim.get_by_role("button", name="I consent").click()
        await expect(kim.locator(".ballot")).to_contain_text("Your vote is counted")
        await until(pilot, lambda: live._room_server.room.ballot.voted == 3)
        await until(pilot, lambda: "vote: 3 of 3 phones voted" in str(live.query_one("#time-line").render()))

        await type_line(pilot, "/goto 6")  # the decision item: F5 opens the form with the phones' tally
        await pilot.press("f5")
        await until(pilot, lambda: isinstance(app.screen, DecisionFormScreen))
        app.screen.query_one("#decision-for").value = "1"  # Luis, by a show of hands
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is live)

        projector = await (await browser.new_context(viewport={"width": 1280, "height": 720})).new_page()
        await projector.goto(f"{url}/display")
        clock_text = await projector.locator(".clock").text_content()
        await expect(projector.locator(".clock")).not_to_have_text(clock_text or "", timeout=3000)  # it counts down by itself
        await expect(projector.locator("h1")).to_contain_text("Adopt the mission")
        await browser.close()

    item = store.agenda.items(meeting_id)[1]
    ideas = {idea.text: idea.dots for idea in store.brainwriting.ideas(item.id)}
    assert ideas == {"A clinic on every block": 2, "Autobuses después de las 6": 0, "Shade at bus stops": 4}
    minutes = render_markdown(build_minutes(store, meeting_id, clock()))
    assert "Shade at bus stops (4 dots)" in minutes and "A clinic on every block (2 dots)" in minutes
    assert "**Decision:** Adopt the vision as drafted" in minutes
    assert "Tally: for 3, stand-asides 1, blocks 0, 3 of 4 by phone in the room" in minutes
