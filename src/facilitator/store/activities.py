"""Records of the facilitation activities: decisions, next steps, speaking turns and the rest."""

from __future__ import annotations

from datetime import date, datetime

import sqlite_utils

from facilitator.models import Decision, NextStep, Person, Turn


class ActivityRecords:
    db: sqlite_utils.Database

    def add_decision(self, meeting_id: int, item_id: int, text: str, *, at: datetime, outcome: str | None = None,
                     votes_for: int | None = None, votes_against: int | None = None, votes_abstain: int | None = None) -> Decision:
        data = {
            "meeting_id": meeting_id,
            "item_id": item_id,
            "text": text,
            "outcome": outcome,
            "votes_for": votes_for,
            "votes_against": votes_against,
            "votes_abstain": votes_abstain,
            "created_at": at.isoformat(),
        }
        return Decision(id=self.db["decisions"].insert(data).last_pk, **data)

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

