"""The domain core must not import Textual: it is tested, and used by the CLI, without a screen."""

from __future__ import annotations

import subprocess
import sys

DOMAIN = [
    "facilitator.agenda",
    "facilitator.capture",
    "facilitator.completion",
    "facilitator.clock",
    "facilitator.minutes",
    "facilitator.minutes.words",
    "facilitator.activities.review",
    "facilitator.session_activities",
    "facilitator.models",
    "facilitator.session",
    "facilitator.store",
    "facilitator.store.schema",
    "facilitator.demo",
    "facilitator.actions",
    "facilitator.cli",
    "facilitator.paths",
    "facilitator.text",
]


def printed_by(code: str) -> str:
    """What `code` prints, run in a fresh interpreter (so nothing is imported yet)."""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_domain_modules_do_not_import_textual():
    code = "import sys\n" + "".join(f"import {m}\n" for m in DOMAIN) + (
        "leaked = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(leaked))\n"
    )
    assert printed_by(code) == ""


def test_opening_a_meeting_imports_neither_pydantic_nor_sqlite_utils(store, db_path, clock):
    """They cost a third of a bare Textual app's start between them; `run ID` does not need them.
    Templates and exports (pydantic) and migrations (sqlite-utils) load them when used."""
    from facilitator.demo import create_demo_meeting

    meeting_id = create_demo_meeting(store, clock())
    store.close()
    code = (
        "import sys\n"
        "from datetime import datetime, timezone\n"
        "import facilitator.cli, facilitator.app, facilitator.screens.live\n"
        "from facilitator.session import MeetingSession\n"
        "from facilitator.store import Store\n"
        f"session = MeetingSession(Store.open({str(db_path)!r}), {meeting_id}, lambda: datetime.now(timezone.utc), recovering=True)\n"
        "session.captures(session.current_item().id)\n"
        "print(','.join(sorted(m for m in ('pydantic', 'sqlite_utils') if m in sys.modules)))\n"
    )
    assert printed_by(code) == ""


def test_the_path_to_the_live_screen_defines_no_dataclasses():
    """On Python 3.11 each dataclass compiles its methods at import, ~1.5 ms a class: 45 of them
    were 65 ms of the start. Value types here are msgspec structs, defined in microseconds."""
    code = (
        "import dataclasses, sys\n"
        "import facilitator.cli, facilitator.app, facilitator.screens.live\n"
        "found = sorted(f'{name}.{value.__name__}' for name, module in list(sys.modules.items())\n"
        "               if name.startswith('facilitator') for value in vars(module).values()\n"
        "               if isinstance(value, type) and value.__module__ == name and dataclasses.is_dataclass(value))\n"
        "print(','.join(found))\n"
    )
    assert printed_by(code) == ""
