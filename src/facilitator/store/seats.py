"""Seats: each open live screen says it is alive, so a restart can tell a crash from a second seat."""

from __future__ import annotations

from datetime import datetime

from facilitator.store.database import Repository


class Seats(Repository):
    def open(self, meeting_id: int, pid: int, *, at: datetime, user: str = "") -> int:
        return self.database.insert(
            "seats", {"meeting_id": meeting_id, "pid": pid, "user": user, "opened_at": at.isoformat(), "seen_at": at.isoformat()}
        )

    def alive(self, seat_id: int, *, at: datetime) -> None:
        self.database.update("seats", seat_id, {"seen_at": at.isoformat()})

    def close(self, seat_id: int, *, at: datetime) -> None:
        """The seat is gone; its row stays, because corrections name the seat they came from."""
        self.database.update("seats", seat_id, {"closed_at": at.isoformat()})

    def live(self, meeting_id: int, *, since: datetime) -> int:
        """Seats on this meeting that said they were alive after `since`."""
        row = self.database.execute(
            "SELECT count(*) FROM seats WHERE meeting_id = ? AND closed_at IS NULL AND seen_at >= ?", [meeting_id, since.isoformat()]
        ).fetchone()
        return int(row[0])

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
        row = self.database.execute(sql, {"m": meeting_id}).fetchone()
        return datetime.fromisoformat(row[0]) if row and row[0] else None
