"""Preparing a meeting: until it starts, its agenda, its details and its settings are the plan.

Items are added, changed (title, kind, minutes, prompt, the kind's options), moved and removed
in place, so the minutes read them as planned: only what changes after the start is "added
during the meeting", "skipped" or re-timed. The Setup screen and the capture bar's `/add`,
`/move`, `/retime` and `/skip` (before the start) come here; every change is one command. The
title, date, place, planned start and length, roles, quorum, ground rules and the sectors the
series needs are set here too, and a meeting that has not started can be deleted.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from facilitator.clock import Status
from facilitator.dates import parse_meeting_date
from facilitator.models import ROLES, AgendaItem
from facilitator.parts.context import Part, command
from facilitator.parts.outcome import Outcome
from facilitator.store import Store
from facilitator.words import plural

if TYPE_CHECKING:
    from facilitator.templates import AgendaTemplate


class ItemDetails(msgspec.Struct, frozen=True):
    """What the Setup form says of an agenda item."""

    title: str
    kind: str
    minutes: int | str
    """Whole minutes (or as typed, to be checked)."""
    prompt: str = ""
    speaker_minutes: float | str = 1
    """Check-in rounds: each speaker's time box."""
    dots: int | str = 3
    """Brainwriting: dots per person."""
    questions: list[str] = []
    """Evaluation: statements rated 1 to 5."""
    document: str | None = None
    part: str | None = None

    @classmethod
    def of(cls, item: AgendaItem) -> ItemDetails:
        return cls(
            item.title, item.kind.value, item.planned_minutes, item.prompt, item.speaker_seconds / 60, item.dot_budget,
            list(item.questions), item.document, item.part,
        )


def item_row(details: ItemDetails) -> dict[str, Any] | str:
    """The agenda row for `details`, checked by the same rules as a template's item (one place
    for them: `templates.TemplateItem`); or what is wrong, naming the field."""
    from pydantic import ValidationError

    from facilitator.templates import TemplateItem, problem_words

    def number(value: int | float | str, whole: bool) -> int | float | str:
        text = str(value).strip()
        if re.fullmatch(r"\d{1,4}", text):
            return int(text)
        if not whole and re.fullmatch(r"\d{1,2}(\.\d{1,2})?", text):
            return float(text)
        return text

    fields: dict[str, Any] = {
        "title": details.title, "kind": details.kind, "minutes": number(details.minutes, True), "prompt": details.prompt,
        "speaker_minutes": number(details.speaker_minutes, False), "dots": number(details.dots, True),
        "questions": [q for q in details.questions if q.strip()], "document": details.document or None, "part": details.part or None,
    }
    try:
        item = TemplateItem.model_validate(fields)
    except ValidationError as exc:
        return "; ".join(f"{'.'.join(str(part) for part in error['loc']) or 'item'}: {problem_words(error)}" for error in exc.errors())
    return {
        "title": item.title, "kind": item.kind.value, "planned_minutes": item.minutes, "prompt": item.prompt,
        "speaker_seconds": round(item.speaker_minutes * 60), "dot_budget": item.dots,
        "questions": json.dumps(item.questions) if item.questions else None,
        "document": item.document, "part": item.part,
    }


class Totals(msgspec.Struct, frozen=True):
    """The agenda against the planned length (and end, when the start is planned)."""

    items_minutes: int
    length_minutes: int | None
    starts: time | None

    def __str__(self) -> str:
        said = f"Items: {self.items_minutes} min"
        if self.length_minutes is None:
            return said + "."
        when = ""
        if self.starts is not None:
            start = datetime.combine(date.min, self.starts)
            when = f", {self.starts:%H:%M} to {start + timedelta(minutes=self.length_minutes):%H:%M}"
        said += f" of the {self.length_minutes} planned{when}"
        gap = self.items_minutes - self.length_minutes
        if gap > 0:
            return said + f": {gap} min over. Shorten or remove an item, or plan a longer meeting."
        return said + (f": {-gap} min to spare." if gap < 0 else ": on time.")


def _clock_time(text: str) -> time | None | str:
    typed = text.strip()
    if not typed:
        return None
    found = re.fullmatch(r"(\d{1,2})[:.h](\d{2})", typed)
    if found is None or int(found[1]) > 23 or int(found[2]) > 59:
        return f"{typed!r} is not a time of day like 14:00."
    return time(int(found[1]), int(found[2]))


