"""Shared fixtures: a frozen clock, a throwaway database, and no user config leaking in."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest

from facilitator.store import Store

T0 = datetime(2026, 3, 12, 14, 0, 0, tzinfo=UTC)


class FrozenClock:
    """An injectable "now" that moves only when a test says so."""

    def __init__(self, start: datetime = T0) -> None:
        self.moment = start

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, seconds: float = 0, *, minutes: float = 0) -> datetime:
        self.moment += timedelta(seconds=seconds, minutes=minutes)
        return self.moment


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    """Keep the user's own database and data folder out of every test."""
    monkeypatch.delenv("FACILITATOR_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock()


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "meetings.db"


@pytest.fixture
def store(db_path):
    store = Store.open(db_path)
    yield store
    store.close()


@pytest.fixture
def vision_night(store, clock):
    """A started "Vision night" on its brainwriting item (writing phase), with Amara Okafor
    (who gave an email) and Luis Ortega on the roster: where the room's tests send phones."""
    from facilitator.session.meeting import MeetingSession
    from facilitator.templates import find_template

    meeting_id = store.meetings.create(find_template("mission-vision-brainwriting"), title="Vision night", on=clock().date(),
                                       at=clock(), series="Eastside")
    series_id = store.meetings.get(meeting_id).series_id
    store.people.add_many(series_id, [("Amara Okafor", "Tenants Union", "community members", "amara@example.org"),
                                      ("Luis Ortega", "County", "", "")])
    live = MeetingSession(store, meeting_id, clock)
    live.apply("/start")
    live.apply("/goto 2")
    return live
