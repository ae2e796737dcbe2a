"""The room, second part: dots within each phone's budget, votes on a proposal (counts only,
once per phone) that add to the paper tally in the decision form, a check-in answer on one's
turn, live updates, the projector and screen-reader pages, and Spanish."""

from __future__ import annotations

import asyncio
import re

import pytest
from aiohttp.test_utils import TestClient, TestServer

from facilitator.minutes import build_minutes, render_markdown
from facilitator.room.core import Room
from facilitator.room.i18n import LOCALE_DIR, marked_messages, negotiate, translations
from facilitator.room.web import COOKIE, make_app
from facilitator.session.meeting import MeetingSession


@pytest.fixture
def meeting(vision_night):
    return vision_night


async def phone(room: Room, person: str | None = None, language: str = "en") -> TestClient:
    client = TestClient(TestServer(make_app(room)), headers={"Accept-Language": language})
    await client.start_server()
    page = await (await client.get(f"/r/{room.token}")).text()
    value = "" if person is None else re.search(rf'<option value="(\d+)">{person}</option>', page).group(1)
    await client.post(f"/r/{room.token}/join", data={"person": value})
    return client


def device_of(client: TestClient, room: Room):
    return room.devices[client.session.cookie_jar.filter_cookies(client.make_url(f"/r/{room.token}"))[COOKIE].value]


async def send(client: TestClient, room: Room, path: str, **fields: str) -> str:
    response = await client.post(f"/r/{room.token}/{path}", data={"csrf": device_of(client, room).csrf, **fields})
    return await response.text()


async def test_dots_from_phones_stay_within_each_phones_budget(store, clock, meeting):
    room = Room(MeetingSession(store, meeting.meeting_id, clock))
    for idea in ("Clinic on every block", "Buses after 6pm", "Shade at bus stops"):
        meeting.apply(idea)
    meeting.brainwriting.change_phase(2)  # straight to voting (3 dots each)
    amara, someone = await phone(room, "Amara Okafor"), await phone(room)
    try:
        page = await (await someone.get(f"/r/{room.token}")).text()
        assert "You have 3 dots" in page and page.count("<select") == 3
        over = await send(someone, room, "dots", d1="2", d2="2")
        assert "You have 3 dots and placed 4" in over
        assert "Your dots are placed" in await send(someone, room, "dots", d1="2", d3="1")
        assert "Your dots are placed" in await send(someone, room, "dots", d2="3")  # changed its mind: replaces, never adds
        assert "Your dots are placed" in await send(amara, room, "dots", d1="1", d2="1")
        page = await (await someone.get(f"/r/{room.token}")).text()
        assert '<option value="3" selected>3</option>' in page  # the phone's own dots, shown back to it
        ideas = store.brainwriting.ideas(meeting.current_item().id)
        assert [(i.text, i.dots) for i in ideas] == [("Clinic on every block", 1), ("Buses after 6pm", 4), ("Shade at bus stops", 0)]
        assert store.brainwriting.dots_by_person(meeting.current_item().id) == {meeting.ctx.roster[0].id: 2}
        # The note-taker can still type a paper vote for someone without a phone.
        assert meeting.apply("Luis Ortega: 3 3 3").ok
        meeting.brainwriting.change_phase(1)  # results
        minutes = render_markdown(build_minutes(store, meeting.meeting_id, clock()))
        assert "Buses after 6pm (4 dots)" in minutes and "Shade at bus stops (3 dots)" in minutes
    finally:
        await amara.close()
        await someone.close()


