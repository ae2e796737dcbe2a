"""Minutes as they stand for sending: approved minutes exactly as they were approved, and any
others as the record now reads.

When a later meeting approves a meeting's minutes (adopted, or adopted as amended), they are
kept as that moment's outline and JSON (`freeze`), and every export renders that snapshot, byte
for byte, however the record is corrected afterwards. What was corrected after the approval is
listed beside them (`amendments`), never written into them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import msgspec

from facilitator.minutes.model import MinutesApproval, build_minutes
from facilitator.minutes.outline import Outline, decode, encode, outline
from facilitator.store import Store


class Kept(msgspec.Struct, frozen=True):
    """The minutes ready to render: their outline (Markdown, HTML, Word, PDF) and their JSON."""

    outline: Outline
    json: str
    approved_at: datetime | None = None
    """When they were approved and kept; None for minutes as the record now reads."""


def freeze(store: Store, meeting_id: int, now: datetime, approval: MinutesApproval) -> Kept:
    """The minutes of `meeting_id` as they read now, stamped with the approval being recorded."""
    from facilitator.minutes.jsonout import render_json

    minutes = build_minutes(store, meeting_id, now, approval=approval)
    return Kept(outline(minutes), render_json(minutes), now)


def as_they_stand(store: Store, meeting_id: int, now: datetime) -> Kept:
    """The approved minutes as kept, when they were approved (and kept); else the record as it reads now."""
    approved = store.meetings.approval(meeting_id)
    if approved is not None and approved["outline"] is not None:
        return Kept(decode(approved["outline"]), approved["minutes_json"], datetime.fromisoformat(approved["approved_at"]))
    from facilitator.minutes.jsonout import render_json

    minutes = build_minutes(store, meeting_id, now)
    return Kept(outline(minutes), render_json(minutes))


def stored(kept: Kept) -> tuple[str, str]:
    """What the store keeps of approved minutes: (outline, JSON)."""
    return encode(kept.outline).decode("utf-8"), kept.json


def render_kept(kept: Kept, fmt: str) -> str | bytes:
    """The minutes in `fmt` (md, html, docx, pdf, json) from what is kept."""
    if fmt == "json":
        return kept.json
    if fmt == "md":
        from facilitator.minutes.markdown import render_outline as markdown

        return markdown(kept.outline)
    if fmt == "html":
        from facilitator.minutes.html import render_outline as html

        return html(kept.outline)
    if fmt == "docx":
        from facilitator.minutes.docx import render_outline as docx

        return docx(kept.outline)
    if fmt == "pdf":
        from facilitator.minutes.pdf import render_outline as pdf

        return pdf(kept.outline)
    raise ValueError(f"unknown minutes format {fmt!r}")


SUBJECTS = {
    "entries": "note", "decisions": "decision", "next_steps": "next step", "evaluations": "evaluation line",
    "checkin_answers": "check-in answer", "attendance": "attendance mark", "dots": "dot vote",
}


def amendments(store: Store, meeting_id: int) -> list[str]:
    """What was corrected in a meeting's record after its minutes were approved (and kept), oldest
    first, in words with when and from which seat: the trail of later amendments."""
    approved = store.meetings.approval(meeting_id)
    if approved is None or approved["outline"] is None:
        return []
    later = [row for row in store.corrections.trail(meeting_id) if row["at"] > approved["approved_at"]]
    return [_said(store, row) for row in later]


def _read(subject: str, row: dict[str, Any]) -> str:
    """A version of a capture as the minutes read it: a note's text, a decision with its outcome,
    a next step with its owner, due date and status."""
    if subject == "decisions":
        return f"{row['text']} ({row['outcome'] or 'no outcome recorded'})"
    if subject == "next_steps":
        return f"{row['text']}: {row['owner_name'] or 'no owner'}, due {row['due'] or 'not set'}, {row['status']}"
    return str(row["text"])


def _said(store: Store, row: dict[str, Any]) -> str:
    when = datetime.fromisoformat(row["at"]).astimezone().strftime("%Y-%m-%d %H:%M")
    what = SUBJECTS.get(row["subject"], row["subject"].replace("_", " "))
    action = {"edit": "corrected", "strike": "struck", "restore": "brought back"}.get(row["action"], row["action"])
    said = f"{when}: {what} {action}"
    if row["subject"] in ("entries", "decisions", "next_steps") and row["action"] == "edit" and row["old_id"] and row["new_id"]:
        old = _read(row["subject"], store.captures.version(row["subject"], row["old_id"]))
        new = _read(row["subject"], store.captures.version(row["subject"], row["new_id"]))
        said += f", “{old}” → “{new}”"
    elif row["subject"] in ("entries", "decisions", "next_steps") and row["old_id"]:
        said += f": “{_read(row['subject'], store.captures.version(row['subject'], row['old_id']))}”"
    seat = f"seat {row['seat_id']}" + (f" ({row['seat_user']})" if row.get("seat_user") else "") if row["seat_id"] else ""
    return said + (f", from {seat}" if seat else "")