class Plan(Part):
    """The meeting as prepared; every change refused once it has started (then the flow's own
    commands change the running order, and the minutes say so)."""

    def started(self) -> bool:
        return self.ctx.clock().status is not Status.NOT_STARTED

    def series_id(self) -> int:
        """The meeting's series, begun now (named after the meeting) when it has none: people belong to a series."""
        ctx = self.ctx
        if ctx.meeting.series_id is None:
            with self.store.atomic():
                self.store.meetings.ensure_series(ctx.meeting_id, at=ctx.now())
            ctx.reload_roster()
        assert ctx.meeting.series_id is not None
        return ctx.meeting.series_id

    def _closed(self, what: str) -> Outcome | None:
        if self.started():
            return Outcome(error=f"The meeting has started: {what} in the live screen (/add, /move, /retime, /skip), "
                                 "and the minutes show the change.")
        return None

    def _item(self, item_id: int) -> AgendaItem | str:
        item = self.ctx.items.get(item_id)
        return item if item is not None else "That item is no longer on the agenda."

    def _done(self, message: str) -> Outcome:
        self.ctx.load()
        return Outcome(message=message, agenda_changed=True)

    @command
    def add(self, details: ItemDetails, place: int | None = None) -> Outcome:
        """A new item at `place` (1-based; at the end when None)."""
        closed = self._closed("add items")
        if closed:
            return closed
        row = item_row(details)
        if isinstance(row, str):
            return Outcome(error=row)
        item = self.store.agenda.insert_item(self.ctx.meeting_id, row, place)
        return self._done(f"Added as item {item.position}: {item.title} ({item.planned_minutes} min).")

    @command
    def update(self, item_id: int, details: ItemDetails) -> Outcome:
        closed = self._closed("change items")
        item = self._item(item_id)
        if closed or isinstance(item, str):
            return closed or Outcome(error=str(item))
        row = item_row(details)
        if isinstance(row, str):
            return Outcome(error=row)
        if row["kind"] != item.kind.value and self.store.agenda.recorded_on(item_id):
            return Outcome(error=f"Something is already recorded on {item.title}: its kind stays {item.kind.value}.")
        self.store.agenda.update_item(item_id, row)
        return self._done(f"Item {item.position} is now {row['title']} ({row['kind'].replace('_', ' ')}, {row['planned_minutes']} min).")

    @command
    def remove(self, item_id: int) -> Outcome:
        """An item off the plan for good: the minutes will not mention it."""
        closed = self._closed("skip an item with /skip")
        item = self._item(item_id)
        if closed or isinstance(item, str):
            return closed or Outcome(error=str(item))
        if len(self.ctx.items) == 1:
            return Outcome(error="A meeting needs at least one item; change this one instead.")
        recorded = self.store.agenda.recorded_on(item_id)
        if recorded:
            return Outcome(error=f"{plural(recorded, 'thing')} already recorded on {item.title}: strike them first, or keep the item.")
        self.store.agenda.delete_item(item_id)
        return self._done(f"Removed {item.title} from the plan.")

    @command
    def move(self, item_id: int, place: int) -> Outcome:
        closed = self._closed("reorder with /move")
        item = self._item(item_id)
        if closed or isinstance(item, str):
            return closed or Outcome(error=str(item))
        order = [i.id for i in sorted(self.ctx.items.values(), key=lambda i: i.position)]
        if not 1 <= place <= len(order):
            return Outcome(error=f"There are places 1 to {len(order)}.")
        order.remove(item_id)
        order.insert(place - 1, item_id)
        self.store.agenda.reorder(self.ctx.meeting_id, order)
        return self._done(f"{item.title} is item {place} now.")

    @command
    def set_details(self, title: str, on: str, place: str, starts: str, length: str) -> Outcome:
        """The meeting's title, date, place or link, planned start (`HH:MM`, optional) and length."""
        closed = self._closed("its details are part of the record")
        if closed:
            return closed
        title = " ".join(title.split())
        if not title:
            return Outcome(error="A meeting needs a title.")
        day = parse_meeting_date(on, self.ctx.now().astimezone().date())
        if isinstance(day, str):
            return Outcome(error=day)
        start = _clock_time(starts)
        if isinstance(start, str):
            return Outcome(error=start)
        minutes = length.strip()
        if minutes and not (minutes.isascii() and minutes.isdigit() and 1 <= int(minutes) <= 1440):
            return Outcome(error=f"The length is whole minutes from 1 to 1440 (got {minutes!r}).")
        self.store.meetings.set_details(
            self.ctx.meeting_id, title=title, on=day, place=place.strip(), starts_at=start.strftime("%H:%M") if start else None,
            length_minutes=int(minutes) if minutes else None,
        )
        return self._done(f"{title}, {day.isoformat()}" + (f" at {start:%H:%M}" if start else "") + ": saved.")

    def totals(self) -> Totals:
        meeting = self.ctx.meeting
        starts = _clock_time(meeting.starts_at or "")
        return Totals(sum(i.planned_minutes for i in self.ctx.items.values() if not i.added_live), meeting.length_minutes,
                      starts if isinstance(starts, time) else None)

    @command
    def set_role(self, role: str, person_id: int | None) -> Outcome:
        if role not in ROLES:
            return Outcome(error=f"The roles are {', '.join(ROLES)}.")
        self.store.meetings.set_role(self.ctx.meeting_id, role, person_id)
        return Outcome(message=f"{role.capitalize()}: " + (next((p.name for p in self.ctx.roster if p.id == person_id), "?")
                                                           if person_id else "nobody") + ".")

    @command
    def set_quorum(self, needed: int | None) -> Outcome:
        self.store.meetings.set_quorum(self.ctx.meeting_id, needed)
        self.ctx.meeting = self.store.meetings.get(self.ctx.meeting_id)
        return Outcome(message=f"Quorum: {needed} voting members." if needed else "Quorum: more than half of the voting members.")

    @command
    def set_ground_rules(self, rules: list[str]) -> Outcome:
        self.store.meetings.set_ground_rules(self.ctx.meeting_id, rules)
        self.ctx.meeting = self.store.meetings.get(self.ctx.meeting_id)
        return Outcome(message=f"{plural(len(rules), 'ground rule')} saved.")

    @command
    def set_sectors(self, sectors: list[str] | None) -> Outcome:
        """The sectors the series needs at the table (None: the usual list)."""
        series_id = self.store.meetings.ensure_series(self.ctx.meeting_id, at=self.ctx.now())
        self.store.people.set_series_sectors(series_id, sectors)
        return Outcome(message="Sectors the series needs: saved.")

    @command
    def delete_meeting(self) -> Outcome:
        """Delete a meeting that has not started (the series and its roster stay)."""
        if self.started():
            return Outcome(error="This meeting has started: its record stays. Only a meeting not started yet can be deleted.")
        title = self.ctx.meeting.title
        self.store.meetings.delete(self.ctx.meeting_id)
        return Outcome(message=f"{title} is deleted; the series and its roster are as they were.")

    def save_template(self, path: Path) -> Outcome:
        """This agenda, its ground rules and length, as a template file for the coalition's next
        time (checked as `facilitator templates check` would)."""
        from facilitator.templates import TemplateError, template_of, write_template

        meeting = self.ctx.meeting
        items = sorted(self.ctx.items.values(), key=lambda i: i.position)
        template = template_of(meeting, items)
        try:
            write_template(template, path)
        except OSError as exc:
            return Outcome(error=f"Could not write {path}: {exc.strerror or exc}. Nothing else changed.")
        except TemplateError as exc:  # our bug if it happens: the file would not load again
            return Outcome(error=f"The template would not load again ({exc}); nothing was written.")
        return Outcome(message=f"Saved as a template: {path} ({plural(len(items), 'item')}). New meetings can start from it.")



