"""A meeting's room: who may post (a secret token in the link, then a device cookie), what
they may post now (the current item's activity), and the limits that keep one phone from
flooding the meeting. Devices live in memory only, for as long as the room is open: nothing
stored in the database names a device, and an idea is never linked to one."""

from __future__ import annotations

import hmac
import secrets
import time
from collections import deque
from collections.abc import Callable

import msgspec

from facilitator.session.meeting import MeetingSession
from facilitator.session.outcome import Outcome
from facilitator.session.participants import Asked

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L to misread from a projector
RATE = (10, 30.0)
"""At most 10 submissions from one device in 30 seconds."""
MAX_DEVICES = 300


class Device(msgspec.Struct, kw_only=True):
    id: str
    csrf: str
    person_id: int | None = None
    name: str | None = None
    recent: deque[float] = msgspec.field(default_factory=deque)


class Refused(Exception):
    """A request the room turns away, with the words the phone shows."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


class Room:
    """One open room. `session` is the room's own seat on the meeting (so the note-taker's /undo
    never takes back a phone's idea); `changed` tells the live screen to redraw."""

    def __init__(self, session: MeetingSession, changed: Callable[[], None] = lambda: None, *, clock: Callable[[], float] = time.monotonic):
        self.session = session
        self.changed = changed
        self.token = secrets.token_urlsafe(16)  # 128 bits
        self.code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))
        self.open = True
        self.devices: dict[str, Device] = {}
        self.submissions = 0
        self._clock = clock

    # Who is asking -------------------------------------------------------

    def check_token(self, token: str) -> None:
        if not self.open:
            raise Refused("This room is closed. Ask the facilitator for the new link.", 410)
        if not hmac.compare_digest(token.encode(), self.token.encode()):
            raise Refused("This link is not (or no longer) the room's. Scan the code on the screen again.", 404)

    def join(self, person_id: int | None) -> Device:
        """A new device, named after a roster person or anonymous."""
        if len(self.devices) >= MAX_DEVICES:
            raise Refused("The room is full.", 503)
        person = next((p for p in self.session.roster if p.id == person_id), None) if person_id is not None else None
        device = Device(id=secrets.token_urlsafe(16), csrf=secrets.token_urlsafe(16), person_id=person.id if person else None,
                        name=person.name if person else None)
        self.devices[device.id] = device
        return device

    def device(self, device_id: str | None) -> Device | None:
        return self.devices.get(device_id or "")

    def remove(self, device_id: str) -> None:
        """The facilitator takes a device out of the room."""
        self.devices.pop(device_id, None)

    def close(self) -> None:
        self.open = False
        self.devices.clear()

    def _allowed(self, device: Device, csrf: str) -> None:
        if not hmac.compare_digest(csrf.encode(), device.csrf.encode()):
            raise Refused("This form has expired; it has been loaded again, please send it once more.", 403)
        now = self._clock()
        limit, window = RATE
        while device.recent and now - device.recent[0] > window:
            device.recent.popleft()
        if len(device.recent) >= limit:
            raise Refused("That was a lot at once: wait a few seconds, then send again.", 429)
        device.recent.append(now)

    # What they may do ----------------------------------------------------

    def asked(self) -> Asked:
        self.session.ctx.load()  # the live seat moves the meeting on, on the same connection
        return self.session.participants.asked()

    def idea(self, device: Device, csrf: str, text: str) -> Outcome:
        self._allowed(device, csrf)
        return self._saved(lambda: self.session.participants.idea(text))

    def rate(self, device: Device, csrf: str, ratings: list[int]) -> Outcome:
        self._allowed(device, csrf)
        return self._saved(lambda: self.session.participants.rate(ratings))

    def comment(self, device: Device, csrf: str, went_well: bool, text: str) -> Outcome:
        self._allowed(device, csrf)
        return self._saved(lambda: self.session.participants.comment(went_well, text))

    def hand(self, device: Device, csrf: str) -> Outcome:
        self._allowed(device, csrf)
        if device.person_id is None:
            return Outcome(error="To raise your hand, join with your name (the queue calls people by name).")
        return self._saved(lambda: self.session.participants.hand(device.person_id or 0))

    def _saved(self, write: Callable[[], Outcome]) -> Outcome:
        self.session.ctx.load()
        outcome = write()
        if outcome.ok:
            self.submissions += 1
            self.changed()
        return outcome
