"""The database schema, as forward-only migrations. Only `store.py` runs them."""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils


def _v1(db: sqlite_utils.Database) -> None:
    db["series"].create({"id": int, "name": str, "created_at": str}, pk="id", not_null={"name"})
    db["series"].create_index(["name"], unique=True)
    db["people"].create(
        {"id": int, "series_id": int, "name": str, "organisation": str, "sector": str, "role": str},
        pk="id",
        not_null={"name"},
        foreign_keys=[("series_id", "series", "id")],
    )
    db["meetings"].create(
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
    db["attendance"].create(
        {"meeting_id": int, "person_id": int, "status": str, "at": str},
        pk=("meeting_id", "person_id"),
        not_null={"status"},
        foreign_keys=[("meeting_id", "meetings", "id"), ("person_id", "people", "id")],
    )
    db["agenda_items"].create(
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
    db["agenda_items"].create_index(["meeting_id", "position"])
    db["entries"].create(
        {"id": int, "meeting_id": int, "item_id": int, "kind": str, "text": str, "created_at": str},
        pk="id",
        not_null={"meeting_id", "item_id", "kind", "text", "created_at"},
        foreign_keys=[("meeting_id", "meetings", "id"), ("item_id", "agenda_items", "id")],
    )
    db["entries"].create_index(["meeting_id", "item_id"])
    db["clock_events"].create(
        {"id": int, "meeting_id": int, "at": str, "kind": str, "item_id": int, "minutes": int},
        pk="id",
        not_null={"meeting_id", "at", "kind"},
        foreign_keys=[("meeting_id", "meetings", "id"), ("item_id", "agenda_items", "id")],
    )
    db["clock_events"].create_index(["meeting_id", "at"])


def _v2(db: sqlite_utils.Database) -> None:
    """Running a meeting live: agenda changes, roles, voting members, decisions, next steps, turns."""
    db["clock_events"].add_column("position", int)
    db["clock_events"].add_column("detail", str)
    db["agenda_items"].add_column("added_live", int, not_null_default=0)
    db["people"].add_column("voting", int, not_null_default=0)
    db["meeting_roles"].create(
        {"meeting_id": int, "role": str, "person_id": int},
        pk=("meeting_id", "role"),
        foreign_keys=[("meeting_id", "meetings", "id"), ("person_id", "people", "id")],
    )
    db["decisions"].create(
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
    db["next_steps"].create(
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
    db["turns"].create(
        {"id": int, "meeting_id": int, "item_id": int, "person_id": int, "started_at": str, "ended_at": str},
        pk="id",
        not_null={"meeting_id", "item_id", "person_id", "started_at"},
        foreign_keys=[("meeting_id", "meetings", "id"), ("item_id", "agenda_items", "id"), ("person_id", "people", "id")],
    )
    db["turns"].create_index(["meeting_id", "ended_at"])


# Forward-only: migration N takes a database at version N to N + 1.
MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [_v1, _v2]

SCHEMA_VERSION = len(MIGRATIONS)
