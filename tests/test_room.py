"""The room: phones join with the link, send ideas, ratings and raised hands, and the database
and the minutes have them; what an attacker on the room's network tries is refused."""

from __future__ import annotations

import re

import pytest
from aiohttp.test_utils import TestClient, TestServer

from facilitator.minutes import build_minutes, render_markdown
from facilitator.room.core import RATE, Room
from facilitator.room.web import COOKIE, make_app
from facilitator.session.meeting import MeetingSession
from pilot_helpers import type_line, until


@pytest.fixture
def meeting(vision_night):
    return vision_night


async def phone(room: Room, person: str | None = None) -> TestClient:
    """A phone that has opened the link and joined, named or not."""
    client = TestClient(TestServer(make_app(room)))
    await client.start_server()
    page = await (await client.get(f"/r/{room.token}")).text()
    value = "" if person is None else re.search(rf'<option value="(\d+)">{person}</option>', page).group(1)
    response = await client.post(f"/r/{room.token}/join", data={"person": value})
    assert response.status == 200 and "Your idea" in await response.text()
    return client


async def send(client: TestClient, room: Room, path: str, **fields: str):
    """Post a form as the phone's page would, with the form token its page carries."""
    device_id = client.session.cookie_jar.filter_cookies(client.make_url(f"/r/{room.token}"))[COOKIE].value
    page = await (await client.get(f"/r/{room.token}")).text()
    assert room.devices[device_id].csrf in page or "Nothing to send" in page
    return await client.post(f"/r/{room.token}/{path}", data={"csrf": room.devices[device_id].csrf, **fields})


async def test_three_phones_send_anonymous_ideas_ratings_and_a_hand(store, clock, meeting):
    changes = []
    room = Room(MeetingSession(store, meeting.meeting_id, clock), lambda outcome: changes.append(outcome))
    amara, luis, someone = await phone(room, "Amara Okafor"), await phone(room, "Luis Ortega"), await phone(room)
    try:
        for client, idea in ((amara, "Every block has a clinic"), (luis, "Buses after 6pm"), (someone, "Nobody <b>waits</b> alone")):
            response = await send(client, room, "idea", text=idea)
            assert "Idea" in await response.text() or response.status == 200
        assert len(changes) == 6 and room.submissions == 3  # three joined, three ideas
        ideas = store.brainwriting.ideas(meeting.current_item().id)
        assert [(i.text, i.author) for i in ideas] == [
            ("Every block has a clinic", None), ("Buses after 6pm", None), ("Nobody <b>waits</b> alone", None),
        ]
        # Nothing stored anywhere names a device, its cookie or its form token.
        secrets = [v for d in room.devices.values() for v in (d.id, d.csrf)]
        for (table,) in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
            dump = " ".join(str(row) for row in store.db.execute(f'SELECT * FROM "{table}"').fetchall())
            assert not any(secret in dump for secret in secrets), table
        assert store.db.execute("SELECT count(*) FROM idea_authors").fetchone()[0] == 0

        hand = await send(amara, room, "hand")
        assert "Your hand is up" in await hand.text()
        assert [p.name for p in meeting.floor.queue()] == ["Amara Okafor"]
        assert "join with your name" in await (await send(someone, room, "hand")).text()

        meeting.apply("/goto 8")  # the evaluation
        room.bump()  # as the live screen does after every change it shows
        page = await (await luis.get(f"/r/{room.token}")).text()
        assert "Did writing first change who was heard?" in page and page.count('type="radio"') == 15
        await send(luis, room, "rate", q0="5", q1="4", q2="4")
        await send(someone, room, "rate", q0="3", q1="4", q2="5")
        await send(someone, room, "comment", kind="well", text="Writing first")
        minutes = render_markdown(build_minutes(store, meeting.meeting_id, clock()))
        assert "Ratings (1–5, 2 responses):" in minutes and "- Everyone had a chance to speak: 4.0" in minutes
        assert "Went well:\n\n- Writing first" in minutes
        assert "Every block has a clinic" in minutes and "Amara" not in minutes.split("## 2.")[1].split("## 3.")[0]
    finally:
        for client in (amara, luis, someone):
            await client.close()


