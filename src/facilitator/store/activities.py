"""Records of the facilitation activities: check-in rounds, brainwriting, evaluation, reviews."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from facilitator.models import CheckinSeat, EvaluationEntry, Idea, Person, Review, Theme
from facilitator.store.captures import number as _number
from facilitator.store.database import Repository


class CheckinRecords(Repository):
    """Who sits where in a round, what each said (or that they passed), and the saved questions."""

    def seats(self, item_id: int) -> list[CheckinSeat]:
        sql = """
            SELECT o.position, o.created_at AS seated_at, a.answer, a.passed, a.absent, a.at, p.* FROM checkin_order o
            JOIN people p ON p.id = o.person_id
            LEFT JOIN checkin_answers a ON a.item_id = o.item_id AND a.person_id = o.person_id AND a.current = 1
            WHERE o.item_id = ? ORDER BY o.position
        """
        return [CheckinSeat.from_row(row, person=Person.from_row(row)) for row in self.database.query(sql, [item_id])]

    def seat(self, meeting_id: int, item_id: int, person_ids: list[int], *, at: datetime) -> None:
        """Put people in the round after those already seated, in the order given."""
        start = self.database.execute(
            "SELECT coalesce(max(position), 0) FROM checkin_order WHERE item_id = ?", [item_id]
        ).fetchone()[0]
        self.database.insert_all(
            "checkin_order",
            (
                {"meeting_id": meeting_id, "item_id": item_id, "person_id": pid, "position": start + n, "created_at": at.isoformat()}
                for n, pid in enumerate(person_ids, start=1)
            ),
            conflict="OR IGNORE",
        )

    def reorder(self, item_id: int, person_ids: list[int]) -> None:
        """New places for people still waiting, after everyone who has spoken."""
        with self.database.atomic():
            done = self.database.execute(
                "SELECT count(*) FROM checkin_answers WHERE item_id = ? AND current = 1", [item_id]
            ).fetchone()[0]
            for n, pid in enumerate(person_ids, start=done + 1):
                self.database.execute(
                    "UPDATE checkin_order SET position = ? WHERE item_id = ? AND person_id = ?", [n + 10_000, item_id, pid]
                )
            self.database.execute(
                "UPDATE checkin_order SET position = position - 10000 WHERE item_id = ? AND position > 10000", [item_id]
            )

    def seat_last(self, item_id: int, person_id: int) -> None:
        """Move someone already seated to the end of the round (they came back after being called)."""
        self.database.execute(
            "UPDATE checkin_order SET position = (SELECT max(position) + 1 FROM checkin_order WHERE item_id = ?) "
            "WHERE item_id = ? AND person_id = ?",
            [item_id, item_id, person_id],
        )

    def record(
        self, meeting_id: int, item_id: int, person_id: int, *, answer: str | None, passed: bool, at: datetime, absent: bool = False
    ) -> int:
        """The person's check-in: an answer, a pass, or not here. An earlier one of theirs in this
        round stays, no longer current. Returns the row's id."""
        with self.database.atomic():
            self.database.execute(
                "UPDATE checkin_answers SET current = 0 WHERE item_id = ? AND person_id = ? AND current = 1", [item_id, person_id]
            )
            _number(self.database, item_id, "checkin", person_id)
            return self.database.insert(
                "checkin_answers",
                {
                    "item_id": item_id, "person_id": person_id, "meeting_id": meeting_id,
                    "answer": answer, "passed": int(passed or absent), "absent": int(absent), "at": at.isoformat(),
                },
            )

    def current_answer(self, item_id: int, person_id: int) -> int | None:
        row = self.database.execute(
            "SELECT id FROM checkin_answers WHERE item_id = ? AND person_id = ? AND current = 1", [item_id, person_id]
        ).fetchone()
        return int(row[0]) if row else None

    def restore(self, answer_id: int) -> None:
        self.database.execute("UPDATE checkin_answers SET current = 1 WHERE id = ?", [answer_id])

    def take_back(self, answer_id: int) -> None:
        """The answer no longer counts: the person is waiting in the round again."""
        self.database.execute("UPDATE checkin_answers SET current = 0 WHERE id = ?", [answer_id])

    def answers(self, item_id: int) -> list[dict[str, Any]]:
        """Every check-in row of a round, every version, oldest first: what the notes view numbers."""
        sql = """
            SELECT a.*, p.name FROM checkin_answers a JOIN people p ON p.id = a.person_id WHERE a.item_id = ? ORDER BY a.id
        """
        return self.database.query(sql, [item_id])

    def add_question(self, series_id: int, text: str, *, at: datetime) -> int:
        return self.database.insert("checkin_questions", {"series_id": series_id, "text": text, "created_at": at.isoformat()})

    def questions(self, series_id: int) -> list[tuple[int, str, str | None]]:
        """(id, text, when last used) for a series' saved questions, oldest first."""
        sql = """
            SELECT q.id, q.text, max(u.at) FROM checkin_questions q
            LEFT JOIN checkin_question_uses u ON u.question_id = q.id
            WHERE q.series_id = ? GROUP BY q.id ORDER BY q.id
        """
        return [(qid, text, used) for qid, text, used in self.database.execute(sql, [series_id]).fetchall()]

    def use_question(self, question_id: int, meeting_id: int, item_id: int, *, at: datetime) -> None:
        self.database.upsert(
            "checkin_question_uses",
            {"question_id": question_id, "meeting_id": meeting_id, "item_id": item_id, "at": at.isoformat()},
            ("question_id", "item_id"),
        )


