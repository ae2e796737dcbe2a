"""Compare a benchmark result with the targets: `python bench/run.py | python bench/check.py`.

Reads the last line of its input (the JSON object bench/run.py prints), says which targets are
met and which are missed, and exits 1 when any is missed. Kept apart from the tests on purpose:
timings depend on the machine, so they are checked here, deliberately, not in the suite.
"""

from __future__ import annotations

import json
import sys

TARGETS = {  # measure: (limit, unit) — every limit is an upper bound
    "start_ratio": (1.2, "× bare Textual app"),  # with the 100-meeting archive in the file
    "key_echo_p95_ms": (8.3, "ms"),  # one frame at 120 Hz
    "key_echo_checkin_p95_ms": (8.3, "ms"),  # typing while a check-in panel ticks
    "visible_p95_ms": (17.0, "ms"),  # Enter to the note on screen
    "write_p99_ms": (1.0, "ms"),
    "export_md_ms": (100.0, "ms"),
    "export_html_ms": (200.0, "ms"),
    "export_docx_ms": (1500.0, "ms"),
    "export_pdf_ms": (1000.0, "ms"),  # the 2,000-entry meeting, built and rendered in-process
    "export_pdf_command_ms": (1000.0, "ms"),  # `minutes --format pdf` as a person runs it, imports and fonts included
    "series_report_ms": (1000.0, "ms"),  # 100 meetings, 50,000 entries, built and rendered
    "search_p95_ms": (100.0, "ms"),
    "rss_mb": (120.0, "MB"),
    # The room: 60 phones on loopback polling and sending 600 ideas in 60 s (bench/phones.py).
    "room_visible_p95_ms": (100.0, "ms"),  # a phone's request to the frame that shows its idea
    "key_echo_room_p95_ms": (8.3, "ms"),  # typing in the capture bar meanwhile
    "room_ideas_lost": (0, "ideas"),
}


def main() -> int:
    lines = [line for line in sys.stdin.read().splitlines() if line.strip()]
    if not lines:
        print("no benchmark output on standard input", file=sys.stderr)
        return 2
    result = json.loads(lines[-1])
    missed = 0
    for key, (limit, unit) in TARGETS.items():
        value = result.get(key)
        ok = value is not None and value <= limit
        missed += not ok
        print(f"{'ok  ' if ok else 'MISS'} {key:<24} {value!s:>10}  (target ≤ {limit:g} {unit})")
    steal = result.get("steal_pct")
    if steal is not None and steal > 5:
        print(f"note: the hypervisor took {steal} % of the CPU during the run; run again on a quieter machine before trusting a miss")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
