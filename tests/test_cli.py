"""The command line: what a person types, what they read, and the exit codes."""

from __future__ import annotations

import subprocess
import sys

import pytest

from facilitator.cli import main
from facilitator.store import Store


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_templates_list_and_show(capsys):
    code, out, _ = run(capsys, "templates", "list")
    assert code == 0
    assert "partner-kickoff" in out and "60 min" in out
    code, out, _ = run(capsys, "templates", "show", "problem-statement")
    assert code == 0 and "Time frame and trend" in out


def test_templates_check_reports_file_line_field(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text('title = "x"\n\n[[items]]\ntitle = "A"\nkind = "chat"\nminutes = 0\n', encoding="utf-8")
    code, out, err = run(capsys, "templates", "check", str(bad))
    assert code == 2
    assert err.splitlines() == [
        f"{bad}:5: items[1].kind: unknown kind 'chat'; use one of: checkin, icebreaker, presentation, discussion, "
        "brainwriting, decision, next_steps, break, evaluation",
        f"{bad}:6: items[1].minutes: input should be greater than 0 (got 0)",
    ]
    good = tmp_path / "good.toml"
    good.write_text('title = "x"\n[[items]]\ntitle = "A"\nkind = "discussion"\nminutes = 15\n', encoding="utf-8")
    code, out, _ = run(capsys, "templates", "check", str(good))
    assert code == 0 and out.strip() == f"{good}: ok: 'x', 1 items, 15 min"


def test_new_list_and_minutes(tmp_path, capsys):
    db = str(tmp_path / "m.db")
    code, out, _ = run(
        capsys, "--db", db, "new", "--template", "coalition-meeting", "--title", "April", "--date", "2026-04-09", "--series", "Eastside"
    )
    assert code == 0 and out.strip() == "1"
    code, out, _ = run(capsys, "--db", db, "list")
    assert "2026-04-09" in out and "Eastside" in out and "April" in out
    target = tmp_path / "april.md"
    code, _, err = run(capsys, "--db", db, "minutes", "1", "--format", "md", "-o", str(target))
    assert code == 0 and "written" in err
    assert target.read_text(encoding="utf-8").startswith("# April\n")


def test_facilitator_db_environment_variable_is_used(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("FACILITATOR_DB", str(tmp_path / "env.db"))
    assert run(capsys, "new", "--template", "partner-kickoff", "--title", "K")[0] == 0
    assert (tmp_path / "env.db").exists()


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["minutes", "42"], "no meeting with id 42"),
        (["run", "42"], "no meeting with id 42"),
        (["new", "--template", "nope", "--title", "T"], "no template named 'nope'"),
        (["new", "--template", "partner-kickoff", "--title", "  "], "--title cannot be empty"),
    ],
)
def test_bad_input_exits_2_with_a_message(tmp_path, capsys, argv, says):
    Store.open(tmp_path / "m.db").close()
    code, _, err = run(capsys, "--db", str(tmp_path / "m.db"), *argv)
    assert code == 2 and says in err


def test_bad_usage_exits_2(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["new", "--template", "partner-kickoff", "--title", "T", "--date", "next tuesday"])
    assert exited.value.code == 2
    assert "is not a date" in capsys.readouterr().err


def test_a_meeting_date_with_a_mistyped_year_is_refused(tmp_path, capsys):
    """9999-12-31 used to be accepted, and the live screen then crashed on due:friday."""
    for typed, says in (("9999-12-31", "more than 10 years from today"), ("1026-04-09", "more than 100 years ago")):
        with pytest.raises(SystemExit) as exited:
            main(["--db", str(tmp_path / "m.db"), "new", "--template", "partner-kickoff", "--title", "T", "--date", typed])
        assert exited.value.code == 2
        assert says in capsys.readouterr().err
    assert not (tmp_path / "m.db").exists()  # refused before anything was opened


@pytest.mark.parametrize(
    "command", [["list"], ["minutes", "1"], ["actions"], ["decisions"], ["search", "bus"], ["report", "--series", "E"]]
)
def test_a_read_only_command_never_creates_a_database(tmp_path, capsys, command):
    """A mistyped --db on `list` used to make the folders and an empty database there."""
    missing = tmp_path / "no" / "such" / "place.db"
    code, _, err = run(capsys, *command, "--db", str(missing))
    assert code == 2 and f"no database at {missing}" in err
    assert not (tmp_path / "no").exists()


def test_the_first_run_says_how_to_start_and_creates_nothing(tmp_path, capsys):
    code, out, _ = run(capsys, "list")  # the user data folder (XDG_DATA_HOME points into tmp_path)
    assert code == 0 and out.startswith("No meetings yet. Try `facilitator new")
    code, _, err = run(capsys, "actions")
    assert code == 2 and "No meetings yet" in err
    assert not (tmp_path / "xdg-data").exists()


def test_a_corrupt_database_is_refused_with_exit_2(tmp_path, capsys):
    bad = tmp_path / "notes.db"
    bad.write_bytes(b"not sqlite at all" * 100)
    code, _, err = run(capsys, "--db", str(bad), "list")
    assert code == 2 and "not a Facilitator database" in err


def test_python_dash_m_works_like_the_command(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "facilitator", "templates", "list"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and "coalition-meeting" in result.stdout


def test_list_says_how_far_each_meeting_got_and_filters_by_series(tmp_path, capsys):
    from datetime import UTC, datetime

    from facilitator.session.meeting import MeetingSession
    from facilitator.store import Store

    db = str(tmp_path / "m.db")
    def new(title: str, day: str, series: str) -> tuple[int, str, str]:
        return run(capsys, "--db", db, "new", "--template", "coalition-meeting", "--title", title, "--date", day, "--series", series)

    meetings = (("Jan", "2026-01-06", "Eastside"), ("Feb", "2026-02-03", "Eastside"), ("Kick-off", "2026-01-10", "Westside"))
    for title, day, series in meetings:
        assert new(title, day, series)[0] == 0
    store = Store.open(db)
    session = MeetingSession(store, 1, lambda: datetime(2026, 1, 6, 18, tzinfo=UTC))
    session.apply("/start"), session.apply("/end")
    store.close()
    code, out, err = new("Mar", "2026-03-03", "Eastside")
    assert (code, out.strip()) == (0, "4") and "Item 2: Approve the minutes of 2026-01-06" in err
    code, out, _ = run(capsys, "--db", db, "list", "--series", "east")
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "DATE", "SERIES", "TITLE", "STATUS"]
    assert [line.split()[:2] + [line.split(None, 4)[-1]] for line in lines[1:]] == [
        ["4", "2026-03-03", "not started"], ["2", "2026-02-03", "not started"], ["1", "2026-01-06", "ended"],
    ]
    assert "Westside" not in out


def test_new_joins_the_series_a_typed_name_means(tmp_path, capsys):
    db = str(tmp_path / "m.db")
    base = ("--db", db, "new", "--template", "coalition-meeting", "--date", "2026-04-09")
    code, _, err = run(capsys, *base, "--title", "April", "--series", "Northside Health Partners")
    assert code == 0 and "New series 'Northside Health Partners'." in err
    code, _, err = run(capsys, *base, "--title", "May", "--series", "northside")
    assert code == 0 and "In the series 'Northside Health Partners'" in err
    _, out, _ = run(capsys, "--db", db, "list")
    assert out.count("Northside Health Partners") == 2 and "northside " not in out
