"""A workshop document on the screen while an item drafts it: each part as drafted so far, the
item's own part marked, so the room sees the statement take shape. Shown for items that work on
a document and have no activity of their own (a discussion, a presentation); the drafting itself
is `/draft` (`session/drafts.py`)."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from facilitator.activities.base import Activity, ActivityView
from facilitator.documents import KINDS, as_of, document_title
from facilitator.models import AgendaItem, ItemKind


class DocumentView(ActivityView, frozen=True):
    parts: list[tuple[str, str | None, bool]]
    """(label, text or None when not drafted yet, whether this item drafts it)."""
    hint: str


class DocumentPanel(Activity):
    name: ClassVar[str] = "document"
    kinds: ClassVar[tuple[ItemKind, ...]] = ()

    def view(self, item: AgendaItem, now: datetime) -> DocumentView:
        kind = KINDS[item.document or ""]
        series_id = self.ctx.meeting.series_id
        documents = [d for d in self.store.documents.of_series(series_id) if d["kind"] == kind.name]
        if kind.per_organisation:  # one profile per partner: how far each has got
            drafts = self.store.documents.drafts([d["id"] for d in documents])
            profiles: list[tuple[str, str | None, bool]] = []
            for d in documents:
                count = len(as_of(kind, drafts.get(d["id"], [])).parts)
                profiles.append((str(d["title"]).removeprefix(kind.title + ": "), f"{count} of {len(kind.parts)} parts", False))
            return DocumentView(title=f"{kind.title}s · {len(documents)}", parts=profiles, hint=kind.hint)
        title = document_title(kind, None, item.document_title)
        document = next((d for d in documents if d["title"] == title), None)
        rows = self.store.documents.drafts([document["id"]]).get(document["id"], []) if document else []
        drafted = dict(as_of(kind, rows).parts)
        labels = [label for _, label in kind.parts] or list(drafted)
        own = kind.label(item.part) if item.part else None
        parts = [(label, drafted.get(label), label == own) for label in labels]
        done = sum(1 for _, text, _ in parts if text is not None)
        counted = f"{done} of {len(parts)} parts drafted" if kind.parts else f"{done} capacities"
        how = f"/draft TEXT saves the {own.lower()}" if own else "/draft PART: TEXT saves a part"
        return DocumentView(title=f"{title} · {counted}", parts=parts, hint=f"{how}. {kind.hint}".strip())
