"""Benchmark: a synthetic 3-hour meeting with 2,000 entries, measured as a note-taker feels it,
in a database that also holds a coalition's archive: 100 meetings, 50,000 entries.

    python bench/run.py [--runs 10] [--keys 200]

Start-up, key echo and "visible" are measured on the real app running on a pseudo-terminal and
read back through a terminal emulator (pyte): each is the time until the first complete frame
(synchronized output, as modern terminals offer it) after which the emulated screen shows the
result. The room is measured the same way, with 60 simulated phones (bench/phones.py, another
process) polling and sending 600 ideas over 60 s while keys are typed. Durable writes, exports
(and the PDF minutes as a command), the archive's series report and search are timed in-process. Prints a table, then one JSON
object as the last line. Timings only report here: `bench/check.py`
compares a result with the targets. Needs the test extras (pyte).
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import re
import select
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import facilitator  # noqa: E402
from facilitator.clock import ClockEvent, FlowKind  # noqa: E402
from facilitator.minutes import build_minutes, render  # noqa: E402
from facilitator.models import AttendanceStatus, Person  # noqa: E402
from facilitator.report import build_report  # noqa: E402
from facilitator.report import render_markdown as render_report  # noqa: E402
from facilitator.store import Store  # noqa: E402
from facilitator.templates import AgendaTemplate, TemplateItem  # noqa: E402
from pty_app import PtyApp  # noqa: E402

KINDS = ["checkin", "presentation", "discussion", "brainwriting", "discussion", "break", "discussion",
         "decision", "discussion", "brainwriting", "next_steps", "evaluation"]
CURRENT = 6  # the item the meeting is on: it holds the most notes on screen


def started_meeting(store: Store, template: AgendaTemplate, title: str, started: datetime) -> tuple[int, list[Person]]:
    """A meeting of the bench coalition, started at `started`, with 12 voting members present."""
    meeting_id = store.meetings.create(template, title=title, on=started.date(), at=started, series="Bench coalition")
    roster = [(f"Person {n:02}", f"Org {n % 5}", "public health", "", True) for n in range(12)]
    people = store.people.add_many(store.meetings.get(meeting_id).series_id, roster)
    with store.atomic():
        for person in people:
            store.people.mark(meeting_id, person.id, AttendanceStatus.PRESENT, started)
        store.agenda.add_event(meeting_id, ClockEvent(started, FlowKind.START))
    return meeting_id, people


def build_meeting(path: Path, now: datetime) -> tuple[int, str]:
    """A 3-hour meeting, started 2 h 50 min ago, with 2,000 entries (800 on the current item)."""
    store = Store.open(path)
    template = AgendaTemplate(
        title="Synthetic three-hour meeting",
        items=[TemplateItem(title=f"Item {n + 1}: {kind.replace('_', ' ')}", kind=kind, minutes=15) for n, kind in enumerate(KINDS)],
    )
    started = now - timedelta(hours=2, minutes=50)
    meeting_id, people = started_meeting(store, template, "Benchmark meeting", started)
    agenda = store.agenda.items(meeting_id)
    with store.atomic():
        store.agenda.add_events(meeting_id, [ClockEvent(started + timedelta(minutes=14 * (n + 1)), FlowKind.NEXT) for n in range(CURRENT)])
        last_text = ""
        for n in range(2000):
            item = agenda[CURRENT] if n < 800 else agenda[n % CURRENT]
            at = started + timedelta(seconds=5 * n)
            last_text = f"Note {n:04}: partners discussed transport, housing and clinic hours for families"
            store.captures.add_entry(meeting_id, item.id, last_text, at=at)
        for n in range(300):
            store.voices.start_turn(meeting_id, agenda[n % CURRENT].id, people[n % 12].id, at=started + timedelta(seconds=30 * n))
        store.voices.end_turn(meeting_id, at=started + timedelta(seconds=30 * 300))
        for n in range(10):
            store.captures.add_decision(
                meeting_id, agenda[7].id, f"Decision {n}", at=started, outcome="adopted", votes_for=7, votes_against=1
            )
        for n in range(40):
            store.captures.add_next_step(meeting_id, agenda[10].id, f"Action {n}", at=started, owner=people[n % 12], due=now.date())
    store.close()
    return meeting_id, "Note 0799"


ARCHIVE_MEETINGS, ARCHIVE_ENTRIES = 100, 50_000
SEARCHES = ("transport", "clinic hours", "housing vouchers", "Member 07", "asthma data")


def build_archive(path: Path, now: datetime) -> str:
    """A coalition's two years: 100 ended meetings of one series, 50,000 notes and parked items,
    20 people's attendance, speaking turns, decisions with reviews, next steps reviewed at the
    next meeting, and ratings. Rows are written in bulk, as a migration would; returns the series."""
    store = Store.open(path)
    series = "Archive coalition"
    template = AgendaTemplate(
        title="Archive meeting",
        items=[TemplateItem(title=f"Item {n + 1}", kind=kind, minutes=10) for n, kind in enumerate(
            ["checkin", "discussion", "discussion", "decision", "next_steps", "evaluation"]
        )],
    )
    series_id = store.meetings.series_id(series, at=now)
    people = store.people.add_many(series_id, [
        (f"Member {n:02}", f"Org {n % 7}", ["public health", "housing", "education", "community members"][n % 4], "", True, n % 4 == 3)
        for n in range(20)
    ])
    per_meeting = ARCHIVE_ENTRIES // ARCHIVE_MEETINGS
    db = store.db
    with store.atomic():
        for m in range(ARCHIVE_MEETINGS):
            day = now - timedelta(days=7 * (ARCHIVE_MEETINGS - m))
            meeting_id = store.meetings.create(template, title=f"Archive meeting {m + 1}", on=day.date(), at=day, series=series)
            items = [i for i in store.agenda.items(meeting_id) if i.approves_meeting_id is None]  # the template's six
            store.agenda.add_events(meeting_id, [
                ClockEvent(day, FlowKind.START), *(ClockEvent(day + timedelta(minutes=10 * n), FlowKind.NEXT) for n in range(1, 6)),
                ClockEvent(day + timedelta(minutes=60), FlowKind.END),
            ])
            db["attendance"].insert_all(
                {"meeting_id": meeting_id, "person_id": p.id, "status": "present" if (m + i) % 5 else "absent", "at": day.isoformat()}
                for i, p in enumerate(people)
            )
            db["entries"].insert_all(
                {
                    "meeting_id": meeting_id, "item_id": items[1 + n % 2].id, "kind": "park" if n % 97 == 0 else "note",
                    "text": f"Note {n} of meeting {m + 1}: transport, clinic hours and housing vouchers ({people[n % 20].name})",
                    "created_at": (day + timedelta(seconds=6 * n)).isoformat(),
                }
                for n in range(per_meeting)
            )
            db["turns"].insert_all(
                {
                    "meeting_id": meeting_id, "item_id": items[1].id, "person_id": people[(m + n) % 20].id,
                    "started_at": (day + timedelta(seconds=60 * n)).isoformat(),
                    "ended_at": (day + timedelta(seconds=60 * n + 20 + (n % 5) * 8)).isoformat(),
                }
                for n in range(30)
            )
            store.captures.add_decision(meeting_id, items[3].id, f"Decision of meeting {m + 1}", at=day, outcome="adopted",
                                        votes_for=12, votes_against=1, review_date=(day + timedelta(days=60)).date())
            for n in range(5):
                store.captures.add_next_step(meeting_id, items[4].id, f"Step {n} of meeting {m + 1}", at=day,
                                             owner=people[n], owner_name=None, due=(day + timedelta(days=5 + n)).date())
            for n in range(6):
                store.evaluation.add(meeting_id, items[5].id, "rating", at=day, ratings=[3 + (n + m) % 3, 4, 5 - n % 2])
        ids = [m.id for m in store.series.meetings(series_id)]
        following = dict(zip(ids, ids[1:], strict=False))
        for step_id, meeting_id in db.execute("SELECT id, meeting_id FROM next_steps ORDER BY id").fetchall():
            if meeting_id in following:  # reviewed at the next meeting: done, or carried over
                store.review.add(following[meeting_id], "action", step_id, "done" if step_id % 3 else "carried over", at=now)
    store.close()
    return series


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def time_to_first_frame(argv: list[str], needle: str, env: dict[str, str]) -> float:
    """From process start to the arrival of the first frame that shows `needle`."""
    started = time.perf_counter()
    app = PtyApp(argv=argv, env=env)
    try:
        return Frames(app).until(lambda: needle in app.text(), started, timeout=30)
    finally:
        app.kill()


def capture_line(app: PtyApp) -> str:
    """The text in the capture bar, as the terminal shows it."""
    return next((line for line in app.screen.display if line.startswith("▊") and "▔" not in line and "▁" not in line), "")


SYNC_QUERY = b"\x1b[?2026$p"  # "do you support synchronized output?"
SYNC_REPLY = b"\x1b[?2026;2$y"  # yes, as modern terminals answer
SYNC_END = b"\x1b[?2026l"  # Textual then ends every frame with this


class Frames:
    """Reads the app's output frame by frame, answering the synchronized-output query as a real
    terminal would, so each frame's arrival time is known. The emulator (pyte) then confirms
    what the frame shows; its own parsing time is not charged to the app."""

    def __init__(self, app: PtyApp) -> None:
        self.app = app
        self.pending = b""
        self.last: float | None = None
        self.on_frame: Callable[[float], None] | None = None
        """Called with each frame's arrival time, once the emulated screen shows it."""

    def _read(self, timeout: float) -> float | None:
        """Read what is there; the arrival time of the last complete frame, if any."""
        ready, _, _ = select.select([self.app.fd], [], [], timeout)
        if not ready:
            return None
        arrived = time.perf_counter()
        try:
            data = os.read(self.app.fd, 1 << 20)
        except OSError:
            return None
        if SYNC_QUERY in data:
            os.write(self.app.fd, SYNC_REPLY)
        self.pending += data
        end = self.pending.rfind(SYNC_END)
        if end < 0:
            return None
        frame, self.pending = self.pending[: end + len(SYNC_END)], self.pending[end + len(SYNC_END):]
        self.app.stream.feed(frame)
        self.last = arrived
        if self.on_frame is not None:
            self.on_frame(arrived)
        return arrived

    def drain(self, seconds: float) -> None:
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline:
            self._read(0.01)

    def until(self, test, started: float, timeout: float = 5.0) -> float:
        """Milliseconds from `started` to the arrival of the first frame after which `test()` holds."""
        if self.last is not None and self.last >= started and test():
            return (self.last - started) * 1000
        while time.perf_counter() - started < timeout:
            arrived = self._read(0.005)
            if arrived is not None and test():
                return (arrived - started) * 1000
        raise TimeoutError("the screen did not show it in time:\n" + self.app.text())


