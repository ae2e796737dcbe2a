"""Speaking turns and the speaker queue: who had the floor, from when to when, and who waits."""

from __future__ import annotations

from datetime import datetime

from facilitator.models import Turn
from facilitator.store.database import Repository


class VoiceRecords(Repository):
    """Turns (one person holding the floor) and raised hands."""

    def start_turn(self, meeting_id: int, item_id: int, person_id: int, *, at: datetime) -> Turn:
        """`person_id` has the floor from `at`; whoever had it stops then."""
        with self.database.atomic():
            self.end_turn(meeting_id, at=at)
            data = {"meeting_id": meeting_id, "item_id": item_id, "person_id": person_id, "started_at": at.isoformat()}
            turn_id = self.database.insert("turns", data)
        return Turn.from_row(data, id=turn_id)

    def end_turn(self, meeting_id: int, *, at: datetime) -> None:
        """Whoever has the floor stops at `at`; a turn that lasted no time at all was no turn."""
        with self.database.atomic():
            stamp = at.isoformat()
            self.database.execute("DELETE FROM turns WHERE meeting_id = ? AND ended_at IS NULL AND started_at >= ?", [meeting_id, stamp])
            self.database.execute("UPDATE turns SET ended_at = ? WHERE meeting_id = ? AND ended_at IS NULL", [stamp, meeting_id])

    def discard_open_turn(self, meeting_id: int, person_id: int) -> None:
        """Forget the turn `person_id` was given but did not take (a pass, or not here)."""
        self.database.execute(
            "DELETE FROM turns WHERE meeting_id = ? AND person_id = ? AND ended_at IS NULL", [meeting_id, person_id]
        )

    def reassign_turn(self, item_id: int, person_id: int, to: int, *, ended_at: datetime) -> None:
        """The turn `person_id` held on this item until `ended_at` was really `to`'s (a check-in
        answer credited to the wrong person). The first of their turns to end then or after: an
        answer and the end of its turn now share one time; in older records they were read a moment apart."""
        self.database.execute(
            "UPDATE turns SET person_id = ? WHERE id = (SELECT id FROM turns WHERE item_id = ? AND person_id = ? AND ended_at >= ? "
            "ORDER BY ended_at LIMIT 1)",
            [to, item_id, person_id, ended_at.isoformat()],
        )

    def open_turns(self, meeting_id: int) -> list[Turn]:
        """Turns not yet ended: the current speaker's, or one a crash left open."""
        sql = "SELECT * FROM turns WHERE meeting_id = ? AND ended_at IS NULL ORDER BY id"
        return [Turn.from_row(row) for row in self.database.query(sql, [meeting_id])]

    def turns(self, meeting_id: int) -> list[Turn]:
        rows = self.database.query("SELECT * FROM turns WHERE meeting_id = ? ORDER BY id", [meeting_id])
        return [Turn.from_row(row) for row in rows]

    # The speaker queue -------------------------------------------------

    def raise_hand(self, meeting_id: int, person_id: int, *, at: datetime) -> bool:
        """Add to the queue; False when the person's hand is already up."""
        if self.database.execute(
            "SELECT 1 FROM speaker_queue WHERE meeting_id = ? AND person_id = ? AND called_at IS NULL", [meeting_id, person_id]
        ).fetchone():
            return False
        self.database.insert("speaker_queue", {"meeting_id": meeting_id, "person_id": person_id, "raised_at": at.isoformat()})
        return True

    def hands_up(self, meeting_id: int) -> list[tuple[int, datetime]]:
        rows = self.database.execute(
            "SELECT person_id, raised_at FROM speaker_queue WHERE meeting_id = ? AND called_at IS NULL ORDER BY raised_at, id",
            [meeting_id],
        ).fetchall()
        return [(pid, datetime.fromisoformat(at)) for pid, at in rows]

    def call_from_queue(self, meeting_id: int, person_id: int, *, at: datetime) -> None:
        self.database.execute(
            "UPDATE speaker_queue SET called_at = ? WHERE meeting_id = ? AND person_id = ? AND called_at IS NULL",
            [at.isoformat(), meeting_id, person_id],
        )
