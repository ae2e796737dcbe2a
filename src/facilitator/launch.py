"""The `facilitator` command's first lines: start-up runs with the garbage collector paused.

Opening a meeting builds a few hundred thousand objects (modules, styles, widgets, the notes
of a long meeting) and none of them is garbage yet; letting the collector walk them again and
again while they pile up costs about a tenth of the start. It resumes after the first frame,
or at once for the commands that only print, and what start-up built is frozen out of its
later passes, so they stay short while someone types.
"""

from __future__ import annotations

import gc


def main() -> int:
    gc.disable()
    from facilitator.cli import main as cli_main

    return cli_main()


def resume_collector() -> None:
    """Turn the collector back on if `main` paused it (a no-op otherwise, as in tests)."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
