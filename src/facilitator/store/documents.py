"""Workshop documents kept per series: which exist, their drafts (entries of kind `draft`), and
the decisions that adopted them. A version is never stored twice: it is what the drafts said
when an adopting decision was made, read back from the drafts and the decision."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from typing import Any

import msgspec

from facilitator.documents import KINDS, DocumentState, as_of, document_title
from facilitator.store.database import Repository


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

    def adoptions(self, series_id: int | None) -> dict[int, list[dict[str, Any]]]:
        """For each document, the current adopted decisions that adopted it, oldest first: every
        document drafted in the decision's item, and the one the item names."""
        found: dict[int, list[dict[str, Any]]] = defaultdict(list)
        if series_id is None:
            return found
        drafted: dict[int, set[int]] = defaultdict(set)  # item -> documents drafted in it (the partial index has them all)
        for item_id, document_id in self.database.execute(
            "SELECT DISTINCT item_id, document_id FROM entries WHERE document_id IS NOT NULL AND kind = 'draft' AND current = 1"
        ):
            drafted[item_id].add(document_id)
        sql = """
            SELECT d.*, i.document AS item_document, i.document_title AS item_document_title, m.date AS meeting_date,
                   m.title AS meeting_title
            FROM decisions d JOIN agenda_items i ON i.id = d.item_id JOIN meetings m ON m.id = d.meeting_id
            WHERE m.series_id = ? AND d.current = 1 AND d.outcome = 'adopted'
            ORDER BY d.created_at, d.id
        """
        for row in self.database.query(sql, [series_id]):
            adopted = set(drafted.get(row["item_id"], ()))
            if row["item_document"] in KINDS:
                title = document_title(KINDS[row["item_document"]], None, row["item_document_title"])
                named = self.named(series_id, row["item_document"], title)
                if named is not None:
                    adopted.add(named)
            for document_id in adopted:
                found[document_id].append(row)
        return found

    def states(self, series_id: int | None) -> list[DocumentState]:
        """Every document of a series: its drafts as they stand, and each adopted version."""
        documents = self.of_series(series_id)
        if not documents:
            return []
        drafts = self.drafts([d["id"] for d in documents])
        adoptions = self.adoptions(series_id)
        states = []
        for document in documents:
            kind = KINDS.get(document["kind"])
            if kind is None:
                continue
            rows = drafts.get(document["id"], [])
            adopted = []
            for decision in adoptions.get(document["id"], []):
                version = as_of(kind, rows, decision["created_at"])
                adopted.append(msgspec.structs.replace(
                    version, adopted_on=date.fromisoformat(decision["meeting_date"]), meeting=decision["meeting_title"],
                    meeting_id=decision["meeting_id"], method=decision["method"],
                ))
            states.append(DocumentState(document["id"], kind.name, document["title"], as_of(kind, rows), adopted))
        return states
