"""The command line: `facilitator [--db PATH] COMMAND ...`.

Exit codes: 0 ok, 2 bad usage or bad input. Commands that only print never
import Textual, so they start fast and work without a terminal.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator.launch import resume_collector
from facilitator.paths import default_db_path, demo_db_path
from facilitator.store import Store, StoreError

if TYPE_CHECKING:
    from facilitator.agenda import AgendaTemplate


class UsageError(Exception):
    """Bad input from the person at the command line: message, then exit 2."""


def utc_now() -> datetime:
    return datetime.now(UTC)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="facilitator",
        description="Run a coalition meeting from the keyboard and write its minutes.",
    )
    parser.add_argument("--db", metavar="PATH", help="database file (default: $FACILITATOR_DB, else the user data folder)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    new = commands.add_parser("new", help="prepare a meeting from a template; prints its id")
    new.add_argument("--template", required=True, help="template name (see `templates list`) or a .toml file")
    new.add_argument("--title", required=True)
    new.add_argument("--date", type=_iso_date, help="YYYY-MM-DD (default: today)")
    new.add_argument("--series", help="the coalition or workgroup it belongs to")
    new.add_argument("--place", default="", help="room, address or call link")

    commands.add_parser("list", help="list meetings, newest first")
    run = commands.add_parser("run", help="open a meeting's live screen")
    run.add_argument("meeting", type=int, metavar="MEETING")
    run.add_argument("--view", action="store_true", help="read-only seat for projection: follows the other seat, changes nothing")
    commands.add_parser("demo", help="open a ready-made sample meeting (in its own demo database unless --db is given)")

    minutes = commands.add_parser("minutes", help="write a meeting's minutes")
    minutes.add_argument("meeting", type=int, metavar="MEETING")
    minutes.add_argument("--format", choices=["md", "html", "docx", "json"], default="md")
    minutes.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output (DOCX needs a file)")

    actions = commands.add_parser("actions", help="next steps across meetings")
    actions.add_argument("--series", help="only this coalition or workgroup")
    actions.add_argument("--open", action="store_true", help="only those still open")
    actions.add_argument("--format", choices=["table", "csv", "ics"], default="table")
    actions.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")

    decisions = commands.add_parser("decisions", help="the decision log")
    decisions.add_argument("--series", help="only this coalition or workgroup")

    search = commands.add_parser("search", help="find notes, ideas, decisions and next steps across meetings")
    search.add_argument("text", nargs="+")

    commands.add_parser("schema", help="print the JSON Schema of `minutes --format json`")

    templates = commands.add_parser("templates", help="agenda templates")
    template_commands = templates.add_subparsers(dest="templates_command", metavar="list|show|check", required=True)
    template_commands.add_parser("list", help="list the built-in templates")
    show = template_commands.add_parser("show", help="print a template's agenda")
    show.add_argument("name")
    check = template_commands.add_parser("check", help="validate a template file")
    check.add_argument("file", type=Path)
    return parser


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-21") from None


def _open(args: argparse.Namespace) -> Store:
    return Store.open(default_db_path(args.db))


def _meeting_exists(store: Store, meeting_id: int) -> None:
    try:
        store.meetings.get(meeting_id)
    except KeyError:
        raise UsageError(f"no meeting with id {meeting_id} in {store.path}; `facilitator list` shows them") from None


def _template(name: str) -> AgendaTemplate:
    """A built-in template by name, or a template file; a usage error says what is wrong."""
    from facilitator.agenda import TemplateError, find_template

    try:
        return find_template(name)
    except (LookupError, TemplateError) as exc:
        raise UsageError(str(exc)) from None


def cmd_new(args: argparse.Namespace) -> int:
    template = _template(args.template)
    if not args.title.strip():
        raise UsageError("--title cannot be empty")
    now = utc_now()
    store = _open(args)
    meeting_id = store.meetings.create(
        template,
        title=args.title.strip(),
        on=args.date or now.astimezone().date(),
        at=now,
        series=args.series.strip() if args.series else None,
        place=args.place,
        template_name=Path(args.template).stem,
    )
    print(meeting_id)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    meetings = _open(args).meetings.all()
    if not meetings:
        print("No meetings yet. Try `facilitator new --template partner-kickoff --title \"Kick-off\"`.")
        return 0
    print(f"{'ID':>4}  {'DATE':<10}  {'SERIES':<24}  TITLE")
    for meeting in meetings:
        print(f"{meeting.id:>4}  {meeting.date.isoformat():<10}  {(meeting.series_name or '-')[:24]:<24}  {meeting.title}")
    return 0


def _write(output: str | None, content: str | bytes, what: str) -> None:
    """To a file (reporting where) or to standard output."""
    if output:
        try:
            if isinstance(content, bytes):
                Path(output).write_bytes(content)
            else:
                Path(output).write_text(content, encoding="utf-8", errors="replace")
        except OSError as exc:
            raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None
        print(f"{what} written to {output}", file=sys.stderr)
    elif isinstance(content, bytes):
        raise UsageError(f"{what} in this format are a binary file: give -o FILE")
    else:
        sys.stdout.write(content)


def cmd_minutes(args: argparse.Namespace) -> int:
    from facilitator.minutes import build_minutes, render

    store = _open(args)
    _meeting_exists(store, args.meeting)
    _write(args.output, render(build_minutes(store, args.meeting, utc_now()), args.format), "Minutes")
    return 0


def cmd_actions(args: argparse.Namespace) -> int:
    from facilitator.minutes.next_steps import action_rows, render_csv, render_ics, render_table

    rows = action_rows(_open(args), series=args.series, open_only=args.open)
    content: str | bytes
    if args.format == "table":
        content = render_table(rows)
    elif args.format == "csv":
        content = render_csv(rows)
    else:  # iCalendar is text too; written as-is so its CRLF line ends survive
        content = render_ics(rows, utc_now()) if args.output else render_ics(rows, utc_now()).decode("utf-8")
    _write(args.output, content, "Next steps")
    return 0


def cmd_decisions(args: argparse.Namespace) -> int:
    from facilitator.text import printable

    rows = _open(args).archive.decision_log(args.series)
    if not rows:
        print("No decisions recorded.")
    for row in rows:
        how = ", ".join(filter(None, [row["method"], row["outcome"] or "no outcome recorded"]))
        print(f"{row['date']}  {printable(row['meeting'])}: {printable(row['text'])} ({how})")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from facilitator.text import printable

    hits = _open(args).archive.search(" ".join(args.text))
    if not hits:
        print("Nothing found.")
    for hit in hits:
        print(f"{hit['date']}  [{hit['meeting_id']}] {printable(hit['meeting'])}  {hit['kind']}: {printable(hit['text'])}")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from facilitator.minutes.jsonout import json_schema

    sys.stdout.write(json_schema())
    return 0


def cmd_templates(args: argparse.Namespace) -> int:
    from facilitator.agenda import TemplateError, builtin_templates, load_template

    if args.templates_command == "list":
        for name, path in builtin_templates().items():
            template = load_template(path)
            print(f"{name:<30} {template.length_minutes:>4} min  {template.title}")
        return 0
    if args.templates_command == "show":
        template = _template(args.name)
        print(f"{template.title} ({template.length_minutes} min)")
        if template.description:
            print(template.description)
        for number, item in enumerate(template.items, start=1):
            print(f"{number:>2}. {item.title} [{item.kind.value}, {item.minutes} min]")
            if item.prompt:
                print(f"    {item.prompt}")
        return 0
    try:
        template = load_template(args.file)
    except TemplateError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 2
    print(f"{args.file}: ok: {template.title!r}, {len(template.items)} items, {template.total_minutes} min")
    return 0


def _run_tui(store: Store, meeting_id: int | None, *, view_only: bool = False) -> int:
    from facilitator.app import build_app

    build_app(store, utc_now, meeting_id=meeting_id, view_only=view_only).run()
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    store = Store.open(default_db_path(args.db), readonly=args.view)
    _meeting_exists(store, args.meeting)
    return _run_tui(store, args.meeting, view_only=args.view)


def cmd_demo(args: argparse.Namespace) -> int:
    from facilitator.demo import create_demo_meeting

    path = Path(args.db).expanduser() if args.db else demo_db_path()
    if not args.db:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    store = Store.open(path)
    return _run_tui(store, create_demo_meeting(store, utc_now()))


COMMANDS = {
    "new": cmd_new,
    "list": cmd_list,
    "minutes": cmd_minutes,
    "actions": cmd_actions,
    "decisions": cmd_decisions,
    "search": cmd_search,
    "schema": cmd_schema,
    "templates": cmd_templates,
    "run": cmd_run,
    "demo": cmd_demo,
}


TUI_COMMANDS = {None, "run", "demo"}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command not in TUI_COMMANDS:
        resume_collector()  # the app resumes it after its first frame
    try:
        if args.command is None:
            return _run_tui(_open(args), None)
        return COMMANDS[args.command](args)
    except (UsageError, StoreError) as exc:
        print(f"facilitator: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
