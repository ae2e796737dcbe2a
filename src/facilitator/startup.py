"""The process's first settings, before anything heavy loads: start-up runs with the garbage
collector paused, and the screen may redraw up to 240 times a second.

Opening a meeting builds a few hundred thousand objects (modules, styles, widgets, the notes
of a long meeting) and none of them is garbage yet; letting the collector walk them again and
again while they pile up costs about a tenth of the start. It resumes after the first frame,
or at once for the commands that only print, and what start-up built is frozen out of its
later passes, so they stay short while someone types.
"""

from __future__ import annotations

import gc
import os

FRAMES_PER_SECOND = "240"
"""Textual redraws at most 60 times a second by default, so a typed key or a saved note waits
up to 17 ms for the next frame (a frame follows the last one by at least 1/FPS). At 240 that
wait is at most 4 ms: on the benchmark (quiet machine, steal 0 %) note visible p95 went from
18.0 to 13.3-14.0 ms against 120, key echo p95 from 5.8-6.8 to 3.8-4.7 ms, and typing while 60
phones send from 10.7-12.8 to 7.4-13.1 ms. Frames are drawn only when something changed, so an
idle screen costs no more. A TEXTUAL_FPS set by the user still wins."""


def pause_collector() -> None:
    """Pause the collector and raise the frame rate; both before Textual is imported."""
    gc.disable()
    os.environ.setdefault("TEXTUAL_FPS", FRAMES_PER_SECOND)  # read when Textual is imported


def resume_collector() -> None:
    """Turn the collector back on if `pause_collector` paused it (a no-op otherwise, as in tests)."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