class BrainwritingRecords(Repository):
    """Ideas' authors (only when the group chose to attribute one), themes and dots."""

    def set_author(self, entry_id: int, person_id: int) -> None:
        self.database.insert("idea_authors", {"entry_id": entry_id, "person_id": person_id}, conflict="OR REPLACE")

    def ideas(self, item_id: int, *, struck: bool = False) -> list[Idea]:
        """An item's ideas, numbered in the order they were first written; a corrected idea keeps
        its number and shows its current text. With `struck`, struck ideas are listed too (their
        numbers are never given to another idea)."""
        sql = """
            SELECT coalesce(e.origin_id, e.id) AS id, e.text, e.current, t.name AS theme, p.name AS author,
                   (SELECT count(*) FROM dots d WHERE d.entry_id = coalesce(e.origin_id, e.id) AND d.current = 1) AS dots
            FROM entries e
            LEFT JOIN idea_themes it ON it.entry_id = coalesce(e.origin_id, e.id)
            LEFT JOIN themes t ON t.id = it.theme_id
            LEFT JOIN idea_authors ia ON ia.entry_id = coalesce(e.origin_id, e.id)
            LEFT JOIN people p ON p.id = ia.person_id
            WHERE e.item_id = ? AND e.kind = 'idea' ORDER BY e.id
        """
        latest: dict[int, dict[str, Any]] = {}
        for row in self.database.query(sql, [item_id]):
            if row["current"] or not latest.get(row["id"], {}).get("current"):
                latest[row["id"]] = row
        in_order = sorted(latest.values(), key=lambda r: r["id"])
        ideas = [Idea.from_row(row, number=n, struck=not row["current"]) for n, row in enumerate(in_order, 1)]
        return ideas if struck else [idea for idea in ideas if not idea.struck]

    def idea_count(self, item_id: int) -> int:
        """How many ideas an item has had, struck ones included: the next idea's number, less one."""
        row = self.database.execute(
            "SELECT count(DISTINCT coalesce(origin_id, id)) FROM entries WHERE item_id = ? AND kind = 'idea'", [item_id]
        ).fetchone()
        return int(row[0])

    def themes(self, item_id: int) -> list[Theme]:
        rows = self.database.query("SELECT id, name FROM themes WHERE item_id = ? ORDER BY id", [item_id])
        return [Theme.from_row(row) for row in rows]

    def theme_id(self, meeting_id: int, item_id: int, name: str) -> int:
        """The theme of that name (any case) on this item, created if new."""
        for theme in self.themes(item_id):
            if theme.name.casefold() == name.casefold():
                return theme.id
        return self.database.insert("themes", {"meeting_id": meeting_id, "item_id": item_id, "name": name})

    def assign_theme(self, entry_ids: list[int], theme_id: int) -> None:
        self.database.insert_all("idea_themes", ({"entry_id": e, "theme_id": theme_id} for e in entry_ids), conflict="OR REPLACE")

    def rename_theme(self, theme_id: int, name: str) -> None:
        self.database.update("themes", theme_id, {"name": name})

    def merge_themes(self, from_id: int, into_id: int) -> None:
        with self.database.atomic():
            self.database.execute("UPDATE idea_themes SET theme_id = ? WHERE theme_id = ?", [into_id, from_id])
            self.database.execute("DELETE FROM themes WHERE id = ?", [from_id])

    def set_dots(
        self, item_id: int, person_id: int | None, entry_ids: list[int], *, at: datetime, replacing: list[int] | None = None
    ) -> tuple[list[int], list[int]]:
        """A person's vote: one row per dot on these ideas (by origin). Their earlier dots on
        this item stay, no longer current. Returns (the new dots, the dots they replace). An
        anonymous phone's dots name nobody: the dots it replaces are the ones it placed before
        (`replacing`, which only the room knows)."""
        with self.database.atomic():
            if person_id is None:
                replaced = [dot_id for dot_id, _ in self.dot_entries(replacing or [])]
            else:
                replaced = [
                    dot_id for (dot_id,) in self.database.execute(
                        "SELECT id FROM dots WHERE item_id = ? AND person_id = ? AND current = 1", [item_id, person_id]
                    )
                ]
            for dot_id in replaced:
                self.database.execute("UPDATE dots SET current = 0 WHERE id = ?", [dot_id])
            placed = [
                self.database.insert("dots", {"item_id": item_id, "person_id": person_id, "entry_id": e, "at": at.isoformat()})
                for e in entry_ids
            ]
        return placed, replaced

    def take_back_dots(self, placed: list[int], replaced: list[int]) -> None:
        """Undo a vote: its dots no longer count, and the ones it replaced count again."""
        with self.database.atomic():
            for dot_id in placed:
                self.database.execute("UPDATE dots SET current = 0 WHERE id = ?", [dot_id])
            for dot_id in replaced:
                self.database.execute("UPDATE dots SET current = 1 WHERE id = ?", [dot_id])

    def dot_entries(self, dot_ids: list[int]) -> list[tuple[int, int]]:
        """(dot, the idea it is on) for these dots that still count."""
        if not dot_ids:
            return []
        marks = ",".join("?" * len(dot_ids))
        rows = self.database.execute(f"SELECT id, entry_id FROM dots WHERE current = 1 AND id IN ({marks})", dot_ids)
        return [(dot_id, entry_id) for dot_id, entry_id in rows.fetchall()]

    def dots_by_person(self, item_id: int) -> dict[int, int]:
        """Dots placed by each named person (anonymous phones' dots are counted on the ideas only)."""
        rows = self.database.execute(
            "SELECT person_id, count(*) FROM dots WHERE item_id = ? AND current = 1 AND person_id IS NOT NULL GROUP BY person_id",
            [item_id],
        )
        return {pid: count for pid, count in rows.fetchall()}