def cpu_ticks() -> tuple[int, int]:
    """(stolen, total) CPU ticks since boot, from /proc/stat; (0, 0) where there is none."""
    try:
        fields = [int(n) for n in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    except (OSError, ValueError):
        return 0, 0
    return fields[7], sum(fields)


def key_echoes(app: PtyApp, frames: Frames, keys: int) -> list[float]:
    """Type `keys` letters into the capture bar, each timed until the bar shows it; leaves it empty."""
    echoes = []
    typed = ""
    for n in range(keys):
        char = "abcdefghijklmnopqrstuvwxyz"[n % 26]
        typed += char
        if len(typed) > 60:  # keep the line inside the bar: clear it (Ctrl+U) and go on
            app.type("\x15")
            frames.until(lambda: "Type a note" in capture_line(app), time.perf_counter())
            typed = char
        expected = typed
        started = time.perf_counter()
        app.type(char)
        echoes.append(frames.until(lambda expected=expected: expected in capture_line(app), started))
    app.type("\x15")
    frames.until(lambda: "Type a note" in capture_line(app), time.perf_counter())
    return echoes


def build_checkin(path: Path, now: datetime) -> tuple[int, str]:
    """A check-in round under way: 12 people seated, 5 have spoken, the sixth has the floor.
    Its panel redraws every second (the speaker's countdown) while the note-taker types."""
    store = Store.open(path)
    template = AgendaTemplate(title="Check-in", items=[
        TemplateItem(title="Check-in round", kind="checkin", minutes=15, speaker_minutes=1),
        TemplateItem(title="Discussion", kind="discussion", minutes=30),
    ])
    started = now - timedelta(minutes=5)
    meeting_id, people = started_meeting(store, template, "Check-in benchmark", started)
    item = store.agenda.items(meeting_id)[0]
    with store.atomic():
        store.checkin.seat(meeting_id, item.id, [person.id for person in people], at=started)
        for n, person in enumerate(people[:5]):
            answer = f"Answer {n}: a busy month, hopeful about the housing vote"
            store.checkin.record(meeting_id, item.id, person.id, answer=answer, passed=False, at=started + timedelta(seconds=50 * (n + 1)))
    store.close()
    return meeting_id, "Person 05"


def build_room(path: Path, now: datetime) -> int:
    """A brainwriting item in its writing phase, for phones to send ideas to."""
    store = Store.open(path)
    template = AgendaTemplate(title="Room", items=[
        TemplateItem(title="Where do we want to be?", kind="brainwriting", minutes=90),
        TemplateItem(title="Wrap-up", kind="discussion", minutes=10),
    ])
    meeting_id, _ = started_meeting(store, template, "Room benchmark", now - timedelta(minutes=1))
    store.close()
    return meeting_id


IDEA = re.compile(rb"idea p\d\d-\d\d shade")


def room_load(path: Path, meeting_id: int, env: dict[str, str], keys: int, phones: int, ideas: int, seconds: float) -> dict[str, float]:
    """The app with its room open on loopback while `phones` simulated phones (another process:
    bench/phones.py) poll their pages and send `ideas` ideas over `seconds`: how long from a
    phone's request to the frame that shows its idea on the facilitator's screen, key echo in
    the capture bar meanwhile, and whether every idea was kept."""
    app = PtyApp(argv=[sys.executable, "-m", "facilitator", "--db", str(path), "run", str(meeting_id)], env=env)
    frames = Frames(app)
    crowd = None
    try:
        frames.until(lambda: "Room benchmark" in app.text(), time.perf_counter(), timeout=30)
        app.type("/room\r")
        frames.until(lambda: "/r/" in app.text(), time.perf_counter(), timeout=15)
        url = re.search(r"http://127\.0\.0\.1:\d+/r/[\w-]+", app.text())
        assert url is not None, app.text()
        app.type("\x1b")
        frames.until(lambda: "The whole link" not in app.text(), time.perf_counter())
        crowd = subprocess.Popen([sys.executable, str(ROOT / "bench" / "phones.py"), url.group(0), "--phones", str(phones),
                                  "--ideas", str(ideas), "--seconds", str(seconds)], stdout=subprocess.PIPE)
        assert crowd.stdout is not None
        os.set_blocking(crowd.stdout.fileno(), False)
        sent: dict[bytes, float] = {}
        seen: dict[bytes, float] = {}
        statuses: list[int] = []
        summary: dict[str, int] = {}
        output = b""

        def watch(arrived: float) -> None:
            nonlocal output
            try:
                output += os.read(crowd.stdout.fileno(), 1 << 20)
            except BlockingIOError:
                pass
            *lines, output = output.split(b"\n")
            for line in lines:
                record = json.loads(line)
                if "text" in record:
                    sent[record["text"].encode()] = record["sent"]
                    statuses.append(record["status"])
                else:
                    summary.update(record)
            for found in IDEA.findall(app.text().encode()):
                seen.setdefault(found, arrived)

        # perf_counter and monotonic are the same clock on Linux, shared by every process.
        frames.on_frame = watch
        frames.drain(5.0)
        echoes = key_echoes(app, frames, keys)
        deadline = time.perf_counter() + seconds + 20
        while crowd.poll() is None and time.perf_counter() < deadline:
            frames.drain(0.5)
        frames.drain(1.0)
        watch(time.perf_counter())
    finally:
        app.kill()
        if crowd is not None:
            crowd.kill()
    visible = [(seen[text] - began) * 1000 for text, began in sent.items() if text in seen]
    store = Store.open(path)
    kept = store.db.execute("SELECT count(*) FROM entries WHERE kind = 'idea'").fetchone()[0]
    store.close()
    return {
        "room_visible_p50_ms": round(percentile(visible, 50), 1),
        "room_visible_p95_ms": round(percentile(visible, 95), 1),
        "room_visible_measured": len(visible),
        "key_echo_room_p95_ms": round(percentile(echoes, 95), 2),
        "room_ideas_sent": len(statuses),
        "room_ideas_refused": sum(status != 200 for status in statuses),
        "room_ideas_lost": ideas - kept,
        "room_polls": summary.get("polls", 0),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="start-up runs (median)")
    parser.add_argument("--keys", type=int, default=200, help="keys typed for key echo")
    parser.add_argument("--notes", type=int, default=40, help="notes entered for 'visible'")
    parser.add_argument("--phones", type=int, default=60, help="simulated phones in the room")
    parser.add_argument("--ideas", type=int, default=600, help="ideas the phones send")
    parser.add_argument("--seconds", type=float, default=60.0, help="over how long the phones send them")
    args = parser.parse_args()

    # An installed wheel has its bytecode compiled by pip; an editable checkout gets it on first
    # run, unless PYTHONDONTWRITEBYTECODE is set (as on our CI machines): then every start would
    # compile the whole package again, which no installed copy does.
    compileall.compile_dir(Path(facilitator.__file__).parent, quiet=1)
    steal_before = cpu_ticks()
    workdir = Path(tempfile.mkdtemp(prefix="facilitator-bench-"))
    db = workdir / "bench.db"
    now = datetime.now(UTC)
    archive = build_archive(db, now)
    meeting_id, newest_note = build_meeting(db, now)
    env = {"TZ": "UTC", "PYTHONDONTWRITEBYTECODE": "1"}
    app_argv = [sys.executable, "-m", "facilitator", "--db", str(db), "run", str(meeting_id)]
    bare_argv = [sys.executable, str(ROOT / "bench" / "bare_app.py")]

    starts, bares = [], []
    for _ in range(args.runs):  # alternated, so both meet the machine in the same mood
        starts.append(time_to_first_frame(app_argv, newest_note, env))
        bares.append(time_to_first_frame(bare_argv, "Bare app ready", env))

    app = PtyApp(argv=app_argv, env=env)
    frames = Frames(app)
    try:
        frames.until(lambda: newest_note in app.text(), time.perf_counter(), timeout=30)
        frames.drain(1.0)  # let the first ticks settle
        echoes = key_echoes(app, frames, args.keys)
        visible = []
        for n in range(args.notes):
            note = f"bench note {n:03} x"
            app.type(note)
            frames.until(lambda note=note: note in capture_line(app), time.perf_counter())
            started = time.perf_counter()
            app.type("\r")
            visible.append(frames.until(lambda note=note: note in app.text() and note not in capture_line(app), started))
        rss = app.rss_mb()
    finally:
        app.kill()

    checkin_id, speaker = build_checkin(workdir / "checkin.db", now)
    app = PtyApp(argv=[sys.executable, "-m", "facilitator", "--db", str(workdir / "checkin.db"), "run", str(checkin_id)], env=env)
    frames = Frames(app)
    try:
        frames.until(lambda: speaker in app.text(), time.perf_counter(), timeout=30)
        frames.drain(1.0)
        checkin_echoes = key_echoes(app, frames, args.keys)
    finally:
        app.kill()

    room = room_load(workdir / "room.db", build_room(workdir / "room.db", now), env, args.keys, args.phones, args.ideas, args.seconds)

    store = Store.open(workdir / "writes.db")
    meeting = store.meetings.create(
        AgendaTemplate(title="w", items=[TemplateItem(title="w", kind="discussion", minutes=5)]),
        title="writes", on=now.date(), at=now,
    )
    item = store.agenda.items(meeting)[0].id
    writes = []
    for n in range(2000):
        started = time.perf_counter()
        store.captures.add_entry(meeting, item, f"durable note {n}", at=now)
        writes.append((time.perf_counter() - started) * 1000)
    store.close()

    big = Store.open(db)
    exports = {}
    for fmt in ("md", "html", "docx", "pdf"):
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            render(build_minutes(big, meeting_id, now), fmt)
            runs.append((time.perf_counter() - started) * 1000)
        exports[fmt] = statistics.median(runs)
    reports = []
    for _ in range(3):
        started = time.perf_counter()
        render_report(build_report(big, archive, now))
        reports.append((time.perf_counter() - started) * 1000)
    searches = []
    for _ in range(4):
        for query in SEARCHES:
            started = time.perf_counter()
            big.archive.search(query)
            searches.append((time.perf_counter() - started) * 1000)
    big.close()
    pdf_commands = []
    for _ in range(3):  # as a person runs it: a fresh process, imports and fonts included
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "facilitator", "--db", str(db), "minutes", str(meeting_id), "--format", "pdf",
                        "--output", str(workdir / "minutes.pdf")], env={**os.environ, **env}, check=True, capture_output=True)
        pdf_commands.append((time.perf_counter() - started) * 1000)
    pdf_command = statistics.median(pdf_commands)

    stolen, total = (after - before for after, before in zip(cpu_ticks(), steal_before, strict=True))
    result = {
        "start_ms": round(statistics.median(starts), 1),
        "start_bare_ms": round(statistics.median(bares), 1),
        "start_ratio": round(statistics.median(starts) / statistics.median(bares), 2),
        "key_echo_p50_ms": round(percentile(echoes, 50), 2),
        "key_echo_p95_ms": round(percentile(echoes, 95), 2),
        "key_echo_checkin_p95_ms": round(percentile(checkin_echoes, 95), 2),
        "visible_p95_ms": round(percentile(visible, 95), 2),
        "write_p50_ms": round(percentile(writes, 50), 3),
        "write_p99_ms": round(percentile(writes, 99), 3),
        "export_md_ms": round(exports["md"], 1),
        "export_html_ms": round(exports["html"], 1),
        "export_docx_ms": round(exports["docx"], 1),
        "export_pdf_ms": round(exports["pdf"], 1),
        "export_pdf_command_ms": round(pdf_command, 1),
        "series_report_ms": round(statistics.median(reports), 1),
        "search_p95_ms": round(percentile(searches, 95), 2),
        "rss_mb": round(rss, 1),
        **room,
        "steal_pct": round(100 * stolen / total, 1) if total else None,
    }
    steal = f"{100 * stolen / total:.0f} %" if total else "unknown"
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}")
    print(f"CPU time stolen by the hypervisor during the run: {steal} (above a few per cent, timings wander)")
    print(f"{'measure':<24} {'value':>10}")
    for key, value in result.items():
        print(f"{key:<24} {value!s:>10}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
