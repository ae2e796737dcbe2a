"""Across meetings: full-text search, the decision log, and next steps for export."""

from __future__ import annotations

from typing import Any

from facilitator.store.database import Repository


def _match(query: str) -> str | None:
    """An FTS query matching every typed word literally (quotes doubled), or None for no words."""
    words = query.split()
    return " ".join('"' + word.replace('"', '""') + '"' for word in words) if words else None


# Each kind of capture searched; each kind's newest matches are taken first, at most as many as the
# page needs, before they are merged: the newest of all are among them, and a word in every note of
# a long archive is not sorted fifty thousand times over.
_SEARCHED = (
    """SELECT e.kind AS kind, e.text AS text, e.created_at AS at, m.id AS meeting_id, m.title AS meeting, m.date AS date
       FROM entries_fts f JOIN entries e ON e.rowid = f.rowid JOIN meetings m ON m.id = e.meeting_id
       LEFT JOIN series s ON s.id = m.series_id
       WHERE entries_fts MATCH :q AND e.current = 1""",
    """SELECT 'decision', d.text, d.created_at AS at, m.id, m.title, m.date AS date
       FROM decisions_fts f JOIN decisions d ON d.rowid = f.rowid JOIN meetings m ON m.id = d.meeting_id
       LEFT JOIN series s ON s.id = m.series_id
       WHERE decisions_fts MATCH :q AND d.current = 1""",
    """SELECT 'action', n.text, n.created_at AS at, m.id, m.title, m.date AS date
       FROM next_steps_fts f JOIN next_steps n ON n.rowid = f.rowid JOIN meetings m ON m.id = n.meeting_id
       LEFT JOIN series s ON s.id = m.series_id
       WHERE next_steps_fts MATCH :q AND n.current = 1""",
    """SELECT 'check-in', p.name || ': ' || a.answer, a.at AS at, m.id, m.title, m.date AS date
       FROM checkin_answers_fts f JOIN checkin_answers a ON a.rowid = f.rowid JOIN meetings m ON m.id = a.meeting_id
       JOIN people p ON p.id = a.person_id LEFT JOIN series s ON s.id = m.series_id
       WHERE checkin_answers_fts MATCH :q AND a.current = 1""",
    """SELECT CASE v.kind WHEN 'well' THEN 'went well' ELSE 'to change' END, v.text, v.at AS at, m.id, m.title, m.date AS date
       FROM evaluations_fts f JOIN evaluations v ON v.rowid = f.rowid JOIN meetings m ON m.id = v.meeting_id
       LEFT JOIN series s ON s.id = m.series_id
       WHERE evaluations_fts MATCH :q AND v.current = 1""",
)


class Archive(Repository):
    """Reads that span a whole database: what the command line's `search`, `decisions` and
    `actions` show."""

    def series_names(self) -> list[str]:
        return [name for (name,) in self.database.execute("SELECT name FROM series ORDER BY name COLLATE NOCASE")]

    def series_named(self, typed: str) -> str | None:
        """The series a typed name means, whatever its case: the one of that name, or the only
        one whose name starts so (`eastside` for "Eastside Health Equity Coalition")."""
        wanted = typed.strip().casefold()
        names = self.series_names()
        exact = [name for name in names if name.casefold() == wanted]
        starting = [name for name in names if name.casefold().startswith(wanted)]
        if exact or len(starting) == 1:
            return (exact or starting)[0]
        return None

    def database_id(self) -> str:
        """A random id made when this database was, so what it exports (calendar entries) never
        collides with what another database exports."""
        row = self.database.execute("SELECT value FROM facilitator_info WHERE key = 'database_id'").fetchone()
        return str(row[0]) if row else "unknown"

    def search(self, query: str, *, series: str | None = None, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Notes, ideas, parked items, check-in answers, decisions, next steps and evaluation
        comments (current versions) matching every word of `query`, newest first: `limit` of them
        after the first `offset` (a page)."""
        match = _match(query)
        if match is None:
            return []
        newest = " UNION ALL ".join(
            f"SELECT * FROM ({branch} AND (:series IS NULL OR s.name = :series) ORDER BY date DESC, at DESC LIMIT :upto)"
            for branch in _SEARCHED
        )
        sql = f"SELECT * FROM ({newest}) ORDER BY date DESC, at DESC LIMIT :limit OFFSET :offset"
        return self.database.query(sql, {"q": match, "limit": limit, "offset": offset, "upto": offset + limit, "series": series})

    def search_count(self, query: str, *, series: str | None = None) -> int:
        """How many captures `search` finds in all."""
        match = _match(query)
        if match is None:
            return 0
        counted = " UNION ALL ".join(
            f"SELECT count(*) AS n FROM ({branch} AND (:series IS NULL OR s.name = :series))" for branch in _SEARCHED
        )
        return int(self.database.execute(f"SELECT sum(n) FROM ({counted})", {"q": match, "series": series}).fetchone()[0] or 0)

    def decision_log(self, series: str | None = None) -> list[dict[str, Any]]:
        sql = """
            SELECT m.date, m.title AS meeting, s.name AS series, i.title AS item, d.* FROM decisions d
            JOIN meetings m ON m.id = d.meeting_id LEFT JOIN series s ON s.id = m.series_id
            JOIN agenda_items i ON i.id = d.item_id
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
