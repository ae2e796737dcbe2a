"""The minutes model: everything one meeting's minutes say, gathered from the store."""

from __future__ import annotations

import ast
import inspect
import textwrap
from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TypeAlias

import msgspec
from pydantic import BaseModel, ConfigDict, Field, create_model

from facilitator import models
from facilitator.activities import voices
from facilitator.activities.next_steps import review_list
from facilitator.activities.registry import BY_KIND
from facilitator.clock import Status, replay
from facilitator.documents import KINDS, DocumentState, as_of, version_line
from facilitator.models import AttendanceStatus, EntryKind, ItemKind
from facilitator.store import Store
from facilitator.words import plural


class Doc(BaseModel):
    """Field docstrings become descriptions in the published JSON Schema."""

    model_config = ConfigDict(use_attribute_docstrings=True)


def _field_docs(record: type) -> dict[str, str]:
    """The docstrings written under a class's fields (as pydantic reads them from its own models)."""
    try:
        source = textwrap.dedent(inspect.getsource(record))
    except (OSError, TypeError):
        return {}
    body = ast.parse(source).body[0].body  # type: ignore[attr-defined]
    docs = {}
    for field, following in zip(body, body[1:], strict=False):
        if (
            isinstance(field, ast.AnnAssign) and isinstance(field.target, ast.Name)
            and isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            docs[field.target.id] = inspect.cleandoc(following.value.value)
    return docs


def published(record: type[msgspec.Struct], name: str, fields: Iterable[str], doc: str, **extra: Any) -> type[Doc]:
    """The pydantic model the minutes publish for a record: `fields` of the record's own struct,
    with their types, defaults and docstrings, in that order; `extra` fields (name: (type, default))
    are added, or replace the record's, where their names fall."""
    infos = {info.name: info for info in msgspec.structs.fields(record)}
    docs = _field_docs(record)
    definitions: dict[str, Any] = {}
    for field in fields:
        if field in extra:
            definitions[field] = extra[field]
            continue
        info = infos[field]
        default: Any = ... if info.required else info.default
        if info.default_factory is not msgspec.NODEFAULT:
            definitions[field] = (info.type, Field(default_factory=info.default_factory, description=docs.get(field)))
        else:
            definitions[field] = (info.type, Field(default, description=docs.get(field)))
    model: type[Doc] = create_model(name, __base__=Doc, __doc__=doc, __module__=__name__, **definitions)
    return model


# Built when this module loads, from the record structs, so each field is declared once. mypy
# cannot see fields made at run time: to it these three are Any (and the JSON schema test and the
# golden exports check them instead).
if TYPE_CHECKING:
    Person: TypeAlias = Any
    Attendance: TypeAlias = Any
    MinutesDecision: TypeAlias = Any
else:
    Person = published(models.Person, "Person", models.Person.PUBLISHED, "Someone on a series' roster.")
    Attendance = published(
        models.Attendance, "Attendance", ("person", "status", "at", "late_at"), "Whether and when a person was at a meeting.",
        person=(Person, ...),
    )
    MinutesDecision = published(
        models.Decision, "MinutesDecision", ("text", "item", *models.Decision.PUBLISHED[1:], "quorum"),
        "A decision as the minutes publish it.",
        item=(str, Field(..., description="The agenda item it was decided in.")),
        quorum=(str | None, Field(None, description="The quorum at that moment, in words: met or not, present, needed.")),
    )


class MinutesNote(Doc):
    text: str
    at: datetime
    speaker: str | None = None
    """Who had the floor when it was noted, where the group asked for notes to say so."""


class MinutesAction(Doc):
    text: str
    item: str
    owner: str | None = None
    organisation: str = ""
    due: date | None = None
    status: str = "open"


class MinutesCheckin(Doc):
    name: str
    answer: str | None = None
    passed: bool = False
    """Did not speak: passed, or (with `absent`) was not here."""
    absent: bool = False


class MinutesIdea(Doc):
    text: str
    dots: int = 0
    author: str | None = None
    """Only when the group chose to attribute it; anonymous ideas have none."""


class MinutesTheme(Doc):
    name: str
    ideas: list[MinutesIdea]

    @property
    def dots(self) -> int:
        return sum(idea.dots for idea in self.ideas)


class MinutesEvaluation(Doc):
    questions: list[str]
    averages: list[float | None]
    responses: int
    went_well: list[str] = []
    to_change: list[str] = []


class MinutesReview(Doc):
    subject: str
    text: str
    source: str
    outcome: str
    detail: str = ""
    """An action's owner and due date (`Luis Ortega, due 2026-03-19`), a decision's review date."""


class MinutesAirtime(Doc):
    name: str
    minutes: float
    turns: int
    detail: str = ""


class MinutesParticipation(Doc):
    """Who spoke and for how long; who did not; the balance; which sectors were at the table."""

    people: list[MinutesAirtime] = []
    organisations: list[MinutesAirtime] = []
    sectors: list[MinutesAirtime] = []
    not_heard: list[str] = []
    top_quarter_share: float | None = None
    gini: float | None = None
    reading: str = ""
    community_share: float | None = None
    sectors_present: list[str] = []
    sectors_absent: list[str] = []
    sectors_missing: list[str] = []


class MinutesDraft(Doc):
    """One part of a workshop document, as drafted in an item."""

    document: str
    part: str
    text: str


class MinutesDocumentPart(Doc):
    part: str
    text: str


class MinutesVersion(Doc):
    """One adopted version of a workshop document, as it was voted."""

    number: int
    adopted: str
    """When, where, by which decision and method, with what tally, and what it amends, in words."""
    parts: list[MinutesDocumentPart]


class MinutesDocument(Doc):
    """A workshop document this meeting drafted or adopted, as it stood when the meeting ended."""

    title: str
    kind: str
    status: str
    """adopted at this meeting (which version, by which method), or a draft (and which version stands)."""
    parts: list[MinutesDocumentPart]
    """Drafted at this meeting and not adopted in it: the parts as they then stood."""
    versions: list[MinutesVersion] = []
    """Every version adopted up to this meeting's end, oldest first, each as it was voted."""


class MinutesApproval(Doc):
    """The later meeting that approved these minutes."""

    date: date
    meeting: str
    method: str | None = None
    outcome: str = "adopted"
    """adopted, or amended: approved with the corrections noted before the vote."""
    quorum: str | None = None
    """The quorum when they were approved, in words (met or not, present, needed); None when none was recorded."""


class MinutesItem(Doc):
    """One agenda item as it actually ran."""

    position: int
    title: str
    kind: ItemKind
    planned_minutes: int | None
    """As first planned; None for an item added during the meeting."""
    final_minutes: int
    """The time box at the end, after extensions and re-timing."""
    plan_minutes: int = 0
    """The time box as planned by the end, before extensions: re-timed, or given when added."""
    actual_minutes: float
    skipped: bool = False
    reached: bool = True
    """False for an item the meeting never got to (not the same as skipped)."""
    changes: list[str] = []
    notes: list[MinutesNote] = []
    ideas: list[MinutesNote] = []
    decisions: list[MinutesDecision] = []
    actions: list[MinutesAction] = []
    checkins: list[MinutesCheckin] = []
    themes: list[MinutesTheme] = []
    """Brainwriting ideas by theme, each theme's ideas ranked by dots."""
    evaluation: MinutesEvaluation | None = None
    drafts: list[MinutesDraft] = []
    """Parts of workshop documents drafted in this item."""


class Minutes(Doc):
    """Everything the minutes say about one meeting."""

    title: str
    date: date
    place: str = ""
    series: str | None = None
    status: str
    started_at: datetime | None = None
    ended_at: datetime | None = None
    roles: dict[str, str] = {}
    ground_rules: list[str] = []
    attendance: list[Attendance] = []
    absent: list[Person] = []
    unmarked: list[Person] = []
    """On the series roster, but nobody recorded whether they came."""
    items: list[MinutesItem]
    parking_lot: list[MinutesNote] = []
    reviews: list[MinutesReview] = []
    """What this meeting did with what earlier meetings left open."""
    participation: MinutesParticipation = MinutesParticipation()
    approved: MinutesApproval | None = None
    documents: list[MinutesDocument] = []
    """Workshop documents drafted or adopted in this meeting, as they stood at its end."""
    """Set once a later meeting of the series adopts them; until then they are a draft."""

    @property
    def decisions(self) -> list[MinutesDecision]:
        return [d for item in self.items for d in item.decisions]

    @property
    def actions(self) -> list[MinutesAction]:
        return [a for item in self.items for a in item.actions]


def _person(record: models.Person) -> Person:
    return Person(**msgspec.structs.asdict(record))


def published_decision(decision: models.Decision, item: str) -> MinutesDecision:
    """A decision as the minutes (and the decision log) publish it: its quorum in words."""
    quorum = quorum_words(decision.quorum_present, decision.quorum_needed, decision.quorum_met)
    fields = {k: v for k, v in msgspec.structs.asdict(decision).items() if k in models.Decision.PUBLISHED}
    return MinutesDecision(item=item, quorum=quorum, **fields)


def approval_of(row: dict[str, Any]) -> MinutesApproval:
    """An approval as the minutes say it, from the store's row (`Meetings.approval`)."""
    return MinutesApproval(
        date=row["meeting_date"], meeting=row["meeting_title"], method=row["method"], outcome=row["outcome"],
        quorum=quorum_words(row["quorum_present"], row["quorum_needed"], row["quorum_met"]),
    )


def quorum_words(present: int | None, needed: int | None, met: bool | int | None) -> str | None:
    """`met: 5 voting members present, 4 needed`, or `not met: ...`; None when none was recorded."""
    if needed is None:
        return None
    return f"{'met' if met else 'not met'}: {plural(present or 0, 'voting member')} present, {needed} needed"


def build_minutes(store: Store, meeting_id: int, now: datetime, *, approval: MinutesApproval | None = None) -> Minutes:
    """Gather one meeting's minutes from the store, timed as at `now`; stamped as `approval` says
    (when they are being approved), or as the store says they were."""
    meeting = store.meetings.get(meeting_id)
    agenda = {item.id: item for item in store.agenda.items(meeting_id)}
    clock = replay(agenda.values(), store.agenda.events(meeting_id), now)
    people = {p.id: p for p in store.people.roster(meeting.series_id, retired=True)}  # past minutes name who has left since
    by_item: dict[int, dict[str, list[Any]]] = {item_id: {"note": [], "idea": [], "d": [], "a": [], "draft": []} for item_id in agenda}
    parking = []
    speakers = store.captures.speakers_of(meeting_id)
    states = {state.id: state for state in store.documents.states(meeting.series_id)}
    for entry in store.captures.entries(meeting_id):
        note = MinutesNote(text=entry.text, at=entry.created_at, speaker=speakers.get(entry.origin))
        if entry.kind is EntryKind.PARK:
            parking.append(note)
        elif entry.kind is EntryKind.DRAFT and entry.document_id in states:
            state = states[entry.document_id]
            by_item[entry.item_id]["draft"].append(
                MinutesDraft(document=state.title, part=KINDS[state.kind].label(entry.part or ""), text=entry.text)
            )
        else:
            by_item[entry.item_id][entry.kind.value].append(note)
    for d in store.captures.decisions(meeting_id):
        by_item[d.item_id]["d"].append(published_decision(d, agenda[d.item_id].title))
    for a in store.captures.next_steps(meeting_id):
        owner = people.get(a.owner_id) if a.owner_id else None
        by_item[a.item_id]["a"].append(
            MinutesAction(
                text=a.text, item=agenda[a.item_id].title, owner=a.owner_name,
                organisation=owner.organisation if owner else "", due=a.due, status=a.status,
            )
        )
    items = []
    for position, box in enumerate(clock.boxes, start=1):
        item, found = agenda[box.item_id], by_item[box.item_id]
        activity = BY_KIND.get(item.kind)
        items.append(
            MinutesItem(
                position=position,
                title=item.title,
                kind=item.kind,
                planned_minutes=box.original_seconds // 60 if box.original_seconds else None,
                final_minutes=box.box_minutes,
                plan_minutes=box.planned_seconds // 60,
                actual_minutes=round(box.elapsed_seconds / 60, 1),
                skipped=box.skipped,
                reached=box.visited,
                changes=list(box.changes),
                **{
                    "notes": found["note"],
                    "ideas": found["idea"],
                    "decisions": found["d"],
                    "actions": found["a"],
                    "drafts": found["draft"],
                    **(activity.minutes_part(store, meeting_id, item) if activity is not None else {}),
                },
            )
        )
    attendance = store.people.attendance(meeting_id)
    marked = {record.person.id for record in attendance}
    if approval is None:
        approved = store.meetings.approval(meeting_id)
        approval = approval_of(approved) if approved else None
    documents = _documents(store, meeting, states, clock.ended_at or now)
    return Minutes(
        title=meeting.title,
        date=meeting.date,
        place=meeting.place,
        series=meeting.series_name,
        status=clock.status.value,
        started_at=clock.started_at,
        ended_at=clock.ended_at if clock.status is Status.ENDED else None,
        roles={role: person.name for role, person in store.meetings.roles(meeting_id).items()},
        ground_rules=meeting.ground_rules,
        attendance=[
            Attendance(person=_person(r.person), status=r.status, at=r.at, late_at=r.late_at)
            for r in attendance if r.status is not AttendanceStatus.ABSENT
        ],
        absent=[_person(r.person) for r in attendance if r.status is AttendanceStatus.ABSENT],
        unmarked=[
            _person(p) for p in people.values()
            if p.id not in marked and (p.retired_at is None or p.retired_at.date() > meeting.date)
            and (p.added_at is None or p.added_at <= (clock.ended_at or now))
        ],
        items=items,
        parking_lot=parking,
        reviews=[
            MinutesReview(subject=r.subject, text=r.text, source=r.source, outcome=r.outcome, detail=r.detail)
            for r in review_list(store, meeting_id)
            if r.outcome
        ],
        approved=approval,
        documents=documents,
        participation=_participation(
            voices.summarise(
                store.voices.turns(meeting_id), list(people.values()), attendance,
                store.people.series_sectors(meeting.series_id), clock.ended_at or now, whole_meeting=True,
            )
        ),
    )


def _documents(store: Store, meeting: models.Meeting, states: dict[int, DocumentState], end: datetime) -> list[MinutesDocument]:
    """The documents this meeting drafted or adopted: their version history up to its end, and
    what was drafted here and not adopted, as it stood then."""
    drafted_here = {e.document_id for e in store.captures.entries(meeting.id, kind=EntryKind.DRAFT)}
    found = []
    for state in states.values():
        versions = [v for v in state.adopted if v.adopted_on is not None and v.adopted_on <= meeting.date]
        adopted_here = [v for v in versions if v.meeting_id == meeting.id]
        if state.id not in drafted_here and not adopted_here:
            continue
        kind = KINDS[state.kind]
        drafts = as_of(kind, store.documents.drafts([state.id]).get(state.id, []), end.isoformat())
        standing = versions[-1] if versions else None
        if adopted_here:
            last = adopted_here[-1]
            status = f"version {last.number} adopted at this meeting" + (f" ({last.method})" if last.method else "")
            if drafts.parts != last.parts:
                status += "; drafted after it, not adopted: below"
        elif standing is not None:
            status = f"draft; version {standing.number}, adopted on {standing.adopted_on}, stands until a decision adopts this one"
        else:
            status = "draft, not yet adopted"
        shown = [] if adopted_here and drafts.parts == adopted_here[-1].parts else drafts.parts
        found.append(MinutesDocument(
            title=state.title, kind=kind.title, status=status,
            parts=[MinutesDocumentPart(part=label, text=text) for label, text in shown],
            versions=[
                MinutesVersion(number=v.number or 0, adopted=version_line(v), parts=[MinutesDocumentPart(part=label, text=text)
                                                                                   for label, text in v.parts])
                for v in versions
            ],
        ))
    return found


def _participation(summary: voices.Voices) -> MinutesParticipation:
    def rows(groups: list[voices.Airtime]) -> list[MinutesAirtime]:
        return [MinutesAirtime(name=g.key, minutes=round(g.seconds / 60, 1), turns=g.turns) for g in groups]

    return MinutesParticipation(
        people=[
            MinutesAirtime(
                name=person.name, minutes=round(air.seconds / 60, 1), turns=air.turns,
                detail=", ".join(part for part in (person.organisation, person.sector) if part),
            )
            for person, air in summary.people
        ],
        organisations=rows(summary.organisations),
        sectors=rows(summary.sectors),
        not_heard=[p.name for p in summary.silent],
        top_quarter_share=summary.top_quarter,
        gini=summary.gini,
        reading=summary.reading,
        community_share=summary.community_share,
        sectors_present=summary.coverage.present,
        sectors_absent=summary.coverage.absent if summary.marked else [],  # unknowable when nobody's attendance was taken
        sectors_missing=summary.coverage.missing,
    )
