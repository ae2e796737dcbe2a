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


def _words(text: str) -> str:
    return " ".join(text.replace("_", " ").replace("-", " ").casefold().split())


def find_document(typed: str, documents: list[tuple[int, str, str]], item_kind: str | None, item_title: str | None) -> int | str:
    """The document `adopts:TYPED` names among a series' `documents` (id, kind, title): a kind or
    the start of one (`problem`), or a title or the start of one (`goal-2`), optionally narrowed
    by a title after a slash (`partner_profile/county`); where several fit, the one the item
    works on. Returns its id, or what to type instead."""
    wanted, _, narrowed = typed.partition("/")
    wanted, narrowed = _words(wanted), _words(narrowed)
    kinds = [name for name in KINDS if _words(name).startswith(wanted) or _words(KINDS[name].title).startswith(wanted)]
    fitting = [d for d in documents if d[1] in kinds or _words(d[2]).startswith(wanted)]
    if narrowed:
        fitting = [d for d in fitting if narrowed in _words(d[2])]
    if len(fitting) > 1 and item_kind in KINDS:
        own = [d for d in fitting if d[1] == item_kind and d[2] == document_title(KINDS[item_kind], None, item_title)]
        fitting = own or fitting
    if len(fitting) == 1:
        return fitting[0][0]
    if fitting:
        named = "; ".join(f"adopts:{d[1]}/{_words(d[2].split(': ', 1)[-1]).replace(' ', '-')}" for d in fitting[:5])
        return f"adopts:{typed} fits more than one document: {named}."
    if kinds:
        return (f"Nothing has been drafted for the {KINDS[kinds[0]].title.lower()} yet, so there is nothing to adopt: "
                "/draft it first, in an item that works on it.")
    known = ", ".join(dict.fromkeys(d[1] for d in documents)) or "none drafted yet"
    return f"adopts:{typed} names no workshop document. The kinds are {', '.join(KINDS)}; this series has: {known}."


class Version(msgspec.Struct, frozen=True):
    """A document as it stood: each part's text, in the kind's order; for an adopted version, its
    number and how, when and where it was adopted."""

    keyed: list[tuple[str, str]]
    """(part's key, text), as stored."""
    parts: list[tuple[str, str]]
    """(part's label, text), as shown."""
    number: int | None = None
    """1 for the first version adopted, and so on; None for drafts not adopted."""
    amends: int | None = None
    """The version this one replaced, when it did."""
    adopted_on: date | None = None
    meeting: str | None = None
    meeting_id: int | None = None
    item: str | None = None
    method: str | None = None
    tally: str | None = None


class DocumentState(msgspec.Struct, frozen=True):
    id: int
    kind: str
    title: str
    draft: Version
    """Every part as last drafted."""
    adopted: list[Version]
    """Each adopted version as it was voted, oldest first."""

    @property
    def current(self) -> Version | None:
        """The version in force: the last one adopted."""
        return self.adopted[-1] if self.adopted else None

    @property
    def changed_since_adopted(self) -> bool:
        return self.current is None or self.current.parts != self.draft.parts


def drafted(kind: DocumentKind, drafts: list[dict[str, Any]], moment: str | None = None) -> list[tuple[str, str]]:
    """(key, text) of each part as the drafts stood at `moment` (an ISO time; all of them when
    None), in the kind's order."""
    latest: dict[str, str] = {}
    for row in drafts:
        if moment is None or row["created_at"] <= moment:
            latest[row["part"]] = row["text"]
    order = [key for key, _ in kind.parts] + [key for key in latest if key not in dict(kind.parts)]
    return [(key, latest[key]) for key in order if key in latest]


def version(kind: DocumentKind, keyed: list[tuple[str, str]], **facts: Any) -> Version:
    return Version(keyed=keyed, parts=[(kind.label(key), text) for key, text in keyed], **facts)


def as_of(kind: DocumentKind, drafts: list[dict[str, Any]], moment: str | None = None) -> Version:
    """The document as its drafts stood at `moment` (all of them when None)."""
    return version(kind, drafted(kind, drafts, moment))


def version_line(adopted: Version) -> str:
    """How a version was adopted: `adopted on 2026-03-12 at Revision (Adopt the statement) by
    consent; for 6, stand-asides 1. It amends version 1.`"""
    said = f"adopted on {adopted.adopted_on} at {adopted.meeting}"
    if adopted.item:
        said += f" ({adopted.item})"
    if adopted.method:
        said += f" by {adopted.method}"
    if adopted.tally:
        said += f"; {adopted.tally}"
    return said + (f". It amends version {adopted.amends}." if adopted.amends else ".")


def status_line(state: DocumentState) -> str:
    """Where a document stands, in words: the version in force, and whether drafts have moved on."""
    current = state.current
    if current is None:
        return "draft, not yet adopted"
    how = f" by {current.method}" if current.method else ""
    said = f"version {current.number} adopted on {current.adopted_on} at {current.meeting}{how}"
    return said + ("; later drafts are not adopted yet (adopting them amends it)" if state.changed_since_adopted else "")


def pending(state: DocumentState) -> list[tuple[str, str]]:
    """The drafted parts that differ from the version in force."""
    adopted = dict(state.current.parts) if state.current else {}
    return [(label, text) for label, text in state.draft.parts if adopted.get(label) != text]
