"""The database schema, as forward-only migrations. Only `store.core` runs them."""

from __future__ import annotations

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


# Forward-only: migration N takes a database at version N to N + 1.
MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [_v1, _v2, _v3, _v4, _v5, _v6]

SCHEMA_VERSION = len(MIGRATIONS)
