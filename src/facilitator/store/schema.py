"""The database schema, as forward-only migrations. Only `store.database` runs them."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the migrations run rarely; opening a current database never imports it
    import sqlite_utils


def _v1(db: sqlite_utils.Database) -> None:
    db.table("series").create({"id": int, "name": str, "created_at": str}, pk="id", not_null={"name"})
    db.table("series").create_index(["name"], unique=True)
    db.table("people").create(
        {"id": int, "series_id": int, "name": str, "organisation": str, "sector": str, "role": str},
        pk="id",
        not_null={"name"},
        foreign_keys=[("series_id", "series", "id")],
    )
    db.table("meetings").create(
        {
            "id": int,
            "series_id": int,
            "title": str,
            "date": str,
            "place": str,
            "template": str,
            "ground_rules": str,
            "created_at": str,
        },
        pk="id",
        not_null={"title", "date"},
        foreign_keys=[("series_id", "series", "id")],
    )
    db.table("attendance").create(
        {"meeting_id": int, "person_id": int, "status": str, "at": str},
        pk=("meeting_id", "person_id"),
        not_null={"status"},
        foreign_keys=[("meeting_id", "meetings", "id"), ("person_id", "people", "id")],
    )
    db.table("agenda_items").create(
        {
            "id": int,
            "meeting_id": int,
            "position": int,
            "title": str,
            "kind": str,
            "planned_minutes": int,
            "prompt": str,
        },
        pk="id",
        not_null={"meeting_id", "position", "title", "kind", "planned_minutes"},
        foreign_keys=[("meeting_id", "meetings", "id")],
    )
    db.table("agenda_items").create_index(["meeting_id", "position"])
    db.table("entries").create(
        {"id": int, "meeting_id": int, "item_id": int, "kind": str, "text": str, "created_at": str},
        pk="id",
        not_null={"meeting_id", "item_id", "kind", "text", "created_at"},
        foreign_keys=[("meeting_id", "meetings", "id"), ("item_id", "agenda_items", "id")],
    )
    db.table("entries").create_index(["meeting_id", "item_id"])
    db.table("clock_events").create(
        {"id": int, "meeting_id": int, "at": str, "kind": str, "item_id": int, "minutes": int},
        pk="id",
        not_null={"meeting_id", "at", "kind"},
        foreign_keys=[("meeting_id", "meetings", "id"), ("item_id", "agenda_items", "id")],
    )
    db.table("clock_events").create_index(["meeting_id", "at"])


def _v2(db: sqlite_utils.Database) -> None:
    """Running a meeting live: agenda changes, roles, voting members, decisions, next steps, turns."""
    db.table("clock_events").add_column("position", int)
    db.table("clock_events").add_column("detail", str)
    db.table("agenda_items").add_column("added_live", int, not_null_default=0)
    db.table("people").add_column("voting", int, not_null_default=0)
    db.table("meeting_roles").create(
        {"meeting_id": int, "role": str, "person_id": int},
        pk=("meeting_id", "role"),
        foreign_keys=[("meeting_id", "meetings", "id"), ("person_id", "people", "id")],
    )
    db.table("decisions").create(
        {
            "id": int,
            "meeting_id": int,
            "item_id": int,
            "text": str,
            "outcome": str,
            "votes_for": int,
            "votes_against": int,
            "votes_abstain": int,
            "created_at": str,
        },
        pk="id",
        not_null={"meeting_id", "item_id", "text", "created_at"},
        foreign_keys=[("meeting_id", "meetings", "id"), ("item_id", "agenda_items", "id")],
    )
    db.table("next_steps").create(
        {
            "id": int,
            "meeting_id": int,
            "item_id": int,
            "text": str,
            "owner_id": int,
            "owner_name": str,
            "due": str,
            "status": str,
            "created_at": str,
        },
        pk="id",
        not_null={"meeting_id", "item_id", "text", "status", "created_at"},
        defaults={"status": "open"},
        foreign_keys=[
            ("meeting_id", "meetings", "id"),
            ("item_id", "agenda_items", "id"),
            ("owner_id", "people", "id"),
        ],
    )
    db.table("turns").create(
        {"id": int, "meeting_id": int, "item_id": int, "person_id": int, "started_at": str, "ended_at": str},
        pk="id",
        not_null={"meeting_id", "item_id", "person_id", "started_at"},
        foreign_keys=[("meeting_id", "meetings", "id"), ("item_id", "agenda_items", "id"), ("person_id", "people", "id")],
    )
    db.table("turns").create_index(["meeting_id", "ended_at"])


def _v3(db: sqlite_utils.Database) -> None:
    """Facilitation activities: check-in rounds, brainwriting, richer decisions, reviews, evaluation."""
    items = db.table("agenda_items")
    items.add_column("speaker_seconds", int, not_null_default=60)
    items.add_column("dot_budget", int, not_null_default=3)
    items.add_column("questions", str)  # JSON list: an evaluation's rating questions
    items.add_column("phase", str)  # brainwriting: write, group, vote, results
    db.table("meetings").add_column("quorum", int)  # voting members needed; None: more than half
    db.table("checkin_order").create(
        {"meeting_id": int, "item_id": int, "person_id": int, "position": int, "created_at": str},
        pk=("item_id", "person_id"),
        not_null={"meeting_id", "position", "created_at"},
        foreign_keys=[("meeting_id", "meetings", "id"), ("item_id", "agenda_items", "id"), ("person_id", "people", "id")],
    )
    db.table("checkin_answers").create(
        {"item_id": int, "person_id": int, "meeting_id": int, "answer": str, "passed": int, "at": str},
        pk=("item_id", "person_id"),
        not_null={"meeting_id", "passed", "at"},
        foreign_keys=[("meeting_id", "meetings", "id"), ("item_id", "agenda_items", "id"), ("person_id", "people", "id")],
    )
    db.table("checkin_questions").create(
        {"id": int, "series_id": int, "text": str, "created_at": str},
        pk="id",
        not_null={"series_id", "text", "created_at"},
        foreign_keys=[("series_id", "series", "id")],
    )
    db.table("checkin_question_uses").create(
        {"question_id": int, "meeting_id": int, "item_id": int, "at": str},
        pk=("question_id", "item_id"),
        not_null={"meeting_id", "at"},
        foreign_keys=[("question_id", "checkin_questions", "id"), ("meeting_id", "meetings", "id"), ("item_id", "agenda_items", "id")],
    )
    # An anonymous idea has no row here: its author is stored nowhere.
    db.table("idea_authors").create(
        {"entry_id": int, "person_id": int},
        pk="entry_id",
        foreign_keys=[("entry_id", "entries", "id"), ("person_id", "people", "id")],
    )
    db.table("themes").create(
        {"id": int, "meeting_id": int, "item_id": int, "name": str},
        pk="id",
        not_null={"meeting_id", "item_id", "name"},
        foreign_keys=[("meeting_id", "meetings", "id"), ("item_id", "agenda_items", "id")],
    )
    db.table("idea_themes").create(
        {"entry_id": int, "theme_id": int},
        pk="entry_id",
        not_null={"theme_id"},
        foreign_keys=[("entry_id", "entries", "id"), ("theme_id", "themes", "id")],
    )
    db.table("dots").create(
        {"id": int, "item_id": int, "person_id": int, "entry_id": int, "at": str},
        pk="id",
        not_null={"item_id", "person_id", "entry_id", "at"},
        foreign_keys=[("item_id", "agenda_items", "id"), ("person_id", "people", "id"), ("entry_id", "entries", "id")],
    )
    decisions = db.table("decisions")
    for column, kind in [
        ("method", str), ("rationale", str), ("review_date", str), ("stand_asides", int), ("blocks", int),
        ("fist", str), ("remote_votes", int), ("remote_note", str),
        ("quorum_present", int), ("quorum_needed", int), ("quorum_met", int),
    ]:
        decisions.add_column(column, kind)
    db.table("reviews").create(
        {"id": int, "meeting_id": int, "subject": str, "ref_id": int, "outcome": str, "at": str},
        pk="id",
        not_null={"meeting_id", "subject", "ref_id", "outcome", "at"},
        foreign_keys=[("meeting_id", "meetings", "id")],
    )
    db.table("reviews").create_index(["subject", "ref_id"])
    db.table("evaluations").create(
        {"id": int, "meeting_id": int, "item_id": int, "kind": str, "text": str, "ratings": str, "at": str},
        pk="id",
        not_null={"meeting_id", "item_id", "kind", "at"},
        foreign_keys=[("meeting_id", "meetings", "id"), ("item_id", "agenda_items", "id")],
    )


def _v4(db: sqlite_utils.Database) -> None:
    """Everyone heard: the speaker queue, its mode, and the sectors a series expects at the table."""
    db.table("speaker_queue").create(
        {"id": int, "meeting_id": int, "person_id": int, "raised_at": str, "called_at": str},
        pk="id",
        not_null={"meeting_id", "person_id", "raised_at"},
        foreign_keys=[("meeting_id", "meetings", "id"), ("person_id", "people", "id")],
    )
    db.table("meetings").add_column("queue_mode", str)  # "first-come" (default) or "progressive"
    db.table("series").add_column("sectors", str)  # JSON list; None means the usual list


def _v5(db: sqlite_utils.Database) -> None:
    """Full-text search over what people typed: notes, ideas and parked items, decisions, next steps."""
    db.table("entries").enable_fts(["text"], create_triggers=True, tokenize="unicode61")
    db.table("decisions").enable_fts(["text", "rationale"], create_triggers=True, tokenize="unicode61")
    db.table("next_steps").enable_fts(["text"], create_triggers=True, tokenize="unicode61")


def _v6(db: sqlite_utils.Database) -> None:
    """Seats: each open live screen says it is alive, so a restart can tell a crash from a second seat."""
    db.table("seats").create(
        {"id": int, "meeting_id": int, "pid": int, "opened_at": str, "seen_at": str},
        pk="id",
        not_null={"meeting_id", "pid", "opened_at", "seen_at"},
        foreign_keys=[("meeting_id", "meetings", "id")],
    )


def _rebuild_with_id(db: sqlite_utils.Database, table: str, columns: str, copied: str) -> None:
    """Give a table keyed by (meeting or item, person) its own row id, so that each change is a
    new row: `columns` is the new table's column list, `copied` the columns kept from the old."""
    db.execute(f"ALTER TABLE {table} RENAME TO {table}_before_v7")
    db.execute(f"CREATE TABLE {table} ({columns})")
    db.execute(f"INSERT INTO {table} ({copied}) SELECT {copied} FROM {table}_before_v7 ORDER BY at")
    db.execute(f"DROP TABLE {table}_before_v7")


