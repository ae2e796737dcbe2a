"""The command line: `facilitator [--db PATH] COMMAND ...`.

Exit codes: 0 ok, 2 bad usage or bad input. Commands that only print never
import Textual, so they start fast and work without a terminal.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from facilitator.paths import default_db_path, demo_db_path
from facilitator.startup import resume_collector
from facilitator.store import Store, StoreError
from facilitator.text import printable
from facilitator.words import plural

if TYPE_CHECKING:
    from facilitator.exports import Export
    from facilitator.templates import AgendaTemplate


class UsageError(Exception):
    """Bad input from the person at the command line: message, then exit 2."""


NO_MEETINGS = "No meetings yet. Try `facilitator new --template partner-kickoff --title \"Kick-off\"`."


def utc_now() -> datetime:
    return datetime.now(UTC)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="facilitator",
        description="Run a coalition meeting from the keyboard and write its minutes.",
    )
    db_help = "database file (default: $FACILITATOR_DB, else the user data folder)"
    parser.add_argument("--db", metavar="PATH", help=db_help)
    # `--db` is also taken after the command (`facilitator list --db x.db`), where people put it.
    after = argparse.ArgumentParser(add_help=False)
    after.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=db_help)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_with_parents([after]))

    new = commands.add_parser("new", help="prepare a meeting from a template; prints its id")
    new.add_argument("--template", required=True, help="template name (see `templates list`) or a .toml file")
    new.add_argument("--title", required=True)
    new.add_argument("--date", type=_meeting_date, help="YYYY-MM-DD (default: today)")
    new.add_argument("--series", help="the coalition or workgroup it belongs to")
    new.add_argument("--place", default="", help="room, address or call link")

    listing = commands.add_parser("list", help="list meetings, newest first, with how far each has got")
    listing.add_argument("--series", help="only this coalition or workgroup")
    run = commands.add_parser("run", help="open a meeting's live screen")
    run.add_argument("meeting", type=_meeting_id, metavar="MEETING")
    run.add_argument("--view", action="store_true", help="read-only seat for projection: follows the other seat, changes nothing")
    commands.add_parser("demo", help="open a ready-made sample meeting (in its own demo database unless --db is given)")

    minutes = commands.add_parser("minutes", help="write a meeting's minutes")
    minutes.add_argument("meeting", type=_meeting_id, metavar="MEETING")
    minutes.add_argument(
        "--format", choices=["md", "html", "docx", "json", "pdf", "eml"], default="md",
        help="eml: a draft email to those who came, with the HTML minutes, the PDF and the next steps' calendar attached",
    )
    minutes.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output (DOCX, PDF and EML need a file)")

    actions = commands.add_parser("actions", help="next steps across meetings")
    actions.add_argument("--series", help="only this coalition or workgroup")
    actions.add_argument("--open", action="store_true", help="only those still open")
    actions.add_argument("--format", choices=["table", "csv", "ics"], default="table")
    actions.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")

    decisions = commands.add_parser("decisions", help="the decision log")
    decisions.add_argument("--series", help="only this coalition or workgroup")

    report = commands.add_parser("report", help="a series' attendance, sectors, voices, follow-through, decisions and evaluations")
    report.add_argument("--series", required=True, help="the coalition or workgroup")
    report.add_argument("--format", choices=["md", "html", "csv"], default="md")
    report.add_argument("-o", "--output", metavar="PATH", help="write here instead of standard output (CSV: a folder, one file per table)")

    search = commands.add_parser("search", help="find notes, ideas, check-ins, decisions, next steps and evaluation comments")
    search.add_argument("text", nargs="+")
    search.add_argument("--series", help="only this coalition or workgroup")
    search.add_argument("--page", type=_page, default=1, help=f"which {SEARCH_PAGE} matches to show (default: the newest)")

    commands.add_parser("schema", help="print the JSON Schema of `minutes --format json`")

    templates = commands.add_parser("templates", help="agenda templates")
    template_commands = templates.add_subparsers(dest="templates_command", metavar="list|show|check", required=True)
    template_commands.add_parser("list", help="list the built-in templates")
    show = template_commands.add_parser("show", help="print a template's agenda")
    show.add_argument("name")
    check = template_commands.add_parser("check", help="validate a template file")
    check.add_argument("file", type=Path)
    return parser


def _with_parents(parents: list[argparse.ArgumentParser]) -> type[argparse.ArgumentParser]:
    """The parser class for subcommands: each also takes the options of `parents`."""

    class Subcommand(argparse.ArgumentParser):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("parents", parents)
            super().__init__(*args, **kwargs)

    return Subcommand


SEARCH_PAGE = 50
"""Search results shown at once."""


def _page(text: str) -> int:
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= 1_000_000:
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a page number")
    return int(text)


def _meeting_id(text: str) -> int:
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) < 2**63:
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a meeting id; `facilitator list` shows them")
    return int(text)


def _meeting_date(text: str) -> date:
    from facilitator.dates import parse_meeting_date

    found = parse_meeting_date(text, utc_now().astimezone().date())
    if isinstance(found, str):
        raise argparse.ArgumentTypeError(found)
    return found


def _open(args: argparse.Namespace) -> Store:
    """The database, created if new: for the commands that write (`new`) and the app."""
    return Store.open(default_db_path(args.db))


def _read(args: argparse.Namespace) -> Store:
    """The database for a command that only reads: never created, so a mistyped --db makes no
    folders and no empty file."""
    path = default_db_path(args.db)
    if not path.is_file():
        if args.db or os.environ.get("FACILITATOR_DB"):
            raise UsageError(f"no database at {path}; check the path, or `facilitator new` prepares a meeting in a new one")
        raise UsageError(f"{NO_MEETINGS} ({path} does not exist.)")
    return Store.open(path)


def _meeting_exists(store: Store, meeting_id: int) -> None:
    try:
        store.meetings.get(meeting_id)
    except KeyError:
        raise UsageError(f"no meeting with id {meeting_id} in {store.path}; `facilitator list` shows them") from None


def _template(name: str) -> AgendaTemplate:
    """A built-in template by name, or a template file; a usage error says what is wrong."""
    from facilitator.templates import TemplateError, find_template

    try:
        return find_template(name)
    except (LookupError, TemplateError) as exc:
        raise UsageError(str(exc)) from None


def cmd_new(args: argparse.Namespace) -> int:
    from facilitator.session.plan import prepare_meeting

    template = _template(args.template)
    if not args.title.strip():
        raise UsageError("--title cannot be empty")
    now = utc_now()
    prepared = prepare_meeting(
        _open(args), template, title=args.title, on=args.date or now.astimezone().date(), now=now, series=args.series,
        place=args.place, template_name=Path(args.template).stem,
    )
    if isinstance(prepared, str):
        raise UsageError(prepared)
    print(prepared.meeting_id)
    for line in prepared.said:
        print(printable(line), file=sys.stderr)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from facilitator.text import table

    if not args.db and not os.environ.get("FACILITATOR_DB") and not default_db_path().exists() and not args.series:
        meetings = []  # a first run: nothing to list, and nothing is created to say so
    else:
        store = _read(args)
        series = _series(store, args.series)
        meetings = [m for m in store.meetings.all() if series is None or m.series_name == series]
    if not meetings:
        print(NO_MEETINGS)
        return 0
    statuses = store.meetings.statuses(utc_now(), series)
    rows = [
        [str(m.id), m.date.isoformat(), printable(m.series_name or "-"), printable(m.title), statuses.get(m.id, "not started")]
        for m in meetings
    ]
    print(table(["ID", "DATE", "SERIES", "TITLE", "STATUS"], rows, right=(0,)), end="")
    return 0


def _series(store: Store, typed: str | None) -> str | None:
    """The series a `--series` names (any case); a usage error naming the known ones if none."""
    if typed is None:
        return None
    found = store.archive.series_named(typed)
    if found is None:
        known = ", ".join(store.archive.series_names()) or "none yet"
        raise UsageError(f"no series named {typed!r}; the series in {store.path} are: {known}")
    return found


def _write(output: str | None, export: Export, what: str) -> None:
    """To a file (saying where, and what else to know) or to standard output."""
    from facilitator.exports import write

    if output:
        try:
            said = write(export, Path(output))
        except OSError as exc:
            raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None
        print(printable(said.replace("Written to", f"{what} written to", 1)), file=sys.stderr)
        return
    content = export.content
    if isinstance(content, dict):
        raise UsageError(f"{what} in this format are one file per table: give -o FOLDER")
    if not export.readable:
        raise UsageError(f"{what} in this format are a binary file: give -o FILE")
    sys.stdout.write(content.decode("utf-8") if isinstance(content, bytes) else content)
    for note in export.notes:
        print(printable(note), file=sys.stderr)


def cmd_minutes(args: argparse.Namespace) -> int:
    from facilitator import exports

    store = _read(args)
    _meeting_exists(store, args.meeting)
    what = "A draft email of the minutes" if args.format == "eml" else "Minutes"
    _write(args.output, exports.minutes(store, args.meeting, args.format, utc_now()), what)
    return 0


def cmd_actions(args: argparse.Namespace) -> int:
    from facilitator import exports

    store = _read(args)
    _write(args.output, exports.next_steps(store, args.format, utc_now(), series=_series(store, args.series), open_only=args.open),
           "Next steps")
    return 0


def cmd_decisions(args: argparse.Namespace) -> int:
    from facilitator.minutes.model import published_decision
    from facilitator.minutes.words import decision_facts
    from facilitator.models import Decision

    store = _read(args)
    rows = store.archive.decision_log(_series(store, args.series))
    if not rows:
        print("No decisions recorded.")
    for row in rows:
        decision = published_decision(Decision.from_row(row), row["item"])
        print(f"{row['date']}  {printable(row['meeting'])} · {printable(row['item'])}")
        print(f"  {printable(decision.text)} — {decision.outcome or 'no outcome recorded'}")
        for fact in decision_facts(decision):
            print(f"    {printable(fact)}")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from facilitator import exports
    from facilitator.report import build_report

    store = _read(args)
    series = _series(store, args.series)
    assert series is not None
    _write(args.output, exports.report(build_report(store, series, utc_now()), args.format), "Report")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    store = _read(args)
    typed, series = " ".join(args.text), _series(store, args.series)
    total = store.archive.search_count(typed, series=series)
    if not total:
        print("Nothing found.")
        return 0
    pages = -(-total // SEARCH_PAGE)
    if not 1 <= args.page <= pages:
        raise UsageError(f"{plural(total, 'match', 'matches')}: pages 1 to {pages}")
    first = (args.page - 1) * SEARCH_PAGE
    hits = store.archive.search(typed, series=series, limit=SEARCH_PAGE, offset=first)
    said = f"{plural(total, 'match', 'matches')}, newest first"
    if pages > 1:
        said += f"; {first + 1} to {first + len(hits)} (page {args.page} of {pages}"
        said += f"; --page {args.page + 1} for the next)" if args.page < pages else ")"
    print(said + ".")
    for hit in hits:
        print(f"{hit['date']}  [{hit['meeting_id']}] {printable(hit['meeting'])}  {hit['kind']}: {printable(hit['text'])}")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from facilitator.minutes.jsonout import json_schema

    sys.stdout.write(json_schema())
    return 0


def cmd_templates(args: argparse.Namespace) -> int:
    from facilitator.templates import TemplateError, builtin_templates, load_template

    if args.templates_command == "list":
        for name, path in builtin_templates().items():
            template = load_template(path)
            print(f"{name:<30} {template.length_minutes:>4} min  {printable(template.title)}")
        return 0
    if args.templates_command == "show":
        template = _template(args.name)
        print(f"{printable(template.title)} ({template.length_minutes} min)")
        if template.description:
            print(printable(template.description))
        from facilitator.documents import KINDS

        for number, item in enumerate(template.items, start=1):
            works = ""
            if item.document:
                kind = KINDS[item.document]
                works = f", drafts the {kind.title}'s {kind.label(item.part).lower()}" if item.part else f", works on the {kind.title}"
            print(f"{number:>2}. {printable(item.title)} [{item.kind.value}, {item.minutes} min{works}]")
            if item.prompt:
                print(f"    {printable(item.prompt)}")
        return 0
    try:
        template = load_template(args.file)
    except TemplateError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 2
    print(f"{args.file}: ok: {printable(template.title)!r}, {len(template.items)} items, {template.total_minutes} min")
    return 0


def _run_tui(store: Store, meeting_id: int | None, *, view_only: bool = False) -> int:
    from facilitator.app import build_app
    from facilitator.terminal import keep_terminal_input_whole

    keep_terminal_input_whole()
    app = build_app(store, utc_now, meeting_id=meeting_id, view_only=view_only)
    app.run()
    return app.return_code or 0


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
    "report": cmd_report,
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
        print(f"facilitator: {printable(str(exc))}", file=sys.stderr)
        return 2
    except sqlite3.DatabaseError as exc:  # found part-way through reading: a damaged file
        where = default_db_path(args.db) if args.command != "demo" else "the database"
        print(f"facilitator: {where} could not be read ({exc}). Nothing was written; if it is damaged, restore a backup, "
              "or copy what can be read with `sqlite3 FILE .recover`.", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `facilitator list | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
