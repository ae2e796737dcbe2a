"""Brainwriting: silent writing, then grouping into themes, dot voting and results.

The pure functions read the short lines a note-taker types to group ideas and count dots;
`Brainwriting` runs the phases in a meeting. An idea is anonymous unless the group chose to
attribute it: then, and only then, `idea_authors` has a row for it.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

import msgspec

from facilitator.activities.base import Activity, ActivityView
from facilitator.models import AgendaItem, EntryKind, Idea, ItemKind, Person
from facilitator.parsed import RenameTheme
from facilitator.parts.context import command
from facilitator.parts.outcome import Outcome, Saved
from facilitator.words import plural

if TYPE_CHECKING:
    from facilitator.store import Store

PHASES = ("write", "group", "vote", "results")
PHASE_HELP = {
    "write": "Silent writing: type each idea and press Enter. F5 moves on to grouping.",
    "group": "Grouping: type idea numbers and a theme, e.g. 3 5 7: Transport. /theme Old = New renames or merges.",
    "vote": "Dot voting: type a name and the ideas they dot, e.g. Amara: 3 3 5. F5 shows the results.",
    "results": "Results: ideas ranked by dots; what is said now is noted as usual. F6 goes back to voting.",
}

_GROUPING = re.compile(r"^\s*((?:\d+[\s,]*)+):\s*(.+?)\s*$")
_VOTES = re.compile(r"^\s*([^:\d][^:]*?)\s*:?\s+((?:\d+[\s,]*)+)$")
_TRAILING_NAME = re.compile(r"\s@(\S+)$")


class Grouping(msgspec.Struct, frozen=True):
    numbers: list[int]
    theme: str


class Votes(msgspec.Struct, frozen=True):
    name: str
    numbers: list[int]


def _numbers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", text)]


def parse_grouping(line: str) -> Grouping | None:
    """`3 5 7: Transport` puts ideas 3, 5 and 7 in the theme Transport."""
    found = _GROUPING.match(line)
    return Grouping(_numbers(found.group(1)), " ".join(found.group(2).split())) if found else None


def parse_votes(line: str) -> Votes | None:
    """`Amara: 3 3 5` (or `Amara 3 3 5`) gives Amara's dots: two on idea 3, one on idea 5."""
    found = _VOTES.match(line)
    return Votes(" ".join(found.group(1).split()), _numbers(found.group(2))) if found else None


def check_numbers(numbers: list[int], ideas: list[Idea]) -> str | None:
    """Why these idea numbers cannot be grouped or dotted, if they cannot; `ideas` includes the
    struck ones, so numbers keep their meaning."""
    unknown = sorted({n for n in numbers if not 1 <= n <= len(ideas)})
    if unknown:
        return f"There is no idea {', '.join(map(str, unknown))}; ideas are numbered 1 to {len(ideas)}."
    struck = sorted({n for n in numbers if ideas[n - 1].struck})
    if struck:
        return f"Idea {', '.join(map(str, struck))} was struck; nothing was recorded."
    return None


def check_budget(name: str, numbers: list[int], budget: int) -> str | None:
    if len(numbers) > budget:
        return f"{name} has {budget} dots; that line places {len(numbers)}. Nothing was recorded."
    return None


def ranked(ideas: list[Idea]) -> list[Idea]:
    """Most dots first; ties keep the order the ideas were written."""
    return sorted(ideas, key=lambda idea: (-idea.dots, idea.number))


def next_phase(phase: str | None, step: int = 1) -> str:
    index = PHASES.index(phase or "write") + step
    return PHASES[max(0, min(index, len(PHASES) - 1))]


def split_author(text: str) -> tuple[str, str | None]:
    """`/idea Promotoras @Amara`: the idea, and the name the group chose to attribute it to."""
    found = _TRAILING_NAME.search(text)
    if found is None:
        return text, None
    return text[: found.start()].rstrip(), found.group(1)


class BrainwritingView(ActivityView, frozen=True):
    phase: str
    ideas: list[Idea]
    """In the order written, or ranked by dots once the results are up."""
    voted: int = 0
    roster_size: int = 0
    dot_budget: int = 3
    anonymous_dots: int = 0
    """Dots placed from phones that joined without a name (counted on the ideas, by nobody)."""


