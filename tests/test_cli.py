"""The command line: what a person types, what they read, and the exit codes."""

from __future__ import annotations

import subprocess
import sys

import pytest

from facilitator.cli import main


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
    code, _, err = run(capsys, "--db", str(tmp_path / "m.db"), *argv)
    assert code == 2 and says in err


def test_bad_usage_exits_2(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["new", "--template", "partner-kickoff", "--title", "T", "--date", "next tuesday"])
    assert exited.value.code == 2
    assert "is not a date" in capsys.readouterr().err


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