async def test_what_the_room_refuses(store, clock, meeting):
    now = [0.0]
    room = Room(MeetingSession(store, meeting.meeting_id, clock), clock=lambda: now[0])
    client = await phone(room)
    try:
        assert (await client.get("/r/guessed-token")).status == 404
        no_csrf = await client.post(f"/r/{room.token}/idea", data={"text": "sneaky"})
        assert no_csrf.status == 403 and "expired" in await no_csrf.text()
        huge = await send(client, room, "idea", text="x" * 20_000)
        assert huge.status == 413
        long = await send(client, room, "idea", text="y" * 600)
        assert "at most 500 characters" in await long.text()
        limit, _ = RATE
        for n in range(limit - 1):
            await send(client, room, "idea", text=f"idea {n}")
        flooded = await send(client, room, "idea", text="one too many")
        assert flooded.status == 429
        page = await (await client.get(f"/r/{room.token}")).text()
        assert ">one too many</textarea>" in page  # kept, to send again: nothing typed is lost
        now[0] += 60  # a minute later the phone may send again
        assert (await send(client, room, "idea", text="after a pause")).status == 200
        meeting.brainwriting.change_phase(1)  # grouping: no more ideas
        refused = await send(client, room, "idea", text="too late")
        assert "writing phase" in await refused.text()
        stranger = TestClient(TestServer(make_app(room)))  # the link, but no device: sent to join
        await stranger.start_server()
        assert "Who are you?" in await (await stranger.post(f"/r/{room.token}/idea", data={"text": "x"})).text()
        await stranger.close()
        room.close()
        assert (await client.get(f"/r/{room.token}")).status == 410
        ideas = [i.text for i in store.brainwriting.ideas(meeting.current_item().id)]
        assert "sneaky" not in ideas and "one too many" not in ideas and "too late" not in ideas
        assert len(ideas) == limit  # the nine, and the one after the pause
    finally:
        await client.close()


