"""Records of the facilitation activities: decisions, next steps, speaking turns and the rest."""

from __future__ import annotations

import json
from datetime import date, datetime

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
from facilitator.store.core import MeetingRecords


_DECISION_FIELDS = set(Decision.__struct_fields__)


class ActivityRecords(MeetingRecords):
    """What the facilitation activities write and read, on top of the meeting records."""

    def add_decision(self, meeting_id: int, item_id: int, text: str, *, at: datetime, **details: object) -> Decision:
        """Store a decision; `details` are the other `Decision` fields (method, tally, quorum, ...)."""
        data: dict[str, object] = {"meeting_id": meeting_id, "item_id": item_id, "text": text, "created_at": at.isoformat()}
        for key, value in details.items():
            if key not in _DECISION_FIELDS:
                raise TypeError(f"unknown decision field {key!r}")
            if isinstance(value, date):
                value = value.isoformat()
            elif isinstance(value, list):
                value = json.dumps(value)
            elif isinstance(value, bool):
                value = int(value)
            data[key] = value
        return Decision.from_row(data, id=self._insert("decisions", data))

    def decisions(self, meeting_id: int) -> list[Decision]:
        return [Decision.from_row(row) for row in self.query("SELECT * FROM decisions WHERE meeting_id = ? ORDER BY id", [meeting_id])]

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
        return NextStep.from_row(data, id=self._insert("next_steps", data))

    def next_steps(self, meeting_id: int) -> list[NextStep]:
        return [NextStep.from_row(row) for row in self.query("SELECT * FROM next_steps WHERE meeting_id = ? ORDER BY id", [meeting_id])]

    def start_turn(self, meeting_id: int, item_id: int, person_id: int, *, at: datetime) -> Turn:
        """`person_id` has the floor from `at`; whoever had it stops then."""
        with self.atomic():
            self.end_turn(meeting_id, at=at)
            data = {"meeting_id": meeting_id, "item_id": item_id, "person_id": person_id, "started_at": at.isoformat()}
            turn_id = self._insert("turns", data)
        return Turn.from_row(data, id=turn_id)

    def end_turn(self, meeting_id: int, *, at: datetime) -> None:
        self.execute(
            "UPDATE turns SET ended_at = ? WHERE meeting_id = ? AND ended_at IS NULL", [at.isoformat(), meeting_id]
        )

    def open_turns(self, meeting_id: int) -> list[Turn]:
        """Turns not yet ended: the current speaker's, or one a crash left open."""
        sql = "SELECT * FROM turns WHERE meeting_id = ? AND ended_at IS NULL ORDER BY id"
        return [Turn.from_row(row) for row in self.query(sql, [meeting_id])]

    def turns(self, meeting_id: int) -> list[Turn]:
        return [Turn.from_row(row) for row in self.query("SELECT * FROM turns WHERE meeting_id = ? ORDER BY id", [meeting_id])]


    # Check-in rounds ---------------------------------------------------

    def checkin_seats(self, item_id: int) -> list[CheckinSeat]:
        sql = """
            SELECT o.position, o.created_at AS seated_at, a.answer, a.passed, a.at, p.* FROM checkin_order o
            JOIN people p ON p.id = o.person_id
            LEFT JOIN checkin_answers a ON a.item_id = o.item_id AND a.person_id = o.person_id
            WHERE o.item_id = ? ORDER BY o.position
        """
        return [CheckinSeat.from_row(row, person=Person.from_row(row)) for row in self.query(sql, [item_id])]

    def seat_checkin(self, meeting_id: int, item_id: int, person_ids: list[int], *, at: datetime) -> None:
        """Put people in the round after those already seated, in the order given."""
        start = self.execute("SELECT coalesce(max(position), 0) FROM checkin_order WHERE item_id = ?", [item_id]).fetchone()[0]
        self._insert_all(
            "checkin_order",
            (
                {"meeting_id": meeting_id, "item_id": item_id, "person_id": pid, "position": start + n, "created_at": at.isoformat()}
                for n, pid in enumerate(person_ids, start=1)
            ),
            conflict="OR IGNORE",
        )

    def reorder_checkin(self, item_id: int, person_ids: list[int]) -> None:
        """New places for people still waiting, after everyone who has spoken."""
        with self.atomic():
            done = self.execute(
                "SELECT count(*) FROM checkin_answers WHERE item_id = ?", [item_id]
            ).fetchone()[0]
            for n, pid in enumerate(person_ids, start=done + 1):
                self.execute(
                    "UPDATE checkin_order SET position = ? WHERE item_id = ? AND person_id = ?", [n + 10_000, item_id, pid]
                )
            self.execute("UPDATE checkin_order SET position = position - 10000 WHERE item_id = ? AND position > 10000", [item_id])

    def record_checkin(self, meeting_id: int, item_id: int, person_id: int, *, answer: str | None, passed: bool, at: datetime) -> None:
        self._upsert(
            "checkin_answers",
            {"item_id": item_id, "person_id": person_id, "meeting_id": meeting_id, "answer": answer, "passed": int(passed), "at": at.isoformat()},
            ("item_id", "person_id"),
        )

    def add_checkin_question(self, series_id: int, text: str, *, at: datetime) -> int:
        return self._insert("checkin_questions", {"series_id": series_id, "text": text, "created_at": at.isoformat()})

    def checkin_questions(self, series_id: int) -> list[tuple[int, str, str | None]]:
        """(id, text, when last used) for a series' saved questions, oldest first."""
        sql = """
            SELECT q.id, q.text, max(u.at) FROM checkin_questions q
            LEFT JOIN checkin_question_uses u ON u.question_id = q.id
            WHERE q.series_id = ? GROUP BY q.id ORDER BY q.id
        """
        return [tuple(row) for row in self.execute(sql, [series_id]).fetchall()]

    def use_checkin_question(self, question_id: int, meeting_id: int, item_id: int, *, at: datetime) -> None:
        self._upsert(
            "checkin_question_uses",
            {"question_id": question_id, "meeting_id": meeting_id, "item_id": item_id, "at": at.isoformat()},
            ("question_id", "item_id"),
        )

    def set_prompt(self, item_id: int, prompt: str) -> None:
        self._update("agenda_items", item_id, {"prompt": prompt})

    # Brainwriting ------------------------------------------------------

    def set_phase(self, item_id: int, phase: str) -> None:
        self._update("agenda_items", item_id, {"phase": phase})

    def set_author(self, entry_id: int, person_id: int) -> None:
        self._insert("idea_authors", {"entry_id": entry_id, "person_id": person_id}, conflict="OR REPLACE")

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
        return [Idea.from_row(row, number=n) for n, row in enumerate(self.query(sql, [item_id]), start=1)]

    def themes(self, item_id: int) -> list[Theme]:
        return [Theme.from_row(row) for row in self.query("SELECT id, name FROM themes WHERE item_id = ? ORDER BY id", [item_id])]

    def theme_id(self, meeting_id: int, item_id: int, name: str) -> int:
        """The theme of that name (any case) on this item, created if new."""
        for theme in self.themes(item_id):
            if theme.name.casefold() == name.casefold():
                return theme.id
        return self._insert("themes", {"meeting_id": meeting_id, "item_id": item_id, "name": name})

    def assign_theme(self, entry_ids: list[int], theme_id: int) -> None:
        self._insert_all("idea_themes", ({"entry_id": e, "theme_id": theme_id} for e in entry_ids), conflict="OR REPLACE")

    def rename_theme(self, theme_id: int, name: str) -> None:
        self._update("themes", theme_id, {"name": name})

    def merge_themes(self, from_id: int, into_id: int) -> None:
        with self.atomic():
            self.execute("UPDATE idea_themes SET theme_id = ? WHERE theme_id = ?", [into_id, from_id])
            self.execute("DELETE FROM themes WHERE id = ?", [from_id])

    def set_dots(self, item_id: int, person_id: int, entry_ids: list[int], *, at: datetime) -> None:
        """Replace a person's dots on this item (one row per dot)."""
        with self.atomic():
            self.execute("DELETE FROM dots WHERE item_id = ? AND person_id = ?", [item_id, person_id])
            self._insert_all(
                "dots",
                ({"item_id": item_id, "person_id": person_id, "entry_id": e, "at": at.isoformat()} for e in entry_ids),
            )

    def dots_by_person(self, item_id: int) -> dict[int, int]:
        rows = self.execute("SELECT person_id, count(*) FROM dots WHERE item_id = ? GROUP BY person_id", [item_id])
        return dict(rows.fetchall())

    # Carry-over and review ---------------------------------------------

    def earlier_meetings(self, meeting_id: int) -> list[dict]:
        """The series' other meetings on or before this one's date, newest first."""
        sql = """
            SELECT o.id, o.title, o.date FROM meetings m JOIN meetings o ON o.series_id = m.series_id
            WHERE m.id = ? AND o.id != m.id AND (o.date < m.date OR (o.date = m.date AND o.id < m.id))
            ORDER BY o.date DESC, o.id DESC
        """
        return list(self.query(sql, [meeting_id]))

    def add_review(self, meeting_id: int, subject: str, ref_id: int, outcome: str, *, at: datetime) -> None:
        with self.atomic():
            self._insert(
                "reviews",
                {"meeting_id": meeting_id, "subject": subject, "ref_id": ref_id, "outcome": outcome, "at": at.isoformat()}
            )
            if subject == "action" and outcome in ("done", "dropped"):
                self._update("next_steps", ref_id, {"status": outcome})

    def reviews(self, subject: str, ref_ids: list[int]) -> dict[int, list[Review]]:
        """Every review of these records, oldest first, by record id."""
        found: dict[int, list[Review]] = {}
        if not ref_ids:
            return found
        marks = ",".join("?" * len(ref_ids))
        rows = self.query(f"SELECT * FROM reviews WHERE subject = ? AND ref_id IN ({marks}) ORDER BY id", [subject, *ref_ids])
        for row in rows:
            found.setdefault(row["ref_id"], []).append(Review.from_row(row))
        return found

    def _rows_of_meetings(self, table: str, meeting_ids: list[int], where: str = "") -> list[dict]:
        """Rows of `table` belonging to any of these meetings, oldest first."""
        if not meeting_ids:
            return []
        marks = ",".join("?" * len(meeting_ids))
        return self.query(f"SELECT * FROM {table} WHERE {where}meeting_id IN ({marks}) ORDER BY id", meeting_ids)

    def parked(self, meeting_ids: list[int]) -> list[Entry]:
        return [Entry.from_row(row) for row in self._rows_of_meetings("entries", meeting_ids, "kind = 'park' AND ")]

    def next_steps_of(self, meeting_ids: list[int]) -> list[NextStep]:
        return [NextStep.from_row(row) for row in self._rows_of_meetings("next_steps", meeting_ids)]

    def decisions_of(self, meeting_ids: list[int]) -> list[Decision]:
        return [Decision.from_row(row) for row in self._rows_of_meetings("decisions", meeting_ids)]

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
        return EvaluationEntry(id=self._insert("evaluations", data), item_id=item_id, kind=kind, text=text, ratings=ratings, at=at)

    def evaluations(self, meeting_id: int) -> list[EvaluationEntry]:
        rows = self.query("SELECT * FROM evaluations WHERE meeting_id = ? ORDER BY id", [meeting_id])
        return [EvaluationEntry.from_row(row) for row in rows]

    # Everyone heard ----------------------------------------------------

    def raise_hand(self, meeting_id: int, person_id: int, *, at: datetime) -> bool:
        """Add to the queue; False when the person's hand is already up."""
        if self.execute(
            "SELECT 1 FROM speaker_queue WHERE meeting_id = ? AND person_id = ? AND called_at IS NULL", [meeting_id, person_id]
        ).fetchone():
            return False
        self._insert("speaker_queue", {"meeting_id": meeting_id, "person_id": person_id, "raised_at": at.isoformat()})
        return True

    def hands_up(self, meeting_id: int) -> list[tuple[int, datetime]]:
        rows = self.execute(
            "SELECT person_id, raised_at FROM speaker_queue WHERE meeting_id = ? AND called_at IS NULL ORDER BY raised_at, id",
            [meeting_id],
        ).fetchall()
        return [(pid, datetime.fromisoformat(at)) for pid, at in rows]

    def call_from_queue(self, meeting_id: int, person_id: int, *, at: datetime) -> None:
        self.execute(
            "UPDATE speaker_queue SET called_at = ? WHERE meeting_id = ? AND person_id = ? AND called_at IS NULL",
            [at.isoformat(), meeting_id, person_id],
        )

    def set_queue_mode(self, meeting_id: int, mode: str) -> None:
        self._update("meetings", meeting_id, {"queue_mode": mode})

    def queue_mode(self, meeting_id: int) -> str:
        row = self.execute("SELECT queue_mode FROM meetings WHERE id = ?", [meeting_id]).fetchone()
        return (row[0] if row else None) or "first-come"

    def series_sectors(self, series_id: int | None) -> list[str] | None:
        """The sectors this series expects at the table; None means the usual list."""
        if series_id is None:
            return None
        row = self.execute("SELECT sectors FROM series WHERE id = ?", [series_id]).fetchone()
        return json.loads(row[0]) if row and row[0] else None

    def set_series_sectors(self, series_id: int, sectors: list[str] | None) -> None:
        self._update("series", series_id, {"sectors": json.dumps(sectors) if sectors else None})

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
        row = self.execute(sql, {"m": meeting_id}).fetchone()
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
        return list(self.query(sql, {"q": match, "limit": limit}))

    def decision_log(self, series: str | None = None) -> list[dict]:
        sql = """
            SELECT m.date, m.title AS meeting, s.name AS series, d.* FROM decisions d
            JOIN meetings m ON m.id = d.meeting_id LEFT JOIN series s ON s.id = m.series_id
            WHERE :series IS NULL OR s.name = :series ORDER BY m.date, d.id
        """
        return list(self.query(sql, {"series": series}))

    # Seats -------------------------------------------------------------

    def open_seat(self, meeting_id: int, pid: int, *, at: datetime) -> int:
        return self._insert(
            "seats",
            {"meeting_id": meeting_id, "pid": pid, "opened_at": at.isoformat(), "seen_at": at.isoformat()}
        )

    def seat_alive(self, seat_id: int, *, at: datetime) -> None:
        self._update("seats", seat_id, {"seen_at": at.isoformat()})

    def close_seat(self, seat_id: int) -> None:
        self.execute("DELETE FROM seats WHERE id = ?", [seat_id])

    def live_seats(self, meeting_id: int, *, since: datetime) -> int:
        """Seats on this meeting that said they were alive after `since`."""
        row = self.execute(
            "SELECT count(*) FROM seats WHERE meeting_id = ? AND seen_at >= ?", [meeting_id, since.isoformat()]
        ).fetchone()
        return row[0]