def _v7(db: sqlite_utils.Database) -> None:
    """A record people can trust: corrections with a trail, attribution, and flow that says where it starts.

    - Captures (entries, decisions, next steps, evaluations) get `origin_id` and `current`: a
      correction is a new row with the first row's id as its origin, and only the current
      version has `current = 1`; nothing is overwritten. `corrections` says who changed what, when.
    - Attendance and check-in answers become one row per change (the latest current one counts);
      a check-in answer says whether the person was not here, which is not the same as a pass.
    - Dots get `current` too: a new vote by the same person retires the old dots.
    - People get `community` (community member / lived experience: a roster fact, never guessed
      from a sector's wording), `retired_at` and `merged_into`.
    - Flow events say the item they were given on (`from_item_id`), so two seats pressing /next
      at once move once. Seats are kept after they close, so corrections can name the seat.
    """
    for table in ("entries", "decisions", "next_steps", "evaluations"):
        db.table(table).add_column("origin_id", int)
        db.table(table).add_column("current", int, not_null_default=1)
        db.execute(f"CREATE INDEX idx_{table}_origin ON {table} (coalesce(origin_id, id))")
    db.table("dots").add_column("current", int, not_null_default=1)
    _rebuild_with_id(
        db,
        "attendance",
        "id INTEGER PRIMARY KEY, meeting_id INTEGER NOT NULL REFERENCES meetings(id), "
        "person_id INTEGER NOT NULL REFERENCES people(id), status TEXT NOT NULL, at TEXT, "
        "current INTEGER NOT NULL DEFAULT 1, seat_id INTEGER",
        "meeting_id, person_id, status, at",
    )
    db.execute("CREATE INDEX idx_attendance_person ON attendance (meeting_id, person_id, current)")
    _rebuild_with_id(
        db,
        "checkin_answers",
        "id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL REFERENCES agenda_items(id), "
        "person_id INTEGER NOT NULL REFERENCES people(id), meeting_id INTEGER NOT NULL REFERENCES meetings(id), "
        "answer TEXT, passed INTEGER NOT NULL, absent INTEGER NOT NULL DEFAULT 0, at TEXT NOT NULL, "
        "current INTEGER NOT NULL DEFAULT 1",
        "item_id, person_id, meeting_id, answer, passed, at",
    )
    db.execute("CREATE INDEX idx_checkin_answers_item ON checkin_answers (item_id, person_id, current)")
    db.table("corrections").create(
        {
            "id": int, "meeting_id": int, "subject": str, "origin": int, "old_id": int, "new_id": int,
            "action": str, "at": str, "seat_id": int, "detail": str,
        },
        pk="id",
        not_null={"subject", "origin", "action", "at"},
        foreign_keys=[("meeting_id", "meetings", "id")],
    )
    db.table("corrections").create_index(["subject", "origin"])
    people = db.table("people")
    people.add_column("community", int, not_null_default=0)
    people.add_column("retired_at", str)
    people.add_column("merged_into", int)
    # A roster fact from now on; for rosters made before, the usual list's exact sector name says it.
    db.execute("UPDATE people SET community = 1 WHERE lower(trim(sector)) IN ('community members', 'community member')")
    db.table("meetings").add_column("attribute_notes", int, not_null_default=0)
    db.table("agenda_items").add_column("review", int, not_null_default=0)
    db.table("clock_events").add_column("from_item_id", int)
    db.table("seats").add_column("closed_at", str)
    db.table("seats").add_column("user", str)
    # A note said while someone had the floor, when the group wants notes attributed.
    db.table("note_speakers").create(
        {"entry_id": int, "person_id": int},
        pk="entry_id",
        foreign_keys=[("entry_id", "entries", "id"), ("person_id", "people", "id")],
    )
    # Each capture's number on its item, given once when it is first saved: the notes view shows
    # it, `/edit N` and `/strike N` use it, and it stays with the capture through corrections.
    db.execute(
        "CREATE TABLE capture_numbers (item_id INTEGER NOT NULL REFERENCES agenda_items(id), number INTEGER NOT NULL, "
        "subject TEXT NOT NULL, origin INTEGER NOT NULL, PRIMARY KEY (item_id, number))"
    )
    db.execute("CREATE UNIQUE INDEX idx_capture_numbers_subject ON capture_numbers (subject, origin, item_id)")
    db.execute(
        """INSERT INTO capture_numbers (item_id, number, subject, origin)
           SELECT item_id, row_number() OVER (PARTITION BY item_id ORDER BY at, rank, origin), subject, origin FROM (
               SELECT item_id, created_at AS at, 1 AS rank, 'entries' AS subject, id AS origin FROM entries
               UNION ALL SELECT item_id, created_at, 2, 'decisions', id FROM decisions
               UNION ALL SELECT item_id, created_at, 3, 'next_steps', id FROM next_steps
               UNION ALL SELECT item_id, at, 4, 'evaluations', id FROM evaluations WHERE item_id IS NOT NULL
               UNION ALL SELECT item_id, at, 5, 'checkin', person_id FROM checkin_answers
           )"""
    )
    db.table("facilitator_info").create({"key": str, "value": str}, pk="key")
    db.table("facilitator_info").insert({"key": "database_id", "value": uuid.uuid4().hex})
    db.table("checkin_answers").enable_fts(["answer"], create_triggers=True, tokenize="unicode61")
    db.table("evaluations").enable_fts(["text"], create_triggers=True, tokenize="unicode61")


