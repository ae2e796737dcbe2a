"""Across meetings: full-text search, the decision log, and next steps for export."""

from __future__ import annotations

from typing import Any

from facilitator.store.database import Repository


class Archive(Repository):
    """Reads that span a whole database: what the command line's `search`, `decisions` and
    `actions` show."""

    def search(self, query: str, *, limit: int = 50) -> list[dict[str, Any]]:
        """Notes, ideas, parked items, decisions and next steps matching every word of `query`."""
        words = query.split()
        if not words:
            return []
        match = " ".join('"' + word.replace('"', '""') + '"' for word in words)
        sql = """
            SELECT * FROM (
                SELECT e.kind AS kind, e.text AS text, e.created_at AS at, m.id AS meeting_id, m.title AS meeting, m.date AS date
                FROM entries_fts f JOIN entries e ON e.rowid = f.rowid JOIN meetings m ON m.id = e.meeting_id
                WHERE entries_fts MATCH :q AND e.current = 1
                UNION ALL
                SELECT 'decision', d.text, d.created_at, m.id, m.title, m.date
                FROM decisions_fts f JOIN decisions d ON d.rowid = f.rowid JOIN meetings m ON m.id = d.meeting_id
                WHERE decisions_fts MATCH :q AND d.current = 1
                UNION ALL
                SELECT 'action', n.text, n.created_at, m.id, m.title, m.date
                FROM next_steps_fts f JOIN next_steps n ON n.rowid = f.rowid JOIN meetings m ON m.id = n.meeting_id
                WHERE next_steps_fts MATCH :q AND n.current = 1
            ) ORDER BY date DESC, at DESC LIMIT :limit
        """
        return self.database.query(sql, {"q": match, "limit": limit})

    def decision_log(self, series: str | None = None) -> list[dict[str, Any]]:
        sql = """
            SELECT m.date, m.title AS meeting, s.name AS series, d.* FROM decisions d
            JOIN meetings m ON m.id = d.meeting_id LEFT JOIN series s ON s.id = m.series_id
            WHERE d.current = 1 AND (:series IS NULL OR s.name = :series) ORDER BY m.date, coalesce(d.origin_id, d.id)
        """
        return self.database.query(sql, {"series": series})

    def action_rows(self, *, meeting_id: int | None = None, series: str | None = None, open_only: bool = False) -> list[dict[str, Any]]:
        """Next steps with their meeting and owner's organisation, oldest meeting first; filtered
        to one meeting, one series, or the open ones."""
        sql = """
            SELECT coalesce(n.origin_id, n.id) AS id, m.title AS meeting, m.date AS meeting_date, s.name AS series, n.text AS description,
                   n.owner_name AS owner, coalesce(p.organisation, '') AS organisation, n.due, n.status
            FROM next_steps n JOIN meetings m ON m.id = n.meeting_id
            LEFT JOIN series s ON s.id = m.series_id LEFT JOIN people p ON p.id = n.owner_id
            WHERE n.current = 1 AND (:meeting IS NULL OR m.id = :meeting) AND (:series IS NULL OR s.name = :series)
              AND (:open = 0 OR n.status = 'open')
            ORDER BY m.date, m.id, coalesce(n.origin_id, n.id)
        """
        return self.database.query(sql, {"meeting": meeting_id, "series": series, "open": int(open_only)})
