"""Workshop documents kept per series: which exist, their drafts (entries of kind `draft`), and
the versions adopted by decisions. An adopted version is stored as it was voted (its parts'
text), so later drafts and corrections never change it; it counts while the decision that
adopted it still stands (not struck, still adopted or amended)."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date, datetime
from typing import Any

from facilitator.documents import KINDS, DocumentState, Version, as_of, document_title, version
from facilitator.models import Decision
from facilitator.store.database import Repository
from facilitator.words import tally

ADOPTING = ("adopted", "amended")
"""Decision outcomes that adopt what they name: as proposed, or as amended."""


class Documents(Repository):
    def ensure(self, series_id: int, kind: str, title: str, *, at: datetime) -> int:
        """The id of the series' document of this kind and title, made if new."""
        found = self.named(series_id, kind, title)
        if found is not None:
            return found
        return self.database.insert("documents", {"series_id": series_id, "kind": kind, "title": title, "created_at": at.isoformat()})

    def of_series(self, series_id: int | None) -> list[dict[str, Any]]:
        """The series' documents, in the order they were begun."""
        if series_id is None:
            return []
        return self.database.query("SELECT * FROM documents WHERE series_id = ? ORDER BY id", [series_id])

    def get(self, document_id: int) -> dict[str, Any]:
        [row] = self.database.query("SELECT * FROM documents WHERE id = ?", [document_id])
        return row

    def named(self, series_id: int, kind: str, title: str) -> int | None:
        row = self.database.execute(
            "SELECT id FROM documents WHERE series_id = ? AND kind = ? AND title = ?", [series_id, kind, title]
        ).fetchone()
        return int(row[0]) if row else None

    def for_item(self, series_id: int | None, kind: str | None, item_title: str | None) -> int | None:
        """The document an item works on, if it has been begun (a profile per partner: none)."""
        if series_id is None or kind not in KINDS or KINDS[kind].per_organisation:
            return None
        return self.named(series_id, kind, document_title(KINDS[kind], None, item_title))

    def drafts(self, document_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
        """Each document's current drafts with their meeting's date, oldest first."""
        found: dict[int, list[dict[str, Any]]] = defaultdict(list)
        if not document_ids:
            return found
        marks = ",".join("?" * len(document_ids))
        sql = f"""
            SELECT e.*, m.date AS meeting_date, m.title AS meeting_title FROM entries e JOIN meetings m ON m.id = e.meeting_id
            WHERE e.document_id IN ({marks}) AND e.kind = 'draft' AND e.current = 1 ORDER BY e.created_at, e.id
        """
        for row in self.database.query(sql, document_ids):
            found[row["document_id"]].append(row)
        return found

    # Adopted versions ---------------------------------------------------

    def adopt(self, document_id: int, decision_origin: int, meeting_id: int, *, at: datetime) -> int:
        """Store the document as its drafts stand now as the version `decision_origin` adopts;
        its number (one more than any before). A decision adopts once: a correction of it keeps
        the version it adopted."""
        found = self.database.execute(
            "SELECT number FROM document_versions WHERE document_id = ? AND decision_id = ?", [document_id, decision_origin]
        ).fetchone()
        if found:
            return int(found[0])
        kind = KINDS[self.get(document_id)["kind"]]
        keyed = as_of(kind, self.drafts([document_id]).get(document_id, [])).keyed
        (number,) = self.database.execute(
            "SELECT coalesce(max(number), 0) + 1 FROM document_versions WHERE document_id = ?", [document_id]
        ).fetchone()
        self.database.insert("document_versions", {
            "document_id": document_id, "number": number, "parts": json.dumps(keyed), "decision_id": decision_origin,
            "meeting_id": meeting_id, "adopted_at": at.isoformat(),
        })
        return int(number)

    def standing(self, document_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
        """Each document's adopted versions whose decision still stands, oldest first, with the
        decision (as it stands now), its meeting and its item."""
        found: dict[int, list[dict[str, Any]]] = defaultdict(list)
        if not document_ids:
            return found
        marks = ",".join("?" * len(document_ids))
        sql = f"""
            SELECT v.document_id, v.number, v.parts, v.adopted_at, d.*, m.date AS meeting_date, m.title AS meeting_title,
                   i.title AS item_title
            FROM document_versions v
            JOIN decisions d ON coalesce(d.origin_id, d.id) = v.decision_id AND d.current = 1 AND d.outcome IN ('adopted', 'amended')
                 AND d.adopts_document_id = v.document_id
            JOIN meetings m ON m.id = v.meeting_id JOIN agenda_items i ON i.id = d.item_id
            WHERE v.document_id IN ({marks}) ORDER BY v.number
        """
        for row in self.database.query(sql, document_ids):
            found[row["document_id"]].append(row)
        return found

    def states(self, series_id: int | None) -> list[DocumentState]:
        """Every document of a series: its drafts as they stand, and each adopted version as voted."""
        documents = [d for d in self.of_series(series_id) if d["kind"] in KINDS]
        if not documents:
            return []
        ids = [d["id"] for d in documents]
        drafts = self.drafts(ids)
        standing = self.standing(ids)
        states = []
        for document in documents:
            kind = KINDS[document["kind"]]
            adopted: list[Version] = []
            for row in standing.get(document["id"], []):
                adopted.append(version(
                    kind, [tuple(pair) for pair in json.loads(row["parts"])], number=row["number"],
                    amends=adopted[-1].number if adopted else None, adopted_on=date.fromisoformat(row["meeting_date"]),
                    meeting=row["meeting_title"], meeting_id=row["meeting_id"], item=row["item_title"], method=row["method"],
                    tally=tally(Decision.from_row(row)) or None,
                ))
            states.append(DocumentState(document["id"], kind.name, document["title"], as_of(kind, drafts.get(document["id"], [])), adopted))
        return states