def _v8(db: sqlite_utils.Database) -> None:
    """A coalition's memory: minutes approved at the next meeting, email for sending them, and
    workshop results (problem statements, goals, charters...) kept per series. A draft of one
    part is an entry (kind `draft`), so it is numbered, corrected and taken back like any
    capture; a version is what an adopting decision found current."""
    db.table("people").add_column("email", str)
    db.table("agenda_items").add_column("approves_meeting_id", int)  # "Approve the minutes of <date>"
    db.table("agenda_items").add_column("document", str)  # the kind of workshop result this item works on
    db.table("agenda_items").add_column("document_title", str)  # which one, when a series keeps several
    db.table("agenda_items").add_column("part", str)  # the part the item drafts, if one
    db.table("documents").create(
        {"id": int, "series_id": int, "kind": str, "title": str, "created_at": str},
        pk="id",
        not_null={"series_id", "kind", "title", "created_at"},
        foreign_keys=[("series_id", "series", "id")],
    )
    db.table("documents").create_index(["series_id", "kind", "title"], unique=True)
    # Plain ALTER TABLE: sqlite-utils adds a column with a foreign key by rebuilding the table,
    # which would drop the triggers that keep the notes' full-text index current.
    db.execute("ALTER TABLE entries ADD COLUMN document_id INTEGER REFERENCES documents(id)")
    db.table("entries").add_column("part", str)
    db.execute("CREATE INDEX idx_entries_document ON entries (document_id, part, current) WHERE document_id IS NOT NULL")
    # The notes view reads one item's captures on every change: in a coalition's archive of tens
    # of thousands of notes, by index rather than by reading them all.
    for table in ("entries", "decisions", "next_steps", "evaluations"):
        db.execute(f"CREATE INDEX idx_{table}_item ON {table} (item_id, id)")


