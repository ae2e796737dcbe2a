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


def test_domain_modules_do_not_import_textual():
    code = "import sys\n" + "".join(f"import {m}\n" for m in DOMAIN) + (
        "leaked = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(leaked))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
