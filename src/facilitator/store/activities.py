"""Records of the facilitation activities: decisions, next steps, speaking turns and the rest."""

from __future__ import annotations

import json
from datetime import date, datetime

import sqlite_utils

from facilitator.models import (
    CheckinSeat,
    Decision,
    Entry,
    EvaluationEntry,
    Idea,
    NextStep,
    Person,
    Review,
    Theme,
    Turn,
)


class ActivityRecords:
    db: sqlite_utils.Database

    def add_decision(self, meeting_id: int, item_id: int, text: str, *, at: datetime, **details: object) -> Decision:
        """Store a decision; `details` are the other `Decision` fields (method, tally, quorum, ...)."""
        data: dict[str, object] = {"meeting_id": meeting_id, "item_id": item_id, "text": text, "created_at": at.isoformat()}
        for key, value in details.items():
            if key not in Decision.model_fields:
                raise TypeError(f"unknown decision field {key!r}")
            if isinstance(value, date):
                value = value.isoformat()
            elif isinstance(value, list):
                value = json.dumps(value)
            elif isinstance(value, bool):
                value = int(value)
            data[key] = value
        return Decision(id=self.db["decisions"].insert(data).last_pk, **{**data, **details})

    def decisions(self, meeting_id: int) -> list[Decision]:
        return [Decision(**row) for row in self.db["decisions"].rows_where("meeting_id = ?", [meeting_id], order_by="id")]

    def add_next_step(self, meeting_id: int, item_id: int, text: str, *, at: datetime, owner: Person | None = None,
                      owner_name: str | None = None, due: date | None = None) -> NextStep:
        data = {
            "meeting_id": meeting_id,
            "item_id": item_id,
            "text": text,
            "owner_id": owner.id if owner else None,
            "owner_name": owner.name if owner else owner_name,
            "due": due.isoformat() if due else None,
            "status": "open",
            "created_at": at.isoformat(),
        }
        return NextStep(id=self.db["next_steps"].insert(data).last_pk, **data)

    def next_steps(self, meeting_id: int) -> list[NextStep]:
        return [NextStep(**row) for row in self.db["next_steps"].rows_where("meeting_id = ?", [meeting_id], order_by="id")]

    def start_turn(self, meeting_id: int, item_id: int, person_id: int, *, at: datetime) -> Turn:
        """`person_id` has the floor from `at`; whoever had it stops then."""
        with self.db.atomic():
            self.end_turn(meeting_id, at=at)
            data = {"meeting_id": meeting_id, "item_id": item_id, "person_id": person_id, "started_at": at.isoformat()}
            turn_id = self.db["turns"].insert(data).last_pk
        return Turn(id=turn_id, **data)

    def end_turn(self, meeting_id: int, *, at: datetime) -> None:
        self.db.execute(
            "UPDATE turns SET ended_at = ? WHERE meeting_id = ? AND ended_at IS NULL", [at.isoformat(), meeting_id]
        )

    def turns(self, meeting_id: int) -> list[Turn]:
        return [Turn(**row) for row in self.db["turns"].rows_where("meeting_id = ?", [meeting_id], order_by="id")]


    # Check-in rounds ---------------------------------------------------

    def checkin_seats(self, item_id: int) -> list[CheckinSeat]:
        sql = """
            SELECT o.position, o.created_at AS seated_at, a.answer, a.passed, a.at, p.* FROM checkin_order o
            JOIN people p ON p.id = o.person_id
            LEFT JOIN checkin_answers a ON a.item_id = o.item_id AND a.person_id = o.person_id
            WHERE o.item_id = ? ORDER BY o.position
        """
        seats = []
        for row in self.db.query(sql, [item_id]):
            seat = {key: row.pop(key) for key in ("position", "seated_at", "answer", "passed", "at")}
            seats.append(CheckinSeat(person=Person(**row), **{**seat, "passed": bool(seat["passed"])}))
        return seats

    def seat_checkin(self, meeting_id: int, item_id: int, person_ids: list[int], *, at: datetime) -> None:
        """Put people in the round after those already seated, in the order given."""
        start = self.db.execute("SELECT coalesce(max(position), 0) FROM checkin_order WHERE item_id = ?", [item_id]).fetchone()[0]
        self.db["checkin_order"].insert_all(
            (
                {"meeting_id": meeting_id, "item_id": item_id, "person_id": pid, "position": start + n, "created_at": at.isoformat()}
                for n, pid in enumerate(person_ids, start=1)
            ),
            ignore=True,
        )

    def reorder_checkin(self, item_id: int, person_ids: list[int]) -> None:
        """New places for people still waiting, after everyone who has spoken."""
        with self.db.atomic():
            done = self.db.execute(
                "SELECT count(*) FROM checkin_answers WHERE item_id = ?", [item_id]
            ).fetchone()[0]
            for n, pid in enumerate(person_ids, start=done + 1):
                self.db.execute(
                    "UPDATE checkin_order SET position = ? WHERE item_id = ? AND person_id = ?", [n + 10_000, item_id, pid]
                )
            self.db.execute("UPDATE checkin_order SET position = position - 10000 WHERE item_id = ? AND position > 10000", [item_id])

    def record_checkin(self, meeting_id: int, item_id: int, person_id: int, *, answer: str | None, passed: bool, at: datetime) -> None:
        self.db["checkin_answers"].upsert(
            {"item_id": item_id, "person_id": person_id, "meeting_id": meeting_id, "answer": answer, "passed": int(passed), "at": at.isoformat()},
            pk=("item_id", "person_id"),
        )

    def add_checkin_question(self, series_id: int, text: str, *, at: datetime) -> int:
        return self.db["checkin_questions"].insert({"series_id": series_id, "text": text, "created_at": at.isoformat()}).last_pk

    def checkin_questions(self, series_id: int) -> list[tuple[int, str, str | None]]:
        """(id, text, when last used) for a series' saved questions, oldest first."""
        sql = """
            SELECT q.id, q.text, max(u.at) FROM checkin_questions q
            LEFT JOIN checkin_question_uses u ON u.question_id = q.id
            WHERE q.series_id = ? GROUP BY q.id ORDER BY q.id
        """
        return [tuple(row) for row in self.db.execute(sql, [series_id]).fetchall()]

    def use_checkin_question(self, question_id: int, meeting_id: int, item_id: int, *, at: datetime) -> None:
        self.db["checkin_question_uses"].upsert(
            {"question_id": question_id, "meeting_id": meeting_id, "item_id": item_id, "at": at.isoformat()},
            pk=("question_id", "item_id"),
        )

    def set_prompt(self, item_id: int, prompt: str) -> None:
        self.db["agenda_items"].update(item_id, {"prompt": prompt})

    # Brainwriting ------------------------------------------------------

    def set_phase(self, item_id: int, phase: str) -> None:
        self.db["agenda_items"].update(item_id, {"phase": phase})

    def set_author(self, entry_id: int, person_id: int) -> None:
        self.db["idea_authors"].insert({"entry_id": entry_id, "person_id": person_id}, replace=True)

    def ideas(self, item_id: int) -> list[Idea]:
        """An item's ideas, numbered in the order they were written."""
        sql = """
            SELECT e.id, e.text, t.name AS theme, p.name AS author,
                   (SELECT count(*) FROM dots d WHERE d.entry_id = e.id) AS dots
            FROM entries e
            LEFT JOIN idea_themes it ON it.entry_id = e.id
            LEFT JOIN themes t ON t.id = it.theme_id
            LEFT JOIN idea_authors ia ON ia.entry_id = e.id
            LEFT JOIN people p ON p.id = ia.person_id
            WHERE e.item_id = ? AND e.kind = 'idea' ORDER BY e.id
        """
        return [Idea(number=n, **row) for n, row in enumerate(self.db.query(sql, [item_id]), start=1)]

    def themes(self, item_id: int) -> list[Theme]:
        return [Theme(id=row["id"], name=row["name"]) for row in self.db["themes"].rows_where("item_id = ?", [item_id], order_by="id")]

    def theme_id(self, meeting_id: int, item_id: int, name: str) -> int:
        """The theme of that name (any case) on this item, created if new."""
        for theme in self.themes(item_id):
            if theme.name.casefold() == name.casefold():
                return theme.id
        return self.db["themes"].insert({"meeting_id": meeting_id, "item_id": item_id, "name": name}).last_pk

    def assign_theme(self, entry_ids: list[int], theme_id: int) -> None:
        self.db["idea_themes"].insert_all(({"entry_id": e, "theme_id": theme_id} for e in entry_ids), replace=True)

    def rename_theme(self, theme_id: int, name: str) -> None:
        self.db["themes"].update(theme_id, {"name": name})

    def merge_themes(self, from_id: int, into_id: int) -> None:
        with self.db.atomic():
            self.db.execute("UPDATE idea_themes SET theme_id = ? WHERE theme_id = ?", [into_id, from_id])
            self.db.execute("DELETE FROM themes WHERE id = ?", [from_id])

    def set_dots(self, item_id: int, person_id: int, entry_ids: list[int], *, at: datetime) -> None:
        """Replace a person's dots on this item (one row per dot)."""
        with self.db.atomic():
            self.db.execute("DELETE FROM dots WHERE item_id = ? AND person_id = ?", [item_id, person_id])
            self.db["dots"].insert_all(
                {"item_id": item_id, "person_id": person_id, "entry_id": e, "at": at.isoformat()} for e in entry_ids
            )

    def dots_by_person(self, item_id: int) -> dict[int, int]:
        rows = self.db.execute("SELECT person_id, count(*) FROM dots WHERE item_id = ? GROUP BY person_id", [item_id])
        return dict(rows.fetchall())

    # Carry-over and review ---------------------------------------------

    def earlier_meetings(self, meeting_id: int) -> list[dict]:
        """The series' other meetings on or before this one's date, newest first."""
        sql = """
            SELECT o.id, o.title, o.date FROM meetings m JOIN meetings o ON o.series_id = m.series_id
            WHERE m.id = ? AND o.id != m.id AND (o.date < m.date OR (o.date = m.date AND o.id < m.id))
            ORDER BY o.date DESC, o.id DESC
        """
        return list(self.db.query(sql, [meeting_id]))

    def add_review(self, meeting_id: int, subject: str, ref_id: int, outcome: str, *, at: datetime) -> None:
        with self.db.atomic():
            self.db["reviews"].insert(
                {"meeting_id": meeting_id, "subject": subject, "ref_id": ref_id, "outcome": outcome, "at": at.isoformat()}
            )
            if subject == "action" and outcome in ("done", "dropped"):
                self.db["next_steps"].update(ref_id, {"status": outcome})

    def reviews(self, subject: str, ref_ids: list[int]) -> dict[int, list[Review]]:
        """Every review of these records, oldest first, by record id."""
        found: dict[int, list[Review]] = {}
        if not ref_ids:
            return found
        marks = ",".join("?" * len(ref_ids))
        rows = self.db["reviews"].rows_where(f"subject = ? AND ref_id IN ({marks})", [subject, *ref_ids], order_by="id")
        for row in rows:
            found.setdefault(row["ref_id"], []).append(Review(**{k: row[k] for k in Review.model_fields}))
        return found

    def _rows_of_meetings(self, table: str, meeting_ids: list[int], where: str = "") -> list[dict]:
        """Rows of `table` belonging to any of these meetings, oldest first."""
        if not meeting_ids:
            return []
        marks = ",".join("?" * len(meeting_ids))
        return list(self.db[table].rows_where(f"{where}meeting_id IN ({marks})", meeting_ids, order_by="id"))

    def parked(self, meeting_ids: list[int]) -> list[Entry]:
        return [Entry(**row) for row in self._rows_of_meetings("entries", meeting_ids, "kind = 'park' AND ")]

    def next_steps_of(self, meeting_ids: list[int]) -> list[NextStep]:
        return [NextStep(**row) for row in self._rows_of_meetings("next_steps", meeting_ids)]

    def decisions_of(self, meeting_ids: list[int]) -> list[Decision]:
        return [Decision(**row) for row in self._rows_of_meetings("decisions", meeting_ids)]

    # Evaluation --------------------------------------------------------

    def add_evaluation(self, meeting_id: int, item_id: int, kind: str, *, at: datetime, text: str | None = None, ratings: list[int] | None = None) -> EvaluationEntry:
        data = {
            "meeting_id": meeting_id,
            "item_id": item_id,
            "kind": kind,
            "text": text,
            "ratings": json.dumps(ratings) if ratings is not None else None,
            "at": at.isoformat(),
        }
        return EvaluationEntry(id=self.db["evaluations"].insert(data).last_pk, item_id=item_id, kind=kind, text=text, ratings=ratings, at=at)

    def evaluations(self, meeting_id: int) -> list[EvaluationEntry]:
        rows = self.db["evaluations"].rows_where("meeting_id = ?", [meeting_id], order_by="id")
        return [EvaluationEntry(**{k: row[k] for k in EvaluationEntry.model_fields}) for row in rows]

    # Everyone heard ----------------------------------------------------

    def raise_hand(self, meeting_id: int, person_id: int, *, at: datetime) -> bool:
        """Add to the queue; False when the person's hand is already up."""
        if self.db.execute(
            "SELECT 1 FROM speaker_queue WHERE meeting_id = ? AND person_id = ? AND called_at IS NULL", [meeting_id, person_id]
        ).fetchone():
            return False
        self.db["speaker_queue"].insert({"meeting_id": meeting_id, "person_id": person_id, "raised_at": at.isoformat()})
        return True

    def hands_up(self, meeting_id: int) -> list[tuple[int, datetime]]:
        rows = self.db.execute(
            "SELECT person_id, raised_at FROM speaker_queue WHERE meeting_id = ? AND called_at IS NULL ORDER BY raised_at, id",
            [meeting_id],
        ).fetchall()
        return [(pid, datetime.fromisoformat(at)) for pid, at in rows]

    def call_from_queue(self, meeting_id: int, person_id: int, *, at: datetime) -> None:
        self.db.execute(
            "UPDATE speaker_queue SET called_at = ? WHERE meeting_id = ? AND person_id = ? AND called_at IS NULL",
            [at.isoformat(), meeting_id, person_id],
        )

    def set_queue_mode(self, meeting_id: int, mode: str) -> None:
        self.db["meetings"].update(meeting_id, {"queue_mode": mode})

    def queue_mode(self, meeting_id: int) -> str:
        row = self.db.execute("SELECT queue_mode FROM meetings WHERE id = ?", [meeting_id]).fetchone()
        return (row[0] if row else None) or "first-come"

    def series_sectors(self, series_id: int | None) -> list[str] | None:
        """The sectors this series expects at the table; None means the usual list."""
        if series_id is None:
            return None
        row = self.db.execute("SELECT sectors FROM series WHERE id = ?", [series_id]).fetchone()
        return json.loads(row[0]) if row and row[0] else None

    def set_series_sectors(self, series_id: int, sectors: list[str] | None) -> None:
        self.db["series"].update(series_id, {"sectors": json.dumps(sectors) if sectors else None})

    def last_known_moment(self, meeting_id: int) -> datetime | None:
        """The latest time anything was written for this meeting: where a crash cut it off."""
        sql = """
            SELECT max(t) FROM (
                SELECT max(created_at) AS t FROM entries WHERE meeting_id = :m
                UNION ALL SELECT max(at) FROM clock_events WHERE meeting_id = :m
                UNION ALL SELECT max(coalesce(ended_at, started_at)) FROM turns WHERE meeting_id = :m
                UNION ALL SELECT max(at) FROM checkin_answers WHERE meeting_id = :m
                UNION ALL SELECT max(created_at) FROM decisions WHERE meeting_id = :m
                UNION ALL SELECT max(created_at) FROM next_steps WHERE meeting_id = :m
                UNION ALL SELECT max(at) FROM attendance WHERE meeting_id = :m
                UNION ALL SELECT max(at) FROM evaluations WHERE meeting_id = :m
                UNION ALL SELECT max(raised_at) FROM speaker_queue WHERE meeting_id = :m
                UNION ALL SELECT max(seen_at) FROM seats WHERE meeting_id = :m
            )
        """
        row = self.db.execute(sql, {"m": meeting_id}).fetchone()
        return datetime.fromisoformat(row[0]) if row and row[0] else None

    # Across meetings ---------------------------------------------------

    def search(self, query: str, *, limit: int = 50) -> list[dict]:
        """Notes, ideas, parked items, decisions and next steps matching every word of `query`."""
        words = query.split()
        if not words:
            return []
        match = " ".join('"' + word.replace('"', '""') + '"' for word in words)
        sql = """
            SELECT * FROM (
                SELECT e.kind AS kind, e.text AS text, e.created_at AS at, m.id AS meeting_id, m.title AS meeting, m.date AS date
                FROM entries_fts f JOIN entries e ON e.rowid = f.rowid JOIN meetings m ON m.id = e.meeting_id
                WHERE entries_fts MATCH :q
                UNION ALL
                SELECT 'decision', d.text, d.created_at, m.id, m.title, m.date
                FROM decisions_fts f JOIN decisions d ON d.rowid = f.rowid JOIN meetings m ON m.id = d.meeting_id
                WHERE decisions_fts MATCH :q
                UNION ALL
                SELECT 'action', n.text, n.created_at, m.id, m.title, m.date
                FROM next_steps_fts f JOIN next_steps n ON n.rowid = f.rowid JOIN meetings m ON m.id = n.meeting_id
                WHERE next_steps_fts MATCH :q
            ) ORDER BY date DESC, at DESC LIMIT :limit
        """
        return list(self.db.query(sql, {"q": match, "limit": limit}))

    def decision_log(self, series: str | None = None) -> list[dict]:
        sql = """
            SELECT m.date, m.title AS meeting, s.name AS series, d.* FROM decisions d
            JOIN meetings m ON m.id = d.meeting_id LEFT JOIN series s ON s.id = m.series_id
            WHERE :series IS NULL OR s.name = :series ORDER BY m.date, d.id
        """
        return list(self.db.query(sql, {"series": series}))

    # Seats -------------------------------------------------------------

    def open_seat(self, meeting_id: int, pid: int, *, at: datetime) -> int:
        return self.db["seats"].insert(
            {"meeting_id": meeting_id, "pid": pid, "opened_at": at.isoformat(), "seen_at": at.isoformat()}
        ).last_pk

    def seat_alive(self, seat_id: int, *, at: datetime) -> None:
        self.db["seats"].update(seat_id, {"seen_at": at.isoformat()})

    def close_seat(self, seat_id: int) -> None:
        self.db.execute("DELETE FROM seats WHERE id = ?", [seat_id])

    def live_seats(self, meeting_id: int, *, since: datetime) -> int:
        """Seats on this meeting that said they were alive after `since`."""
        row = self.db.execute(
            "SELECT count(*) FROM seats WHERE meeting_id = ? AND seen_at >= ?", [meeting_id, since.isoformat()]
        ).fetchone()
        return row[0]