def _v9(db: sqlite_utils.Database) -> None:
    """The room: a phone that joined without a name places dots too, and its dots name nobody
    (`dots.person_id` may be empty; the table is rebuilt, as SQLite cannot drop a NOT NULL).
    Also: attendance marks taken back stay taken back; votes from phones in the room are kept
    as they come in (`ballots`, counts only) and counted apart from votes cast outside the room
    (`decisions.phone_votes`)."""
    db.execute("ALTER TABLE dots RENAME TO dots_before_v9")
    db.execute(
        "CREATE TABLE dots (id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL REFERENCES agenda_items(id), "
        "person_id INTEGER REFERENCES people(id), entry_id INTEGER NOT NULL REFERENCES entries(id), at TEXT NOT NULL, "
        "current INTEGER NOT NULL DEFAULT 1)"
    )
    columns = "id, item_id, person_id, entry_id, at, current"
    db.execute(f"INSERT INTO dots ({columns}) SELECT {columns} FROM dots_before_v9")
    db.execute("DROP TABLE dots_before_v9")
    db.execute("CREATE INDEX idx_dots_item ON dots (item_id, current)")
    db.execute("CREATE INDEX idx_dots_entry ON dots (entry_id, current)")  # each idea's count, for hundreds of ideas
    # An attendance mark taken back (/undo, or a "not here" struck) never counts again, even
    # when a later mark taken back would otherwise hand the floor back to it.
    db.execute("ALTER TABLE attendance ADD COLUMN taken_back INTEGER NOT NULL DEFAULT 0")
    db.execute("ALTER TABLE decisions ADD COLUMN phone_votes INTEGER")
    db.table("ballots").create(
        {"id": int, "meeting_id": int, "item_id": int, "proposal": str, "method": str, "counts": str, "opened_at": str,
         "closed_at": str, "closed_as": str, "decision_id": int},
        pk="id",
        not_null={"meeting_id", "item_id", "proposal", "method", "counts", "opened_at"},
        foreign_keys=[("meeting_id", "meetings", "id"), ("item_id", "agenda_items", "id"), ("decision_id", "decisions", "id")],
    )