class EvaluationRecords(Repository):
    """What went well, what to change, and each person's 1-5 ratings."""

    def add(
        self, meeting_id: int, item_id: int, kind: str, *, at: datetime, text: str | None = None, ratings: list[int] | None = None
    ) -> EvaluationEntry:
        data = {
            "meeting_id": meeting_id,
            "item_id": item_id,
            "kind": kind,
            "text": text,
            "ratings": json.dumps(ratings) if ratings is not None else None,
            "at": at.isoformat(),
        }
        with self.database.atomic():
            entry_id = self.database.insert("evaluations", data)
            _number(self.database, item_id, "evaluations", entry_id)
        return EvaluationEntry(id=entry_id, item_id=item_id, kind=kind, text=text, ratings=ratings, at=at)

    def entries(self, meeting_id: int) -> list[EvaluationEntry]:
        rows = self.database.query(
            "SELECT * FROM evaluations WHERE meeting_id = ? AND current = 1 ORDER BY coalesce(origin_id, id)", [meeting_id]
        )
        return [EvaluationEntry.from_row(row) for row in rows]


class ReviewRecords(Repository):
    """What a later meeting did with an open action, a parked item or a decision due for review."""

    def add(self, meeting_id: int, subject: str, ref_id: int, outcome: str, *, at: datetime, done_on: date | None = None) -> None:
        """What a meeting did with a record; `done_on`, when an action was said done, the day it was."""
        with self.database.atomic():
            self.database.insert("reviews", {
                "meeting_id": meeting_id, "subject": subject, "ref_id": ref_id, "outcome": outcome, "at": at.isoformat(),
                "done_on": done_on.isoformat() if done_on else None,
            })
            if subject == "action" and outcome in ("done", "dropped"):  # `ref_id` is the action's origin
                self.database.execute(
                    "UPDATE next_steps SET status = ? WHERE coalesce(origin_id, id) = ? AND current = 1", [outcome, ref_id]
                )

    def of(self, subject: str, ref_ids: list[int]) -> dict[int, list[Review]]:
        """Every review of these records, oldest first, by record id."""
        found: dict[int, list[Review]] = {}
        if not ref_ids:
            return found
        marks = ",".join("?" * len(ref_ids))
        rows = self.database.query(f"SELECT * FROM reviews WHERE subject = ? AND ref_id IN ({marks}) ORDER BY id", [subject, *ref_ids])
        for row in rows:
            found.setdefault(row["ref_id"], []).append(Review.from_row(row))
        return found


