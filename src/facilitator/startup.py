"""The process's first settings, before anything heavy loads: start-up runs with the garbage
collector paused, and the screen may redraw up to 120 times a second.

Opening a meeting builds a few hundred thousand objects (modules, styles, widgets, the notes
of a long meeting) and none of them is garbage yet; letting the collector walk them again and
again while they pile up costs about a tenth of the start. It resumes after the first frame,
or at once for the commands that only print, and what start-up built is frozen out of its
later passes, so they stay short while someone types.
"""

from __future__ import annotations

import gc
import os

FRAMES_PER_SECOND = "120"
"""Textual redraws at most 60 times a second by default, so a typed key or a saved note waits
up to 17 ms for the next frame. At 120 that wait halves: in six alternated benchmark runs (a
busy VM, steal 4-17 %) note visible p95 went from 46-65 to 30-48 ms and key echo p95 from
20-29 to 12-25 ms. Frames are drawn only when something changed, so an idle screen costs no
more. A TEXTUAL_FPS set by the user still wins."""


def pause_collector() -> None:
    """Pause the collector and raise the frame rate; both before Textual is imported."""
    gc.disable()
    os.environ.setdefault("TEXTUAL_FPS", FRAMES_PER_SECOND)  # read when Textual is imported


def resume_collector() -> None:
    """Turn the collector back on if `pause_collector` paused it (a no-op otherwise, as in tests)."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