def _v10(db: sqlite_utils.Database) -> None:
    """The record holds at its seams.

    - A meeting's planned length and start time (`length_minutes`, `starts_at`), so preparation
      can total the agenda against the planned end; when a person joined the roster (`added_at`),
      so minutes name as "not marked" only those on the roster that day.
    - Someone both late and leaving early keeps both: a "left early" mark carries `late_at`.
    - Adoption is explicit and kept: a decision names the document it adopts
      (`decisions.adopts_document_id`), and each adopted version is stored as it was voted
      (`document_versions`), never read back from drafts that may change later.
    - Approved minutes are frozen: `minutes_approvals` keeps the approving decision, the quorum
      at that moment, and the minutes as they were approved (their outline, and their JSON).
    - `/done N` says when it was done (`reviews.done_on`).
    """
    db.execute("ALTER TABLE meetings ADD COLUMN length_minutes INTEGER")
    db.execute("ALTER TABLE meetings ADD COLUMN starts_at TEXT")
    db.execute("ALTER TABLE people ADD COLUMN added_at TEXT")
    db.execute("ALTER TABLE attendance ADD COLUMN late_at TEXT")
    db.execute(
        """UPDATE attendance SET late_at = (
               SELECT max(l.at) FROM attendance l WHERE l.meeting_id = attendance.meeting_id AND l.person_id = attendance.person_id
               AND l.status = 'late' AND l.taken_back = 0 AND l.id < attendance.id)
           WHERE status = 'left early' AND current = 1"""
    )
    db.execute("ALTER TABLE reviews ADD COLUMN done_on TEXT")
    db.execute("ALTER TABLE decisions ADD COLUMN adopts_document_id INTEGER REFERENCES documents(id)")
    db.execute(
        "CREATE TABLE document_versions (id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id), "
        "number INTEGER NOT NULL, parts TEXT NOT NULL, decision_id INTEGER NOT NULL, meeting_id INTEGER NOT NULL REFERENCES meetings(id), "
        "adopted_at TEXT NOT NULL, UNIQUE (document_id, number))"
    )
    db.execute("CREATE INDEX idx_document_versions_decision ON document_versions (decision_id)")
    db.execute(
        "CREATE TABLE minutes_approvals (id INTEGER PRIMARY KEY, meeting_id INTEGER NOT NULL REFERENCES meetings(id), "
        "decision_id INTEGER NOT NULL, approving_meeting_id INTEGER NOT NULL REFERENCES meetings(id), approved_at TEXT NOT NULL, "
        "outcome TEXT NOT NULL, method TEXT, quorum_present INTEGER, quorum_needed INTEGER, quorum_met INTEGER, "
        "outline TEXT, minutes_json TEXT)"
    )
    db.execute("CREATE INDEX idx_minutes_approvals_meeting ON minutes_approvals (meeting_id)")
    # Minutes approved before they were kept as approved: the approval, with no snapshot to render.
    db.execute(
        """INSERT INTO minutes_approvals (meeting_id, decision_id, approving_meeting_id, approved_at, outcome, method,
                                          quorum_present, quorum_needed, quorum_met)
           SELECT i.approves_meeting_id, coalesce(d.origin_id, d.id), d.meeting_id, d.created_at, d.outcome, d.method,
                  d.quorum_present, d.quorum_needed, d.quorum_met
           FROM decisions d JOIN agenda_items i ON i.id = d.item_id
           WHERE i.approves_meeting_id IS NOT NULL AND d.current = 1 AND d.outcome = 'adopted'"""
    )
    _v10_versions(db)