async def test_a_phone_vote_counts_once_and_adds_to_the_paper_tally(store, clock, meeting):
    room = Room(MeetingSession(store, meeting.meeting_id, clock))
    phones = [await phone(room) for _ in range(3)]
    try:
        room.call_vote("Adopt the vision statement", "consent")
        ballot = room.ballot
        page = await (await phones[0].get(f"/r/{room.token}")).text()
        assert "Adopt the vision statement" in page and "I stand aside" in page
        assert "counted" in await send(phones[0], room, "vote", ballot=str(ballot.id), choice="for")
        assert "already voted" in await send(phones[0], room, "vote", ballot=str(ballot.id), choice="block")
        await send(phones[1], room, "vote", ballot=str(ballot.id), choice="stand")
        assert "Choose one" in await send(phones[2], room, "vote", ballot=str(ballot.id), choice="maybe")
        await send(phones[2], room, "vote", ballot=str(ballot.id), choice="for")
        assert ballot.counts == {"for": 2, "stand": 1, "block": 0} and ballot.voted == 3
        assert "Your vote is counted" in await (await phones[0].get(f"/r/{room.token}")).text()
        # Two more consent by a show of hands, one by proxy: the form adds them to the phones'.
        fields = ballot.added_to({"votes_for": 2, "remote_votes": 1, "remote_note": "1 by proxy"})
        assert fields == {"votes_for": 4, "stand_asides": 1, "blocks": 0, "remote_votes": 1, "remote_note": "1 by proxy", "phone_votes": 3}
        outcome = meeting.decisions.record("Adopt the vision statement", method="consent", outcome="adopted", **fields)
        assert outcome.ok
        room.end_vote()
        assert "That vote is closed" in await send(phones[1], room, "vote", ballot=str(ballot.id), choice="block")
        minutes = render_markdown(build_minutes(store, meeting.meeting_id, clock()))
        assert "Tally: for 4, stand-asides 1, blocks 0, 1 cast remotely (1 by proxy), 3 of 5 by phone in the room" in minutes
        fist = Room(MeetingSession(store, meeting.meeting_id, clock))
        fist.call_vote("Pilot the shuttle", "fist-to-five")
        assert fist.ballot.added_to({"fist": [0, 0, 1, 0, 0, 2]})["fist"] == [0, 0, 1, 0, 0, 2]  # no phone votes: as typed
    finally:
        for client in phones:
            await client.close()


async def test_a_named_phone_answers_the_check_in_on_its_turn(store, clock, meeting):
    meeting.apply("/goto 1")  # the opening check-in
    meeting.checkin.start()
    room = Room(MeetingSession(store, meeting.meeting_id, clock))
    amara, luis = await phone(room, "Amara Okafor"), await phone(room, "Luis Ortega")
    try:
        assert "It is your turn" in await (await amara.get(f"/r/{room.token}")).text()
        assert "when it is your turn" in await (await luis.get(f"/r/{room.token}")).text()
        assert "when it is your turn" in await send(luis, room, "checkin", text="Jumping the line")
        assert "noted" in await send(amara, room, "checkin", text="Glad to be back")
        assert "It is your turn" in await (await luis.get(f"/r/{room.token}")).text()
        minutes = render_markdown(build_minutes(store, meeting.meeting_id, clock()))
        assert "Amara Okafor: Glad to be back" in minutes and "Jumping" not in minutes
    finally:
        await amara.close()
        await luis.close()


async def test_pages_follow_the_meeting_live(store, clock, meeting):
    """The event stream says `changed` when the page would show something else; the projector
    and screen-reader pages show the item, the clock and the agenda."""
    room = Room(MeetingSession(store, meeting.meeting_id, clock))
    someone = await phone(room)
    try:
        display = await (await someone.get(f"/r/{room.token}/display")).text()
        assert 'role="timer"' in display and "Vision" in display and "<svg" in display and 'class="current"' in display
        follow = await (await someone.get(f"/r/{room.token}/follow")).text()
        assert 'aria-live="polite"' in follow and "Now: 2. Vision" in follow and "done" in follow
        state = room.state(device_of(someone, room))
        async with someone.get(f"/r/{room.token}/events", params={"state": state}) as events:
            first = await asyncio.wait_for(events.content.readline(), 5)
            assert first.startswith(b":")  # nothing new: a keep-alive comment
            await events.content.readline()
            meeting.brainwriting.change_phase(1)
            room.bump()  # what the live screen does after every change it shows
            assert await asyncio.wait_for(events.content.readline(), 5) == b"event: changed\n"
            data = await asyncio.wait_for(events.content.readline(), 5)
            assert data.startswith(b"data: ") and b":group:" in data
            room.close()  # the stream ends with the room
            assert await asyncio.wait_for(events.content.read(), 5) == b"\n"
    finally:
        await someone.close()