class Prepared(msgspec.Struct, frozen=True):
    """A new meeting: its id, and what to tell the person (which series it joined)."""

    meeting_id: int
    said: list[str]


def prepare_meeting(
    store: Store, template: AgendaTemplate, *, title: str, on: date, now: datetime, series: str | None = None, place: str = "",
    template_name: str = "",
) -> Prepared | str:
    """Prepare a meeting from a template (the command line's `new` and the new-meeting form alike):
    the title checked, a typed series name joined to the series it means (any case, or the start
    of one name) or a new series begun. Returns the meeting, or what is wrong."""
    title = " ".join(title.split())
    if not title:
        return "A meeting needs a title."
    said = []
    named = " ".join(series.split()) if series else None
    if named:
        known = store.archive.series_named(named)
        if known is None:
            said.append(f"New series {named!r}.")
        elif known != named:
            said.append(f"In the series {known!r} (for a new series, give a name no series starts with).")
        named = known or named
    meeting_id = store.meetings.create(template, title=title, on=on, at=now, series=named, place=place.strip(), template_name=template_name)
    said += [
        f"Item {item.position}: {item.title} (the last meeting of the series)."
        for item in store.agenda.items(meeting_id) if item.approves_meeting_id is not None
    ]
    return Prepared(meeting_id, said)
