"""Every export, for the command line and every screen alike: a meeting's minutes (Markdown,
HTML, Word, PDF, JSON, a draft email; its next steps as CSV and iCalendar), the next steps
across meetings, and a series' report. What to render, what the file is called, where it goes
by default, and what to tell the person who asked (who the email reaches, what did not print).

Renderers load on first use: the live screen never waits for them.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from facilitator.store import Store

if TYPE_CHECKING:
    from facilitator.minutes.next_steps import ActionRow
    from facilitator.report import SeriesReport

MINUTES_FORMATS: dict[str, tuple[str, str]] = {
    "md": ("Markdown", "md"),
    "html": ("HTML", "html"),
    "docx": ("Word (DOCX)", "docx"),
    "pdf": ("PDF", "pdf"),
    "eml": ("a draft email to those who came", "eml"),
    "json": ("JSON", "json"),
    "csv": ("next steps as CSV", "csv"),
    "ics": ("next steps as a calendar", "ics"),
}
"""Format: (what it is, in words; the file's extension)."""
REPORT_FORMATS = {"md": "Markdown", "html": "HTML", "csv": "a folder of CSV tables"}
BINARY = ("docx", "pdf", "eml")


class Export(msgspec.Struct, frozen=True):
    """Rendered content, and what the person who asked for it should be told."""

    content: str | bytes | dict[str, str]
    """Text, bytes, or (a CSV report) file name -> text."""
    notes: list[str] = []
    readable: bool = True
    """Text a terminal can show (iCalendar's bytes are UTF-8 text); False for DOCX, PDF and email."""


def default_folder() -> Path:
    """Where exports go unless a path is given: the user's documents (never the folder the app
    was started in, which may be a project's)."""
    import platformdirs

    return platformdirs.user_documents_path() / "Facilitator"


def slug(title: str) -> str:
    """A title as a file name part: `eastside-partner-kick-off`."""
    return re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")[:60] or "meeting"


def minutes_name(on: date, title: str, fmt: str) -> str:
    """`2026-03-12-eastside-partner-kick-off.md`, `...-next-steps.ics`: safe on every system."""
    suffix = "-next-steps" if fmt in ("csv", "ics") else ""
    return f"{on.isoformat()}-{slug(title)}{suffix}.{MINUTES_FORMATS[fmt][1]}"


def report_name(series: str, as_of: date, fmt: str) -> str:
    stem = f"{as_of.isoformat()}-{slug(series)}-report"
    return stem if fmt == "csv" else f"{stem}.{fmt}"


def minutes(store: Store, meeting_id: int, fmt: str, now: datetime) -> Export:
    """One meeting's minutes (or its next steps) in `fmt`, one of `MINUTES_FORMATS`."""
    if fmt not in MINUTES_FORMATS:
        raise ValueError(f"unknown minutes format {fmt!r}; use one of {', '.join(MINUTES_FORMATS)}")
    if fmt == "eml":
        from facilitator.minutes.mail import draft_email

        draft = draft_email(store, meeting_id, now)
        notes = [f"Addressed to {len(draft.addressed)} of the {len(draft.addressed) + len(draft.no_email)} who came."]
        if draft.no_email:
            notes.append(f"No email on the roster for: {', '.join(draft.no_email)} (add it in Setup, F3).")
        return Export(draft.message, notes, readable=False)
    if fmt in ("csv", "ics"):
        from facilitator.minutes.next_steps import action_rows

        return Export(_steps(store, action_rows(store, meeting_id=meeting_id), fmt, now))
    from facilitator.minutes.kept import amendments, as_they_stand, render_kept

    kept = as_they_stand(store, meeting_id, now)
    notes = []
    if kept.approved_at is not None:
        later = amendments(store, meeting_id)
        notes.append("These are the minutes as approved" + (
            f"; corrected since, not part of them: {'; '.join(later)}." if later else ", unchanged since."
        ))
    return Export(render_kept(kept, fmt), notes, readable=fmt not in BINARY)


def next_steps(store: Store, fmt: str, now: datetime, *, series: str | None = None, open_only: bool = False) -> Export:
    """The next steps across meetings (of one series): a table to read, CSV or iCalendar."""
    from facilitator.minutes.next_steps import action_rows, render_table

    rows = action_rows(store, series=series, open_only=open_only)
    if fmt == "table":
        return Export(render_table(rows, now.astimezone().date()))
    return Export(_steps(store, rows, fmt, now))


def _steps(store: Store, rows: list[ActionRow], fmt: str, now: datetime) -> str | bytes:
    from facilitator.minutes.next_steps import render_csv, render_ics

    if fmt == "csv":
        return render_csv(rows)
    return render_ics(rows, now, store.archive.database_id())  # bytes: its CRLF line ends are kept


def report(series_report: SeriesReport, fmt: str) -> Export:
    """A series' report in one of `REPORT_FORMATS` (CSV: one file per table)."""
    from facilitator.report import render_csv, render_html, render_markdown

    if fmt == "csv":
        return Export(render_csv(series_report))
    return Export(render_markdown(series_report) if fmt == "md" else render_html(series_report))


def write(export: Export, target: Path) -> str:
    """Write an export (a folder of files for a CSV report); what was written, in words. Raises
    OSError with the system's reason when the path cannot take it."""
    content = export.content
    if isinstance(content, dict):
        target.mkdir(parents=True, exist_ok=True)
        for name, text in content.items():
            (target / name).write_text(text, encoding="utf-8", errors="replace")
        said = f"Tables written to {target}/"
    else:
        if target.parent == default_folder():
            target.parent.mkdir(parents=True, exist_ok=True)  # ours to make; a folder someone typed must exist
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8", errors="replace")
        said = f"Written to {target}"
    return " ".join([said + ".", *export.notes])
