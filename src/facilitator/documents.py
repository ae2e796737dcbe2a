"""Workshop results that last: the kinds of document a coalition writes together, their parts,
and how a typed draft line names a part. Pure: the store keeps the drafts, the session saves them.

A problem statement, a SMARTIE goal, a mission or vision, a team charter, a partner profile
(one per organisation) and a partner × capacity matrix (its parts are the capacities, named as
the group goes) are written part by part with `/draft PART: TEXT`, kept per series, and adopted
by a decision in an item that works on them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import msgspec


class DocumentKind(msgspec.Struct, frozen=True):
    name: str
    title: str
    parts: tuple[tuple[str, str], ...]
    """(key, label) in order; empty when the group names the parts (the capacity matrix)."""
    per_organisation: bool = False
    """One document per partner organisation, named in the draft (`/draft County / serve: ...`)."""
    hint: str = ""

    def label(self, part: str) -> str:
        return dict(self.parts).get(part, part)

    def part_named(self, typed: str) -> str | None:
        """The part a typed name means: its key or label, any case, or the start of one."""
        wanted = " ".join(typed.replace("_", " ").split()).casefold().removeprefix("the ")
        if not self.parts:
            return " ".join(typed.split()) or None
        for key, label in self.parts:
            if wanted in (key.replace("_", " ").casefold(), label.casefold()):
                return key
        starting = [key for key, label in self.parts if label.casefold().startswith(wanted) or key.startswith(wanted)]
        return starting[0] if len(starting) == 1 else None


KINDS: dict[str, DocumentKind] = {
    kind.name: kind
    for kind in (
        DocumentKind(
            "problem_statement", "Problem statement",
            (("gap", "Gap"), ("trend", "Time frame and trend"), ("impact", "Impact"), ("importance", "Importance"),
             ("statement", "Problem statement")),
            hint="Describe the problem, not the fix; the statement is two or three sentences.",
        ),
        DocumentKind(
            "smartie", "SMARTIE goal",
            (("specific", "Specific"), ("measurable", "Measurable"), ("attainable", "Attainable"), ("relevant", "Relevant"),
             ("time_bound", "Time-bound"), ("inclusive", "Inclusive"), ("equitable", "Equitable"), ("goal", "Goal")),
            hint="What, tracked how, done how, relevant to whom, by when, with which new voices, and how it advances equity.",
        ),
        DocumentKind("mission", "Mission statement", (("statement", "Mission"),), hint="What we do, for whom, and why."),
        DocumentKind("vision", "Vision statement", (("statement", "Vision"),), hint="The community we are working toward."),
        DocumentKind(
            "charter", "Team charter",
            (("goal", "Goal of the partnership"), ("agreements", "How we agree on goals, expectations and values"),
             ("challenges", "How we deal with challenging situations"), ("meetings", "Meetings and minutes"),
             ("roles", "Roles and decisions")),
        ),
        DocumentKind(
            "partner_profile", "Partner profile",
            (("serve", "Whom we serve"), ("do", "What we do"), ("why", "Why we do it"), ("how", "How we do it"),
             ("contributions", "What we bring to this partnership"), ("pursuing", "Why we pursue this partnership")),
            per_organisation=True,
            hint="One per organisation: /draft County Public Health / serve: older adults in Eastside",
        ),
        DocumentKind(
            "capacity_matrix", "Partner × capacity matrix", (),
            hint="Name a capacity and the partners who bring it: /draft data analysis: County Public Health; St. Mary's",
        ),
    )
}


class DraftLine(msgspec.Struct, frozen=True):
    part: str
    text: str
    organisation: str | None = None
    theme: str | None = None
    """`from theme NAME`: the text is that brainwriting theme's ideas."""


def parse_draft(kind: DocumentKind, typed: str, item_part: str | None) -> DraftLine | str:
    """What `/draft [ORGANISATION /] [PART:] TEXT` says, or why it cannot be saved. In an item
    that drafts one part, the part may be left out."""
    rest = typed.strip()
    organisation = None
    if kind.per_organisation:
        if " / " not in rest:
            return f"/draft: say whose {kind.title.lower()} first, e.g. {kind.hint.split(': ', 1)[-1]}"
        organisation, rest = (piece.strip() for piece in rest.split(" / ", 1))
        if not organisation:
            return f"/draft: name the organisation before ' / ', e.g. {kind.hint.split(': ', 1)[-1]}"
    part = item_part
    head, colon, tail = rest.partition(":")
    named = kind.part_named(head) if colon and head.strip() else None
    if named is not None and (kind.parts or len(head) <= 60):
        part, rest = named, tail.strip()
    if part is None:
        known = ", ".join(label for _, label in kind.parts) or "any capacity"
        return f"/draft: which part? e.g. /draft {kind.parts[0][1] if kind.parts else 'data analysis'}: TEXT ({known})."
    theme = None
    if rest.casefold().startswith("from theme "):
        theme = rest[len("from theme "):].strip()
        if not theme:
            return "/draft PART: from theme NAME takes a theme's ideas as the draft; name the theme."
    elif not rest:
        return f"/draft: what does the {kind.label(part).lower()} say? Write it after the part."
    return DraftLine(part, rest, organisation, theme)


def document_title(kind: DocumentKind, organisation: str | None, item_title: str | None) -> str:
    """The title a series keeps a document under: the organisation's profile, the one a template
    item names, or the kind's own title."""
    if kind.per_organisation and organisation:
        return f"{kind.title}: {organisation}"
    return item_title or kind.title


class Version(msgspec.Struct, frozen=True):
    """A document as it stood: each part's text, in the kind's order."""

    parts: list[tuple[str, str]]
    """(label, text)."""
    adopted_on: date | None = None
    meeting: str | None = None
    meeting_id: int | None = None
    method: str | None = None


class DocumentState(msgspec.Struct, frozen=True):
    id: int
    kind: str
    title: str
    draft: Version
    """Every part as last drafted."""
    adopted: list[Version]
    """Each adopting decision's version, oldest first."""

    @property
    def current(self) -> Version | None:
        """The version in force: the last one adopted."""
        return self.adopted[-1] if self.adopted else None

    @property
    def changed_since_adopted(self) -> bool:
        return self.current is None or self.current.parts != self.draft.parts


def as_of(kind: DocumentKind, drafts: list[dict[str, Any]], moment: str | None = None) -> Version:
    """The parts as the drafts stood at `moment` (an ISO time; all of them when None)."""
    latest: dict[str, str] = {}
    for row in drafts:
        if moment is None or row["created_at"] <= moment:
            latest[row["part"]] = row["text"]
    order = [key for key, _ in kind.parts] + [key for key in latest if key not in dict(kind.parts)]
    return Version([(kind.label(key), latest[key]) for key in order if key in latest])


def status_line(state: DocumentState) -> str:
    """Where a document stands, in words: adopted when and how, and whether drafts have moved on."""
    current = state.current
    if current is None:
        return "draft, not yet adopted"
    how = f" by {current.method}" if current.method else ""
    said = f"adopted on {current.adopted_on} at {current.meeting}{how}"
    return said + ("; later drafts are not adopted yet" if state.changed_since_adopted else "")


def pending(state: DocumentState) -> list[tuple[str, str]]:
    """The drafted parts that differ from the version in force."""
    adopted = dict(state.current.parts) if state.current else {}
    return [(label, text) for label, text in state.draft.parts if adopted.get(label) != text]
