"""The roster and who is here, as the setup screen changes them: add, correct, retire, merge
duplicates, mark attendance, voting and community membership. Every change is one command, and
a correction of a person keeps what they were before in the trail."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

import msgspec

from facilitator.models import AttendanceStatus, Person
from facilitator.parts.context import Part, command
from facilitator.parts.outcome import Outcome, Saved


class PersonDetails(msgspec.Struct, frozen=True):
    """What the setup form says of a person."""

    name: str
    organisation: str = ""
    sector: str = ""
    role: str = ""
    voting: bool = False
    community: bool = False
    email: str = ""


def name_problem(name: str) -> str | None:
    if not name:
        return "A person needs a name."
    if name.startswith("/"):
        return f"{name!r} looks like a command, not a name: names do not start with /."
    return None


_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")


def email_problem(email: str) -> str | None:
    """An email is optional; one given must look like an address the minutes can be sent to."""
    if email and not _EMAIL.fullmatch(email):
        return f"{email!r} does not look like an email address (like amara@example.org); leave it blank if unknown."
    return None


class People(Part):
    @command
    def add(self, details: PersonDetails) -> Outcome:
        ctx = self.ctx
        name = " ".join(details.name.split())
        problem = name_problem(name) or self._taken(name) or email_problem(details.email.strip())
        if problem:
            return Outcome(error=problem)
        series_id = self.store.meetings.ensure_series(ctx.meeting_id, at=ctx.now())
        self.store.people.add(
            series_id, name, details.organisation.strip(), details.sector.strip(), details.role.strip(), details.voting, details.community,
            details.email.strip(), at=ctx.now(),
        )
        ctx.reload_roster()
        return Outcome(message=f"{name} added to the {ctx.meeting.series_name} roster; mark attendance with F5 to F8.")

    @command
    def correct(self, person_id: int, details: PersonDetails) -> Outcome:
        """New details for someone on the roster; what they were is kept in the trail."""
        person = self.store.people.get(person_id)
        name = " ".join(details.name.split())
        problem = name_problem(name) or self._taken(name, besides=person_id) or email_problem(details.email.strip())
        if problem:
            return Outcome(error=problem)
        changed = msgspec.structs.replace(
            person, name=name, organisation=details.organisation.strip(), sector=details.sector.strip(), role=details.role.strip(),
            voting=details.voting, community=details.community, email=details.email.strip(),
        )
        if changed == person:
            return Outcome(message=f"{name}: nothing changed.")
        self._change(person, changed, "edit")
        return Outcome(message=f"{name}: details corrected.")

    @command
    def toggle(self, person_id: int, field: str) -> Outcome:
        """Switch `voting` or `community` for one person."""
        person = self.store.people.get(person_id)
        value = not getattr(person, field)
        self._change(person, msgspec.structs.replace(person, **{field: value}), "edit")
        words = {"voting": "a voting member", "community": "a community member / lived experience"}[field]
        return Outcome(message=f"{person.name} is {'now' if value else 'no longer'} {words}.")

    @command
    def retire(self, person_id: int) -> Outcome:
        """Off the roster for meetings to come (or back on it); past minutes keep their name."""
        ctx = self.ctx
        person = self.store.people.get(person_id)
        if person.merged_into is not None:
            return Outcome(error=f"{person.name} was merged into someone else; that cannot be undone here.")
        back = person.retired_at is not None
        self._change(person, msgspec.structs.replace(person, retired_at=None if back else ctx.now()), "return" if back else "retire")
        if back:
            return Outcome(message=f"{person.name} is back on the roster.")
        return Outcome(message=f"{person.name} is off the roster from now on (Ctrl+T again brings them back).")

    @command
    def merge(self, duplicate_id: int, into_id: int) -> Outcome:
        """Two rows for one person: everything recorded of the duplicate becomes the other's."""
        ctx = self.ctx
        if duplicate_id == into_id:
            return Outcome(error="Pick two different people to merge.")
        duplicate, into = self.store.people.get(duplicate_id), self.store.people.get(into_id)
        moved = self.store.people.merge(duplicate_id, into_id, at=ctx.now())
        self.store.corrections.log(
            ctx.meeting_id, "people", duplicate_id, "merge", at=ctx.now(), old_id=duplicate_id, new_id=into_id,
            seat_id=ctx.seat_id, detail={"moved": moved, "was": _details(duplicate)},
        )
        ctx.reload_roster()
        return Outcome(message=f"Merged {duplicate.name} into {into.name}: {sum(moved.values())} records moved.")

    @command
    def mark(self, person_id: int, status: AttendanceStatus) -> Outcome:
        ctx = self.ctx
        person = self.store.people.get(person_id)
        mark = self.store.people.mark(ctx.meeting_id, person_id, status, ctx.now(), seat_id=ctx.seat_id)
        return Outcome(message=f"{person.name}: {status.value}.", saved=Saved("attendance", mark))

    def _taken(self, name: str, besides: int | None = None) -> str | None:
        if any(p.name.casefold() == name.casefold() and p.id != besides for p in self.ctx.roster):
            return f"{name} is already on the roster."
        return None

    def _change(self, before: Person, after: Person, action: str) -> None:
        ctx = self.ctx
        self.store.people.update(after)
        self.store.corrections.log(ctx.meeting_id, "people", before.id, action, at=ctx.now(), seat_id=ctx.seat_id, detail=_details(before))
        ctx.reload_roster()


def _details(person: Person) -> dict[str, Any]:
    found = msgspec.structs.asdict(person)
    return {key: value.isoformat() if isinstance(value, datetime) else value for key, value in found.items()}
