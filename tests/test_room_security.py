"""What someone on the room's network may try, refused: the room's security tests beside the
ones in test_room.py (guessed link, missing form token, oversized body, flood, closed room)."""

from __future__ import annotations

import pytest
from aiohttp.test_utils import TestClient, TestServer

from facilitator.room.core import Room
from facilitator.room.web import COOKIE, make_app
from facilitator.session.meeting import MeetingSession


@pytest.fixture
def meeting(vision_night):
    return vision_night


async def joined(room: Room, person: str = "") -> tuple[TestClient, str, str]:
    """A phone that joined: (its client, its device cookie, its form token)."""
    client = TestClient(TestServer(make_app(room)))
    await client.start_server()
    response = await client.post(f"/r/{room.token}/join", data={"person": person})
    assert response.status == 200
    device_id = client.session.cookie_jar.filter_cookies(client.make_url(f"/r/{room.token}"))[COOKIE].value
    return client, device_id, room.devices[device_id].csrf


async def test_the_device_cookie_is_httponly_strict_and_scoped_to_the_room(store, clock, meeting):
    room = Room(MeetingSession(store, meeting.meeting_id, clock))
    client = TestClient(TestServer(make_app(room)))
    await client.start_server()
    try:
        response = await client.post(f"/r/{room.token}/join", data={"person": ""}, allow_redirects=False)
        cookie = response.cookies[COOKIE]
        assert cookie["httponly"] and cookie["samesite"] == "Strict" and cookie["path"] == f"/r/{room.token}"
        assert len(room.token) >= 22  # 16 random bytes, URL-safe: 128 bits
        page = await (await client.get(f"/r/{room.token}")).text()
        assert "default-src 'none'" in (await client.get(f"/r/{room.token}")).headers["Content-Security-Policy"]
        assert "amara@example.org" not in page and "Tenants Union" not in page  # the roster's details stay home
    finally:
        await client.close()


async def test_one_phone_cannot_use_another_phones_form_token_or_vote_twice(store, clock, meeting):
    room = Room(MeetingSession(store, meeting.meeting_id, clock))
    (first, _, first_csrf), (second, _, second_csrf) = await joined(room), await joined(room)
    try:
        stolen = await second.post(f"/r/{room.token}/idea", data={"csrf": first_csrf, "text": "with a borrowed token"})
        assert stolen.status == 403
        room.call_vote("Adopt the vision", "majority vote")
        ballot_id = str(room.ballot.id)
        for _ in range(3):
            await first.post(f"/r/{room.token}/vote", data={"csrf": first_csrf, "ballot": ballot_id, "choice": "for"})
        assert room.ballot.counts == {"for": 1, "against": 0, "abstain": 0}
        forged = await second.post(f"/r/{room.token}/vote", data={"csrf": second_csrf, "ballot": "999", "choice": "for"})
        assert "closed" in await forged.text() and room.ballot.voted == 1
    finally:
        await first.close()
        await second.close()


async def test_a_removed_phone_and_a_closed_room_send_nothing(store, clock, meeting):
    room = Room(MeetingSession(store, meeting.meeting_id, clock))
    client, device_id, csrf = await joined(room)
    try:
        removed = room.remove(room.devices[device_id].number)
        assert removed is not None and device_id not in room.devices
        response = await client.post(f"/r/{room.token}/idea", data={"csrf": csrf, "text": "after removal"})
        assert "Who are you?" in await response.text()  # back to the join page: nothing saved
        assert store.brainwriting.ideas(meeting.current_item().id) == []
        room.close()
        for path in ("", "/display", "/follow", "/events"):
            assert (await client.get(f"/r/{room.token}{path}")).status == 410
        assert (await client.post(f"/r/{room.token}/join", data={"person": ""})).status == 410
    finally:
        await client.close()


