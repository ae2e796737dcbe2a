"""The domain core must not import Textual: it is tested, and used by the CLI, without a screen."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

# The only modules that may import Textual (or are not imported here), each with its reason.
FRONT_END = {
    "facilitator.app": "the Textual app and its factory",
    "facilitator.messages": "messages the app's workers post to its screens",
    "facilitator.terminal": "what Textual's driver reads from the terminal",
    "facilitator.screens": "Textual screens",
    "facilitator.widgets": "Textual widgets",
    "facilitator.__main__": "not front-end, but importing it runs the command line",
}


def domain_modules() -> list[str]:
    """Every module of the package but the front-end, found by walking it (not a kept list)."""
    import facilitator

    found = []
    for module in pkgutil.walk_packages(facilitator.__path__, "facilitator."):
        if not any(module.name == name or module.name.startswith(name + ".") for name in FRONT_END):
            found.append(module.name)
    return sorted(found)


def printed_by(code: str) -> str:
    """What `code` prints, run in a fresh interpreter (so nothing is imported yet)."""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_walk_finds_the_domain():
    found = domain_modules()
    assert {"facilitator.clock", "facilitator.capture", "facilitator.session.meeting", "facilitator.store.captures",
            "facilitator.activities.checkin", "facilitator.minutes.markdown", "facilitator.cli"} <= set(found)
    assert not any(name.startswith(("facilitator.screens", "facilitator.widgets")) for name in found)


def test_domain_modules_do_not_import_textual():
    code = "import sys\n" + "".join(f"import {m}\n" for m in domain_modules()) + (
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
        "from facilitator.session.meeting import MeetingSession\n"
        "from facilitator.store import Store\n"
        f"session = MeetingSession(Store.open({str(db_path)!r}), {meeting_id}, lambda: datetime.now(timezone.utc), recovering=True)\n"
        "session.notes.captures(session.current_item().id)\n"
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