def _v10_versions(db: sqlite_utils.Database) -> None:
    """Documents adopted before adoption was explicit: each adopted decision in an item that worked
    on a document adopted it as its drafts stood then (the old reading), now stored as a version."""
    import json

    from facilitator.documents import KINDS, as_of, document_title

    drafted: dict[int, set[int]] = {}
    for item_id, document_id in db.execute(
        "SELECT DISTINCT item_id, document_id FROM entries WHERE document_id IS NOT NULL AND kind = 'draft' AND current = 1"
    ).fetchall():
        drafted.setdefault(item_id, set()).add(document_id)
    decisions = db.execute(
        """SELECT d.id, coalesce(d.origin_id, d.id), d.item_id, d.meeting_id, d.created_at, i.document, i.document_title, m.series_id
           FROM decisions d JOIN agenda_items i ON i.id = d.item_id JOIN meetings m ON m.id = d.meeting_id
           WHERE d.current = 1 AND d.outcome = 'adopted' ORDER BY d.created_at, d.id"""
    ).fetchall()
    numbers: dict[int, int] = {}
    for row_id, origin, item_id, meeting_id, created_at, kind_name, item_title, series_id in decisions:
        adopted = set(drafted.get(item_id, ()))
        if kind_name in KINDS and series_id is not None:
            named = db.execute(
                "SELECT id FROM documents WHERE series_id = ? AND kind = ? AND title = ?",
                [series_id, kind_name, document_title(KINDS[kind_name], None, item_title)],
            ).fetchone()
            if named:
                adopted.add(named[0])
        for document_id in sorted(adopted):
            (kind,) = db.execute("SELECT kind FROM documents WHERE id = ?", [document_id]).fetchone()
            if kind not in KINDS:
                continue
            drafts = [
                {"part": part, "text": text, "created_at": at}
                for part, text, at in db.execute(
                    "SELECT part, text, created_at FROM entries WHERE document_id = ? AND kind = 'draft' AND current = 1 "
                    "ORDER BY created_at, id", [document_id],
                ).fetchall()
            ]
            version = as_of(KINDS[kind], drafts, created_at)
            numbers[document_id] = numbers.get(document_id, 0) + 1
            db.execute(
                "INSERT INTO document_versions (document_id, number, parts, decision_id, meeting_id, adopted_at) VALUES (?, ?, ?, ?, ?, ?)",
                [document_id, numbers[document_id], json.dumps(version.keyed), origin, meeting_id, created_at],
            )
            db.execute("UPDATE decisions SET adopts_document_id = ? WHERE id = ? AND adopts_document_id IS NULL", [document_id, row_id])


# Forward-only: migration N takes a database at version N to N + 1.
MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [_v1, _v2, _v3, _v4, _v5, _v6, _v7, _v8, _v9, _v10]

SCHEMA_VERSION = len(MIGRATIONS)