class Brainwriting(Activity):
    name: ClassVar[str] = "brainwriting"
    kinds: ClassVar[tuple[ItemKind, ...]] = (ItemKind.BRAINWRITING,)

    def phase(self, item: AgendaItem | None = None) -> str:
        return (item or self.ctx.current_item()).phase or "write"

    def line(self, item: AgendaItem, text: str) -> Outcome | None:
        phase = self.phase(item)
        if phase == "write":
            return self.add_idea(text, None)
        ideas = self.store.brainwriting.ideas(item.id, struck=True)
        if phase == "group":
            grouping = parse_grouping(text)
            if grouping is None:
                return self._plain_note(item, text, hint="a grouping looks like 3 5 7: Transport")
            problem = check_numbers(grouping.numbers, ideas)
            if problem:
                return Outcome(error=problem)
            theme_id = self.store.brainwriting.theme_id(self.ctx.meeting_id, item.id, grouping.theme)
            self.store.brainwriting.assign_theme([ideas[n - 1].id for n in grouping.numbers], theme_id)
            return Outcome(message=f"{len(set(grouping.numbers))} idea(s) in {grouping.theme}.", agenda_changed=True)
        if phase == "vote":
            votes = parse_votes(text)
            if votes is None:
                return self._plain_note(item, text, hint="a vote looks like Amara: 3 3 5")
            person = self.ctx.find_person(votes.name)
            if isinstance(person, str):
                return Outcome(error=person)
            return self.place_dots(item, person, votes.numbers)
        return self._plain_note(item, text)  # the results are up: what is said about them is a note

    def place_dots(self, item: AgendaItem, person: Person | None, numbers: list[int], replacing: list[int] | None = None) -> Outcome:
        """Someone's dots on ideas `numbers`, replacing their earlier ones; an anonymous phone's
        (`person` None) replace the dots it placed before, `replacing`. Inside a command."""
        ideas = self.store.brainwriting.ideas(item.id, struck=True)
        who = person.name if person else "An anonymous phone"
        problem = check_numbers(numbers, ideas) or check_budget(who, numbers, item.dot_budget)
        if problem:
            return Outcome(error=problem)
        placed, replaced = self.store.brainwriting.set_dots(
            item.id, person.id if person else None, [ideas[n - 1].id for n in numbers], at=self.ctx.now(), replacing=replacing
        )
        return Outcome(
            message=f"{who}: {plural(len(numbers), 'dot')} of {item.dot_budget} placed.", agenda_changed=True,
            saved=Saved("dots", 0, item.id, person.id if person else 0, placed=tuple(placed), replaced=tuple(replaced)),
        )

    def view(self, item: AgendaItem, now: datetime) -> BrainwritingView:
        phase = self.phase(item)
        ideas = self.store.brainwriting.ideas(item.id, struck=True)
        voted = anonymous = 0
        if phase == "vote":
            placed = self.store.brainwriting.dots_by_person(item.id)
            voted = sum(1 for p in self.ctx.roster if p.id in placed)
            anonymous = sum(idea.dots for idea in ideas) - sum(placed.values())
        return BrainwritingView(
            title=f"Brainwriting · {phase} · {plural(sum(not idea.struck for idea in ideas), 'idea')}",
            phase=phase,
            ideas=ranked(ideas) if phase == "results" else ideas,
            voted=voted,
            roster_size=len(self.ctx.roster),
            dot_budget=item.dot_budget,
            anonymous_dots=anonymous,
        )

    @classmethod
    def minutes_part(cls, store: Store, meeting_id: int, item: AgendaItem) -> dict[str, Any]:
        """The ideas by theme (themes with the most dots first, ungrouped ideas last), each
        theme's ideas ranked by dots; the ideas are not listed again on their own."""
        groups: dict[str | None, list[Idea]] = {}
        for idea in ranked(store.brainwriting.ideas(item.id)):
            groups.setdefault(idea.theme, []).append(idea)
        named = sorted((name for name in groups if name is not None), key=lambda name: -sum(i.dots for i in groups[name]))
        order: list[str | None] = [*named, *([None] if None in groups else [])]
        themes = [
            {"name": name or "Ungrouped", "ideas": [{"text": i.text, "dots": i.dots, "author": i.author} for i in groups[name]]}
            for name in order
        ]
        return {"themes": themes, "ideas": []}

    def add_idea(self, text: str, author: str | None) -> Outcome:
        """Store an idea on the current item, attributed only when `author` is given. Called
        inside a command's transaction."""
        ctx = self.ctx
        item = ctx.current_item()
        person: Person | None = None
        if author:
            found = ctx.find_person(author)
            if isinstance(found, str):
                return Outcome(error=found)
            person = found
        entry = self.store.captures.add_entry(ctx.meeting_id, item.id, text, at=ctx.now(), kind=EntryKind.IDEA)
        if person is not None:
            self.store.brainwriting.set_author(entry.id, person.id)
        number = self.store.brainwriting.idea_count(item.id)
        return Outcome(
            capture=ctx.capture("idea", f"{number}. {text}"), agenda_changed=item.kind is ItemKind.BRAINWRITING,
            saved=Saved("entries", entry.id, item.id, entry.id),
        )

    @command
    def change_phase(self, step: int) -> Outcome:
        item = self.ctx.current_item()
        if item.kind is not ItemKind.BRAINWRITING:
            return Outcome(error="Phases belong to brainwriting items.")
        phase = next_phase(item.phase, step)
        self.store.agenda.set_phase(item.id, phase)
        self.ctx.replace_item(msgspec.structs.replace(item, phase=phase))
        return Outcome(message=PHASE_HELP[phase], agenda_changed=True)

    @command
    def rename_theme(self, command: RenameTheme) -> Outcome:
        item = self.ctx.current_item()
        themes = {t.name.casefold(): t for t in self.store.brainwriting.themes(item.id)}
        old = themes.get(command.old.casefold())
        if old is None:
            return Outcome(error=f"There is no theme {command.old!r} in this item.")
        into = themes.get(command.new.casefold())
        if into is not None and into.id != old.id:
            self.store.brainwriting.merge_themes(old.id, into.id)
            return Outcome(message=f"Merged {old.name} into {into.name}.", agenda_changed=True)
        self.store.brainwriting.rename_theme(old.id, command.new)
        return Outcome(message=f"Renamed {old.name} to {command.new}.", agenda_changed=True)

    def _plain_note(self, item: AgendaItem, text: str, *, hint: str = "") -> Outcome:
        """A note, not an idea: after the writing phase what people say is discussion. A line
        that was meant for the phase but does not read as such is kept, and the hint says so."""
        return self.ctx.save_entry(item, text, EntryKind.NOTE, f"Saved as a note; {hint}." if hint else None)