async def test_room_opens_from_the_live_screen_and_a_phone_idea_shows_at_once(store, clock, meeting):
    import aiohttp

    from facilitator.app import build_app
    from facilitator.screens.room import RoomScreen
    from facilitator.widgets.notes_view import NotesView

    app = build_app(store, clock, meeting_id=meeting.meeting_id, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        live = app.screen
        await type_line(pilot, "/room")
        await until(pilot, lambda: isinstance(app.screen, RoomScreen))
        assert app.screen.url.startswith("http://127.0.0.1:")
        url = app.screen.url
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as phone_session:  # a host that is an IP
            await phone_session.post(f"{url}/join", data={"person": ""})
            device = live._room_server.room.devices
            [only] = device.values()
            async with phone_session.post(f"{url}/idea", data={"csrf": only.csrf, "text": "Shade on every bus stop"}) as sent:
                assert "Your idea is in" in await sent.text()
        await pilot.press("escape")
        await until(pilot, lambda: "room: 1 phone, 1 sent" in str(live.query_one("#time-line").render()))
        assert "Shade on every bus stop" in "\n".join(live.query_one(NotesView).lines_text())
        assert [i.text for i in store.brainwriting.ideas(meeting.current_item().id)] == ["Shade on every bus stop"]
        await type_line(pilot, "/room")
        await until(pilot, lambda: isinstance(app.screen, RoomScreen))
        assert app.screen.url == url  # the same room, shown again
        await pilot.press("ctrl+w")
        await until(pilot, lambda: live._room_server is None)
        async with aiohttp.ClientSession() as late:
            with pytest.raises(aiohttp.ClientConnectionError):
                await late.get(url)



async def test_a_phone_idea_that_comes_in_while_the_note_taker_types_is_stored_at_once_and_drawn_at_a_pause(store, clock, meeting):
    import asyncio

    from facilitator.app import build_app
    from facilitator.widgets.notes_view import NotesView

    app = build_app(store, clock, meeting_id=meeting.meeting_id, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        live = app.screen
        await type_line(pilot, "/room")
        await pilot.press("escape")
        room = live._room_server.room
        client = await phone(room)
        await pilot.press(*"Amara says")  # typing, not yet Enter
        assert (await send(client, room, "idea", text="Shade on every bus stop")).status == 200
        await pilot.pause()
        item_id = meeting.current_item().id
        assert [i.text for i in store.brainwriting.ideas(item_id)] == ["Shade on every bus stop"]  # stored, and the phone told
        assert "Shade on every bus stop" not in "\n".join(live.query_one(NotesView).lines_text())  # the typing goes first
        await asyncio.sleep(0.3)  # a pause in the typing
        await until(pilot, lambda: "Shade on every bus stop" in "\n".join(live.query_one(NotesView).lines_text()))
        assert live.query_one("CaptureBar").value == "Amara says"  # nothing typed was touched
        await client.close()

async def test_a_vote_from_phones_flows_into_the_decision_form_and_a_phone_can_be_removed(store, clock, meeting):
    import aiohttp

    from facilitator.app import build_app
    from facilitator.screens.decision_form import DecisionFormScreen
    from facilitator.screens.room import RoomScreen

    app = build_app(store, clock, meeting_id=meeting.meeting_id, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        live = app.screen
        await type_line(pilot, "/vote consent Adopt the vision")
        assert "Open the room first" in str(live.query_one("#message").render())
        await type_line(pilot, "/room")
        await until(pilot, lambda: isinstance(app.screen, RoomScreen))
        url = app.screen.url
        await pilot.press("escape")
        await type_line(pilot, "/vote consent Adopt the vision")
        room = live._room_server.room
        assert room.ballot is not None and room.ballot.method == "consent"
        jars = [aiohttp.CookieJar(unsafe=True) for _ in range(3)]
        for jar, choice in zip(jars, ("for", "for", "block"), strict=True):
            async with aiohttp.ClientSession(cookie_jar=jar) as phone_session:
                await phone_session.post(f"{url}/join", data={"person": ""})
                device = room.devices[next(c.value for c in jar if c.key == "facilitator_device")]
                await phone_session.post(f"{url}/vote", data={"csrf": device.csrf, "ballot": str(room.ballot.id), "choice": choice})
        await until(pilot, lambda: "vote: 3 of 3 phones voted" in str(live.query_one("#time-line").render()))
        await type_line(pilot, "/goto 6")  # the decision item: F5 opens the whole form
        await pilot.press("f5")
        await until(pilot, lambda: isinstance(app.screen, DecisionFormScreen))
        form = app.screen
        assert form.query_one("#decision-text").value == "Adopt the vision"
        phones = str(form.query_one("#decision-phones").render())
        assert "From phones, live: 3 voted · I consent: 2 · I stand aside: 0 · I block: 1" in phones
        form.query_one("#decision-outcome").value = "rejected"
        form.query_one("#decision-for").value = "2"  # two more by a show of hands
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is live)
        assert room.ballot is None  # recorded: phones can no longer vote on it
        [decision] = store.captures.decisions(meeting.meeting_id)
        assert (decision.votes_for, decision.stand_asides, decision.blocks, decision.phone_votes) == (4, 0, 1, 3)
        assert decision.remote_votes is None and decision.outcome == "rejected"  # phones in the room are not remote

        await type_line(pilot, "/vote fist Meet monthly")
        await type_line(pilot, "/vote close")
        assert "closed, not recorded: 0 voted" in str(live.query_one("#message").render()) and room.ballot is None
        await type_line(pilot, "/room")
        await until(pilot, lambda: isinstance(app.screen, RoomScreen))
        await pilot.pause()
        assert len(app.screen.query_one("#room-devices").options) == 3
        await pilot.press("delete")
        assert len(room.devices) == 2 and len(app.screen.query_one("#room-devices").options) == 2
        await pilot.press("escape")


async def test_f10_opens_the_room_to_the_network_and_shows_it_again(store, clock, meeting):
    from facilitator.app import build_app
    from facilitator.screens.room import RoomScreen

    app = build_app(store, clock, meeting_id=meeting.meeting_id, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        live = app.screen
        await pilot.press("f10")
        await until(pilot, lambda: isinstance(app.screen, RoomScreen))
        assert app.screen.network and live._room_server.network
        url = app.screen.url
        await pilot.press("escape")
        await pilot.press("f10")
        await until(pilot, lambda: isinstance(app.screen, RoomScreen))
        assert app.screen.url == url  # the same room, not a new link
        await pilot.press("ctrl+w")
        await until(pilot, lambda: live._room_server is None)
