"""Workshop documents drafted live: `/draft [ORGANISATION /] [PART:] TEXT` in an item that works
on a problem statement, a SMARTIE goal, a charter... Each draft is a numbered capture (so
`/edit`, `/strike` and `/undo` work on it as on a note), kept per series under its document."""

from __future__ import annotations

from facilitator.documents import KINDS, DocumentKind, DraftLine, document_title, parse_draft
from facilitator.models import AgendaItem, EntryKind
from facilitator.parsed import Draft
from facilitator.parts.context import Part, command
from facilitator.parts.outcome import Capture, Outcome, Saved
from facilitator.words import plural


def draft_label(kind: DocumentKind, title: str, part: str | None) -> str:
    """How a draft is labelled in the notes, as it is saved and when read back: `draft · Gap`;
    for one partner's profile, whose: `draft · County Public Health · Whom we serve`."""
    whose = title.removeprefix(kind.title + ": ") + " · " if kind.per_organisation else ""
    return f"draft · {whose}{kind.label(part or '')}"


class Drafts(Part):
    @command
    def draft(self, command: Draft) -> Outcome:
        ctx = self.ctx
        item = ctx.current_item()
        if item.document not in KINDS:
            return Outcome(error=(
                "This item works on no workshop document: /draft saves a part of the problem statement, goal or charter an "
                "item names in its template (document = \"problem_statement\"). /note keeps the text as a note."
            ))
        kind = KINDS[item.document]
        line = parse_draft(kind, command.text, item.part)
        if isinstance(line, str):
            return Outcome(error=line)
        text = self._theme_ideas(line) if line.theme else line.text
        if text is None:
            return Outcome(error=self._no_theme(line.theme or ""))
        organisation = self._organisation(line.organisation) if line.organisation else None
        at = ctx.now()
        series_id = self.store.meetings.ensure_series(ctx.meeting_id, at=at)
        title = document_title(kind, organisation, item.document_title)
        document_id = self.store.documents.ensure(series_id, kind.name, title, at=at)
        entry = self.store.captures.add_entry(
            ctx.meeting_id, item.id, text, at=at, kind=EntryKind.DRAFT, document_id=document_id, part=line.part,
        )
        drafted = {row["part"] for row in self.store.documents.drafts([document_id]).get(document_id, [])}
        progress = f" ({len(drafted & set(dict(kind.parts)))} of {len(kind.parts)} parts drafted)" if kind.parts else (
            f" ({plural(len(drafted), 'capacity', 'capacities')} so far)"
        )
        standing = self.store.documents.standing([document_id]).get(document_id, [])
        amends = f" Version {standing[-1]['number']} stays in force until a decision adopts this amendment." if standing else ""
        return Outcome(
            capture=Capture(entry.created_at, draft_label(kind, title, line.part), text),
            message=f"{title}: {kind.label(line.part)} drafted{progress}.{amends}",
            saved=Saved("entries", entry.id, item.id, entry.id),
        )

    def _theme_ideas(self, line: DraftLine) -> str | None:
        """The ideas of a brainwriting theme of this meeting, most dots first, as one draft."""
        wanted = (line.theme or "").casefold()
        for item in self._brainwriting_items():
            ideas = [i for i in self.store.brainwriting.ideas(item.id) if (i.theme or "").casefold() == wanted]
            if ideas:
                return "; ".join(i.text for i in sorted(ideas, key=lambda i: (-i.dots, i.number)))
        return None

    def _no_theme(self, theme: str) -> str:
        names = sorted({t.name for item in self._brainwriting_items() for t in self.store.brainwriting.themes(item.id)})
        known = f"the themes are {', '.join(names)}" if names else "no ideas have been grouped into themes yet"
        return f"/draft: no theme {theme!r} in this meeting's brainwriting; {known}."

    def _brainwriting_items(self) -> list[AgendaItem]:
        current = self.ctx.current_item()
        return [current] + [item for item in self.ctx.items.values() if item.id != current.id]

    def _organisation(self, typed: str) -> str:
        """A partner organisation as the roster spells it, when the typed name starts one."""
        known = sorted({p.organisation for p in self.ctx.roster if p.organisation}, key=str.casefold)
        wanted = typed.casefold()
        exact = [o for o in known if o.casefold() == wanted]
        starting = [o for o in known if o.casefold().startswith(wanted)]
        return (exact or starting)[0] if exact or len(starting) == 1 else " ".join(typed.split())
