"""Series and meetings: creating a meeting from a template, its settings and its roles."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from facilitator.clock import replay
from facilitator.models import AgendaItem, Meeting, Person
from facilitator.store.database import Repository, StoreError
from facilitator.store.series import clock_events

if TYPE_CHECKING:
    from facilitator.templates import AgendaTemplate

_MEETING_SQL = "SELECT m.*, s.name AS series_name FROM meetings m LEFT JOIN series s ON s.id = m.series_id"
_STANDING_APPROVALS = """FROM minutes_approvals a
    JOIN decisions d ON coalesce(d.origin_id, d.id) = a.decision_id AND d.current = 1 AND d.outcome IN ('adopted', 'amended')
    JOIN meetings m ON m.id = a.approving_meeting_id"""
"""Approvals whose decision still stands: not struck, still adopted, or adopted as amended."""


class Meetings(Repository):
    """Series (a coalition or workgroup) and the meetings that belong to them."""

    def series_id(self, name: str, *, at: datetime) -> int:
        """The id of the series called `name`, created if new."""
        row = self.database.execute("SELECT id FROM series WHERE name = ?", [name]).fetchone()
        if row:
            return int(row[0])
        return self.database.insert("series", {"name": name, "created_at": at.isoformat()})

    def ensure_series(self, meeting_id: int, *, at: datetime) -> int:
        """The meeting's series, created from its title when it has none: people persist per series."""
        meeting = self.get(meeting_id)
        if meeting.series_id is not None:
            return meeting.series_id
        base, name, n = meeting.title, meeting.title, 1
        while self.database.execute("SELECT 1 FROM series WHERE name = ?", [name]).fetchone():
            n += 1
            name = f"{base} ({n})"
        series_id = self.series_id(name, at=at)
        self.database.update("meetings", meeting_id, {"series_id": series_id})
        return series_id

    def create(
        self,
        template: AgendaTemplate,
        *,
        title: str,
        on: date,
        at: datetime,
        series: str | None = None,
        place: str = "",
        template_name: str = "",
    ) -> int:
        """Prepare a meeting from a template, all in one transaction; never in a file that fails
        SQLite's integrity check."""
        problem = self.database.quick_check()
        if problem is not None:
            raise StoreError(
                f"{self.database.path} fails SQLite's integrity check ({problem}); nothing was written. "
                "Restore a backup, or start a new database with --db."
            )
        with self.database.atomic():
            series_id = self.series_id(series, at=at) if series else None
            to_approve = self.minutes_to_approve(series_id, on) if series_id is not None else None
            last = self.last_of_series(series_id) if series_id is not None else None
            meeting_id = self.database.insert(
                "meetings",
                {
                    "series_id": series_id,
                    "title": title,
                    "date": on.isoformat(),
                    "place": place or (last.place if last is not None else ""),  # most series meet in one place
                    "template": template_name,
                    # The series' way of working carries on from its last meeting, not from the template.
                    "ground_rules": json.dumps(last.ground_rules if last is not None else template.ground_rules),
                    "quorum": last.quorum if last is not None else None,
                    "starts_at": last.starts_at if last is not None else None,
                    "length_minutes": template.length_minutes,
                    "created_at": at.isoformat(),
                },
            )
            if last is not None:
                self.database.execute(
                    """INSERT INTO meeting_roles (meeting_id, role, person_id)
                       SELECT ?, r.role, r.person_id FROM meeting_roles r JOIN people p ON p.id = r.person_id
                       WHERE r.meeting_id = ? AND p.retired_at IS NULL""",
                    [meeting_id, last.id],
                )
            rows: list[dict[str, Any]] = [
                {
                    "title": item.title,
                    "kind": item.kind.value,
                    "planned_minutes": item.minutes,
                    "prompt": item.prompt,
                    "speaker_seconds": round(item.speaker_minutes * 60),
                    "dot_budget": item.dots,
                    "questions": json.dumps(item.questions) if item.questions else None,
                    "review": int(item.review),
                    "document": item.document,
                    "document_title": item.document_title,
                    "part": item.part,
                }
                for item in template.items
            ]
            if to_approve is not None:  # after the opening item: the minutes are settled before new business
                rows.insert(min(1, len(rows)), approval_item(to_approve))
            self.database.insert_all(
                "agenda_items", ({"meeting_id": meeting_id, "position": n, **row} for n, row in enumerate(rows, start=1))
            )
        return meeting_id

    def last_of_series(self, series_id: int) -> Meeting | None:
        """The series' most recent meeting (by date, then by when it was prepared)."""
        rows = self.database.query(_MEETING_SQL + " WHERE m.series_id = ? ORDER BY m.date DESC, m.id DESC LIMIT 1", [series_id])
        return Meeting.from_row(rows[0]) if rows else None

    def minutes_to_approve(self, series_id: int, on: date) -> Meeting | None:
        """The series' latest meeting held before `on`, when its minutes have not been approved yet."""
        sql = _MEETING_SQL + """
            WHERE m.series_id = ? AND m.date <= ? AND EXISTS (SELECT 1 FROM clock_events e WHERE e.meeting_id = m.id AND e.kind = 'end')
            ORDER BY m.date DESC, m.id DESC LIMIT 1
        """
        rows = self.database.query(sql, [series_id, on.isoformat()])
        if not rows:
            return None
        latest = Meeting.from_row(rows[0])
        return None if self.approval(latest.id) is not None else latest

    def approval(self, meeting_id: int) -> dict[str, Any] | None:
        """How this meeting's minutes were approved (the latest approval whose decision still
        stands: not struck, still adopted or adopted as amended), with the approving meeting's
        date and title, and the minutes as approved (`outline`, `minutes_json`; None for minutes
        approved before they were kept); None while they are not approved."""
        sql = f"SELECT a.*, m.date AS meeting_date, m.title AS meeting_title {_STANDING_APPROVALS} WHERE a.meeting_id = ?"
        rows = self.database.query(sql + " ORDER BY a.approved_at DESC, a.id DESC LIMIT 1", [meeting_id])
        return rows[0] if rows else None

    def approved(self) -> set[int]:
        """The meetings whose minutes are approved."""
        return {row[0] for row in self.database.execute(f"SELECT a.meeting_id {_STANDING_APPROVALS}")}

    def approval_by(self, decision_origin: int) -> dict[str, Any] | None:
        """The approval a decision made, whether or not it still stands."""
        rows = self.database.query("SELECT * FROM minutes_approvals WHERE decision_id = ?", [decision_origin])
        return rows[0] if rows else None

    def approve(
        self, meeting_id: int, decision_origin: int, approving_meeting_id: int, *, at: datetime, outcome: str, method: str | None,
        quorum: tuple[int | None, int | None, bool | None], outline: str, minutes_json: str,
    ) -> int:
        """Keep the minutes of `meeting_id` as approved by `decision_origin`: the outline every format
        renders from, and the JSON export, as they read at this moment."""
        present, needed, met = quorum
        return self.database.insert("minutes_approvals", {
            "meeting_id": meeting_id, "decision_id": decision_origin, "approving_meeting_id": approving_meeting_id,
            "approved_at": at.isoformat(), "outcome": outcome, "method": method, "quorum_present": present,
            "quorum_needed": needed, "quorum_met": None if met is None else int(met), "outline": outline, "minutes_json": minutes_json,
        })

    def get(self, meeting_id: int) -> Meeting:
        """The meeting with this id; `KeyError` when there is none."""
        rows = self.database.query(_MEETING_SQL + " WHERE m.id = ?", [meeting_id])
        if not rows:
            raise KeyError(meeting_id)
        return Meeting.from_row(rows[0])

    def all(self) -> list[Meeting]:
        """All meetings, newest first."""
        return [Meeting.from_row(row) for row in self.database.query(_MEETING_SQL + " ORDER BY m.date DESC, m.id DESC")]

    def statuses(self, now: datetime, series: str | None = None) -> dict[int, str]:
        """Each meeting's state as at `now` (not started, running, paused, ended), by id, from its
        clock; "ended, minutes approved" once a later meeting has approved them. Read in bulk."""
        where = ""
        if series is not None:
            where = " WHERE meeting_id IN (SELECT m.id FROM meetings m JOIN series s ON s.id = m.series_id WHERE s.name = :s)"
        items: dict[int, list[AgendaItem]] = defaultdict(list)
        for row in self.database.query("SELECT * FROM agenda_items" + where, {"s": series}):
            items[row["meeting_id"]].append(AgendaItem.from_row(row))
        events = clock_events(self.database.query("SELECT * FROM clock_events" + where + " ORDER BY meeting_id, at, id", {"s": series}))
        approved = self.approved()
        found = {}
        for meeting_id, meeting_items in items.items():
            status = replay(meeting_items, events.get(meeting_id, []), now).status.value
            found[meeting_id] = status + (", minutes approved" if meeting_id in approved else "")
        return found

    def earlier(self, meeting_id: int) -> list[dict[str, Any]]:
        """The series' other meetings on or before this one's date, newest first."""
        sql = """
            SELECT o.id, o.title, o.date FROM meetings m JOIN meetings o ON o.series_id = m.series_id
            WHERE m.id = ? AND o.id != m.id AND (o.date < m.date OR (o.date = m.date AND o.id < m.id))
            ORDER BY o.date DESC, o.id DESC
        """
        return self.database.query(sql, [meeting_id])

    # Settings ----------------------------------------------------------

    def set_details(self, meeting_id: int, *, title: str, on: date, place: str, starts_at: str | None, length_minutes: int | None) -> None:
        self.database.update("meetings", meeting_id, {
            "title": title, "date": on.isoformat(), "place": place, "starts_at": starts_at, "length_minutes": length_minutes,
        })

    def delete(self, meeting_id: int) -> None:
        """A meeting and everything recorded of it, gone; its series and the series' roster stay."""
        items = "SELECT id FROM agenda_items WHERE meeting_id = :m"
        entries = "SELECT id FROM entries WHERE meeting_id = :m"
        statements = [
            f"DELETE FROM idea_authors WHERE entry_id IN ({entries})",
            f"DELETE FROM idea_themes WHERE entry_id IN ({entries})",
            f"DELETE FROM note_speakers WHERE entry_id IN ({entries})",
            f"DELETE FROM dots WHERE item_id IN ({items})",
            f"DELETE FROM capture_numbers WHERE item_id IN ({items})",
            "DELETE FROM ballots WHERE meeting_id = :m",
            "DELETE FROM document_versions WHERE meeting_id = :m",
            "DELETE FROM minutes_approvals WHERE meeting_id = :m OR approving_meeting_id = :m",
            *(f"DELETE FROM {table} WHERE meeting_id = :m" for table in (
                "themes", "entries", "decisions", "next_steps", "evaluations", "checkin_answers", "checkin_order",
                "checkin_question_uses", "turns", "speaker_queue", "attendance", "meeting_roles", "reviews", "corrections",
                "clock_events", "seats",
            )),
            "UPDATE agenda_items SET approves_meeting_id = NULL WHERE approves_meeting_id = :m",
            "DELETE FROM agenda_items WHERE meeting_id = :m",
            "DELETE FROM meetings WHERE id = :m",
        ]
        with self.database.atomic():
            for sql in statements:
                self.database.execute(sql, {"m": meeting_id})

    def set_quorum(self, meeting_id: int, needed: int | None) -> None:
        self.database.update("meetings", meeting_id, {"quorum": needed})

    def set_ground_rules(self, meeting_id: int, rules: list[str]) -> None:
        self.database.update("meetings", meeting_id, {"ground_rules": json.dumps(rules)})

    def set_attribute_notes(self, meeting_id: int, on: bool) -> None:
        self.database.update("meetings", meeting_id, {"attribute_notes": int(on)})

    def set_queue_mode(self, meeting_id: int, mode: str) -> None:
        self.database.update("meetings", meeting_id, {"queue_mode": mode})

    def queue_mode(self, meeting_id: int) -> str:
        row = self.database.execute("SELECT queue_mode FROM meetings WHERE id = ?", [meeting_id]).fetchone()
        return str(row[0]) if row and row[0] else "first-come"

    # Roles -------------------------------------------------------------

    def set_role(self, meeting_id: int, role: str, person_id: int | None) -> None:
        if person_id is None:
            self.database.execute("DELETE FROM meeting_roles WHERE meeting_id = ? AND role = ?", [meeting_id, role])
        else:
            self.database.upsert(
                "meeting_roles", {"meeting_id": meeting_id, "role": role, "person_id": person_id}, ("meeting_id", "role")
            )

    def roles(self, meeting_id: int) -> dict[str, Person]:
        sql = """
            SELECT p.*, r.role AS meeting_role FROM meeting_roles r JOIN people p ON p.id = r.person_id
            WHERE r.meeting_id = ?
        """
        # Not `r.role`: people have a `role` column too (their role on the roster), and of two
        # columns with one name a row keeps only the last.
        return {row["meeting_role"]: Person.from_row(row) for row in self.database.query(sql, [meeting_id])}


def approval_item(meeting: Meeting) -> dict[str, Any]:
    """The consent item that approves an earlier meeting's minutes."""
    return {
        "title": f"Approve the minutes of {meeting.date.isoformat()}",
        "kind": "decision",
        "planned_minutes": 5,
        "prompt": (
            f"Corrections to the minutes of {meeting.title} ({meeting.date.isoformat()})? Note them, then approve by consent: "
            "/decide Approve the minutes outcome:adopted method:consent"
        ),
        "approves_meeting_id": meeting.id,
    }