class BallotRecords(Repository):
    """Votes from phones in the room (`/vote`): the proposal, the method and the counts only
    (never who chose what), kept as they come in, so that a crash loses none of them."""

    def open(self, meeting_id: int, item_id: int, proposal: str, method: str, choices: list[str], *, at: datetime) -> int:
        return self.database.insert("ballots", {
            "meeting_id": meeting_id, "item_id": item_id, "proposal": proposal, "method": method,
            "counts": json.dumps({choice: 0 for choice in choices}), "opened_at": at.isoformat(),
        })

    def cast(self, ballot_id: int, choice: str) -> dict[str, int] | None:
        """One more for `choice`; the counts after it, or None when the vote is closed (or the
        choice is not one of its answers). Inside a command's transaction."""
        row = self.database.execute("SELECT counts FROM ballots WHERE id = ? AND closed_at IS NULL", [ballot_id]).fetchone()
        if row is None:
            return None
        counts: dict[str, int] = json.loads(row[0])
        if choice not in counts:
            return None
        counts[choice] += 1
        self.database.execute("UPDATE ballots SET counts = ? WHERE id = ?", [json.dumps(counts), ballot_id])
        return counts

    def close(self, ballot_id: int, closed_as: str, *, at: datetime, decision_id: int | None = None) -> None:
        """`recorded` (as `decision_id`), `closed` unrecorded, or `interrupted` by a restart."""
        self.database.execute(
            "UPDATE ballots SET closed_at = ?, closed_as = ?, decision_id = ? WHERE id = ? AND closed_at IS NULL",
            [at.isoformat(), closed_as, decision_id, ballot_id],
        )

    def still_open(self, meeting_id: int) -> list[dict[str, Any]]:
        rows = self.database.query("SELECT * FROM ballots WHERE meeting_id = ? AND closed_at IS NULL ORDER BY id", [meeting_id])
        return [{**row, "counts": json.loads(row["counts"])} for row in rows]