async def test_pages_in_spanish_by_the_browsers_language_or_the_switch(store, clock, meeting):
    room = Room(MeetingSession(store, meeting.meeting_id, clock))
    client = TestClient(TestServer(make_app(room)), headers={"Accept-Language": "es-MX,es;q=0.9,en;q=0.5"})
    await client.start_server()
    try:
        join = await (await client.get(f"/r/{room.token}")).text()
        assert '<html lang="es">' in join and "¿Quién es usted?" in join
        await client.post(f"/r/{room.token}/join", data={"person": ""})
        page = await (await client.get(f"/r/{room.token}")).text()
        assert "Enviar idea" in page and "anónima" in page
        said = await send(client, room, "idea", text="Más sombra")
        assert "Su idea está registrada" in said
        english = await (await client.get(f"/r/{room.token}", params={"lang": "en"})).text()
        assert "Send idea" in english
        assert "Send idea" in await (await client.get(f"/r/{room.token}")).text()  # the switch is remembered
        assert negotiate("fr-FR,fr;q=0.9") == "en" and negotiate("es") == "es" and negotiate("garbage;q=x") == "en"
    finally:
        await client.close()


def test_the_spanish_catalogue_translates_every_message_a_phone_can_see():
    spanish = translations("es")
    untranslated = [m for m in marked_messages() if spanish.gettext(m) == m]
    assert untranslated == []
    for message in marked_messages():  # the same {placeholders} on both sides
        assert re.findall(r"{\w+}", spanish.gettext(message)) == re.findall(r"{\w+}", message)
    assert (LOCALE_DIR / "es" / "LC_MESSAGES" / "room.po").exists()


async def test_a_vote_is_stored_as_it_comes_in_and_a_restart_reads_it_out(store, clock, meeting):
    """Counts only, each vote in its own transaction: after a crash the next room closes the
    vote (no phone can prove it has not voted yet) and hands its counts back to be read out."""
    room = Room(MeetingSession(store, meeting.meeting_id, clock))
    phones = [await phone(room) for _ in range(3)]
    try:
        room.call_vote("Pilot the evening shuttle", "majority vote")
        for client, choice in zip(phones, ("for", "for", "against"), strict=True):
            await send(client, room, "vote", ballot=str(room.ballot.id), choice=choice)
        [row] = store.ballots.still_open(meeting.meeting_id)
        assert row["counts"] == {"for": 2, "against": 1, "abstain": 0} and row["proposal"] == "Pilot the evening shuttle"
        assert "device" not in " ".join(row) and set(row) >= {"counts", "method", "opened_at"}
    finally:
        for client in phones:
            await client.close()
    # The app is killed here: the room and its phones are gone; the database is not.
    after = Room(MeetingSession(store, meeting.meeting_id, clock))
    [ballot] = after.interrupted()
    assert ballot.voted == 3 and ballot.words() == "For: 2 · Against: 1 · Abstain: 0"
    assert store.ballots.still_open(meeting.meeting_id) == [] and after.interrupted() == []
    closed_as = store.db.execute("SELECT closed_as FROM ballots").fetchone()[0]
    assert closed_as == "interrupted"


def test_a_recorded_vote_names_its_decision(store, clock, meeting):
    room = Room(MeetingSession(store, meeting.meeting_id, clock))
    room.call_vote("Meet monthly", "consent")
    replaced = room.call_vote("Meet every two weeks", "consent")  # a second /vote closes the first, unrecorded
    assert replaced.proposal == "Meet monthly"
    outcome = meeting.decisions.record("Meet every two weeks", method="consent", **room.ballot.added_to({"votes_for": 4}))
    room.end_vote(outcome.saved.row_id)
    rows = store.db.execute("SELECT proposal, closed_as, decision_id FROM ballots ORDER BY id").fetchall()
    assert rows == [("Meet monthly", "closed", None), ("Meet every two weeks", "recorded", outcome.saved.row_id)]


async def test_an_over_budget_refusal_is_in_the_phones_language(store, clock, meeting):
    room = Room(MeetingSession(store, meeting.meeting_id, clock))
    for idea in ("Agua limpia", "Autobuses de noche"):
        meeting.apply(idea)
    meeting.brainwriting.change_phase(2)
    rosa = await phone(room, language="es")
    try:
        said = await send(rosa, room, "dots", d1="3", d2="1")
        assert "Tiene 3 puntos y puso 4" in said and '<option value="3" selected>3</option>' in said  # kept, to fix
    finally:
        await rosa.close()