async def test_another_meetings_link_and_guessed_paths_lead_nowhere(store, clock, meeting):
    room = Room(MeetingSession(store, meeting.meeting_id, clock))
    other = Room(MeetingSession(store, meeting.meeting_id, clock))  # another room's link, on this room's server
    client = TestClient(TestServer(make_app(room)))
    await client.start_server()
    try:
        for path in (f"/r/{other.token}", f"/r/{other.token}/display", f"/r/{room.token[:-1]}x/follow"):
            assert (await client.get(path)).status == 404
        for path in ("/minutes", "/r", f"/r/{room.token}/minutes", f"/r/{room.token}/roster", "/../demo.db"):
            assert (await client.get(path)).status == 404
        routes = {resource.canonical for resource in client.app.router.resources()}
        assert routes == {"/", "/health", "/live.js", "/r/{token}", "/r/{token}/events", "/r/{token}/display", "/r/{token}/display/events",
                          "/r/{token}/follow", "/r/{token}/follow/events"} | {
            f"/r/{{token}}/{action}" for action in ("join", "idea", "dots", "vote", "rate", "comment", "checkin", "hand")}
    finally:
        await client.close()


async def test_the_short_address_takes_the_join_code_and_cannot_be_guessed(store, clock, meeting):
    now = [0.0]
    room = Room(MeetingSession(store, meeting.meeting_id, clock), clock=lambda: now[0])
    client = TestClient(TestServer(make_app(room)))
    await client.start_server()
    try:
        assert "The join code on the screen" in await (await client.get("/")).text()
        wrong = await client.post("/", data={"code": "AAAAAA"})
        assert "not the join code" in await wrong.text() and room.token not in await wrong.text()
        typed = room.code.lower()[:3] + " " + room.code.lower()[3:]  # as someone types it off a projector
        joined = await client.post("/", data={"code": typed})
        assert str(joined.url).endswith(f"/r/{room.token}") and "Who are you?" in await joined.text()
        for _ in range(8):
            await client.post("/", data={"code": "BBBBBB"})
        guessed = await client.post("/", data={"code": room.code})  # the 11th try in a minute, even the right one
        assert guessed.status == 429
        now[0] += 61
        assert (await client.post("/", data={"code": room.code})).status == 200
    finally:
        await client.close()


async def test_anonymous_ideas_dots_and_votes_are_unlinkable_to_a_device(store, clock, meeting):
    room = Room(MeetingSession(store, meeting.meeting_id, clock))
    phones = [await joined(room) for _ in range(3)]
    try:
        for n, (client, _, csrf) in enumerate(phones):
            await client.post(f"/r/{room.token}/idea", data={"csrf": csrf, "text": f"Idea from phone {n}"})
        meeting.brainwriting.change_phase(2)
        room.call_vote("Adopt", "consent")
        for client, _, csrf in phones:
            await client.post(f"/r/{room.token}/dots", data={"csrf": csrf, "d1": "1", "d2": "2"})
            await client.post(f"/r/{room.token}/vote", data={"csrf": csrf, "ballot": str(room.ballot.id), "choice": "for"})
        secrets = [value for _, device_id, csrf in phones for value in (device_id, csrf)]
        for (table,) in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
            dump = " ".join(str(row) for row in store.db.execute(f'SELECT * FROM "{table}"').fetchall())
            assert not any(secret in dump for secret in secrets), table
        assert store.db.execute("SELECT count(*) FROM dots WHERE person_id IS NOT NULL").fetchone()[0] == 0
        assert store.db.execute("SELECT count(*) FROM idea_authors").fetchone()[0] == 0
        assert len(store.brainwriting.ideas(meeting.current_item().id)) == 3
        # The ballot keeps counts only: no device, no order in which votes came.
        assert sorted(room.ballot.__struct_fields__) == ["counts", "id", "method", "open", "proposal"]
        assert room.ballot.counts == {"for": 3, "stand": 0, "block": 0}
    finally:
        for client, _, _ in phones:
            await client.close()
