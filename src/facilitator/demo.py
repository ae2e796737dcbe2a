"""A ready-made sample meeting, so a newcomer sees the app working at once."""

from __future__ import annotations

from datetime import datetime, timedelta

from facilitator.clock import ClockEvent, FlowKind
from facilitator.models import AttendanceStatus
from facilitator.store import Store
from facilitator.templates import find_template

DEMO_SERIES = "Eastside Health Equity Coalition"
DEMO_ROSTER = [  # name, organisation, sector, role, voting member, community member / lived experience
    ("Amara Okafor", "Eastside Tenants Union", "community members", "co-chair", True, True),
    ("Luis Ortega", "County Public Health", "public health", "convener", True, False),
    ("Grace Lin", "St. Mary's Hospital", "health care", "community benefit lead", True, False),
    ("Dev Patel", "Riverside School District", "education", "member", True, False),
    ("Rosa Delgado", "Metro Transit", "transportation", "member", False, False),
    ("Pastor James Reed", "New Hope Church", "faith-based", "member", True, False),
]

DEMO_NOTES = [
    "Luis opened: this group starts from the community's priorities, not the county's.",
    "Today is for getting to know each other; no decisions on funding.",
]


def create_demo_meeting(store: Store, now: datetime) -> int:
    """A partner kick-off already a few minutes in, with a roster and attendance."""
    template = find_template("partner-kickoff")
    meeting_id = store.meetings.create(
        template,
        title="Eastside partner kick-off",
        on=now.date(),
        at=now,
        series=DEMO_SERIES,
        place="Eastside Library, community room",
        template_name="partner-kickoff",
    )
    series_id = store.meetings.get(meeting_id).series_id
    # A second demo in the same database (`demo --db FILE`) meets the same people again.
    known = {p.name: p for p in store.people.roster(series_id)}
    people = [known.get(row[0]) or store.people.add(series_id, *row) for row in DEMO_ROSTER]
    started = now - timedelta(minutes=3, seconds=20)
    for person in people[:-1]:
        store.people.mark(meeting_id, person.id, AttendanceStatus.PRESENT, started)
    store.people.mark(meeting_id, people[-1].id, AttendanceStatus.LATE, now)
    store.agenda.add_event(meeting_id, ClockEvent(started, FlowKind.START))
    first_item = store.agenda.items(meeting_id)[0].id
    for minute, note in enumerate(DEMO_NOTES, start=1):
        store.captures.add_entry(meeting_id, first_item, note, at=started + timedelta(minutes=minute))
    return meeting_id
