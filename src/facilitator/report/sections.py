"""The series report as sections of plain text: paragraphs, tables and chart data. Markdown,
HTML and CSV render these same tables, so a figure reads the same in all three."""

from __future__ import annotations

from datetime import date

import msgspec

from facilitator.activities.voices import equal_share
from facilitator.report.model import SeriesReport
from facilitator.words import plural, tally

MARKS = {"present": "P", "late": "L", "left early": "E", "absent": "A", "": "·"}
MARKS_LEGEND = "P present, L late, E left early, A absent, · not marked."
ATTENDANCE_COLUMNS = 12
"""Meetings the attendance table shows in Markdown and HTML: a person × meeting table of a hundred
meetings is unreadable; CSV has them all."""


class Table(msgspec.Struct, frozen=True):
    name: str
    """The CSV file's name, without `.csv`."""
    head: list[str]
    rows: list[list[str]]
    short: dict[str, str] = {}
    """Cell values Markdown and HTML write shorter (attendance marks); CSV keeps the words."""
    short_columns: tuple[int, int] = (0, 0)
    """The columns (from, to) that `short` applies to."""
    legend: str = ""
    whole: Table | None = None
    """When this table shows part of a longer one (the latest meetings): the whole, for CSV."""

    def shown(self, row: list[str]) -> list[str]:
        """A row as Markdown and HTML show it."""
        low, high = self.short_columns
        return [self.short.get(c, c) if low <= i < high else c for i, c in enumerate(row)]


class Chart(msgspec.Struct, frozen=True):
    title: str
    labels: list[str]
    lines: list[tuple[str, list[float | None]]]
    top: float
    """The value axis runs from 0 to `top`."""
    unit: str = ""
    reference: float | None = None
    """A dashed line to read the others against."""


Block = str | Table | Chart
"""A paragraph, a table or a chart."""


class Section(msgspec.Struct, frozen=True):
    title: str
    blocks: list[Block]

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]


def pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def number(value: float | None) -> str:
    return "–" if value is None else f"{value:g}"


def day(value: date | None) -> str:
    return value.isoformat() if value else "–"


def short_date(value: date) -> str:
    return value.strftime("%d %b %y").lstrip("0")


def sections(report: SeriesReport) -> list[Section]:
    return [
        _meetings(report),
        _attendance(report),
        _sectors(report),
        _community(report),
        _balance(report),
        _follow_through(report),
        _decisions(report),
        _evaluation(report),
        _parked(report),
        _documents(report),
    ]


def _meetings(report: SeriesReport) -> Section:
    held = report.held
    rows = [
        [m.date.isoformat(), m.title, m.status, *(map(str, (m.attended, m.late, m.left_early, m.absent)) if m.held else ["–"] * 4),
         m.minutes or "–"]
        for m in report.meetings
    ]
    not_held = len(report.meetings) - len(held)
    intro = f"{plural(len(report.meetings) + report.left_out, 'meeting')}, {len(held) + report.left_out} held"
    intro += f" ({not_held} not started in the app, not counted below)." if not_held else "."
    if report.left_out:
        intro += f" The tables by meeting show the latest {len(held)}; the exports have all {len(held) + report.left_out}."
    blocks: list[Block] = [intro, Table("meetings", ["Date", "Meeting", "Status", "Came", "Late", "Left early", "Absent", "Minutes"], rows)]
    if held:
        blocks.append(Chart(
            "People who came, per meeting", [short_date(m.date) for m in held], [("came", [float(m.attended) for m in held])],
            top=max([1.0] + [float(m.attended) for m in held]),
        ))
    return Section("Meetings", blocks)


def _attendance(report: SeriesReport) -> Section:
    held = report.held
    if not held:
        return Section("Attendance and retention", ["No meeting of the series has been held yet."])
    def table(latest: int) -> Table:
        """The person × meeting table for the `latest` held meetings."""
        shown = held[-latest:]
        rows = [
            [
                p.name + ("" if p.on_roster else " (left the roster)"), p.organisation, p.sector, *p.marks[-latest:],
                f"{p.attended} of {p.expected}", day(p.last_attended),
            ]
            for p in report.people
        ]
        legend = MARKS_LEGEND + " Came: out of the meetings held since they were first marked."
        if latest < len(held):
            legend += f" The latest {latest} of {len(held)} meetings are shown; the CSV export has them all."
        return Table(
            "attendance", ["Name", "Organisation", "Sector", *(short_date(m.date) for m in shown), "Came", "Last came"], rows,
            short=MARKS, short_columns=(3, 3 + len(shown)), legend=legend,
        )

    whole = table(len(held))
    blocks: list[Block] = [msgspec.structs.replace(table(ATTENDANCE_COLUMNS), whole=whole) if len(held) > ATTENDANCE_COLUMNS else whole]
    shares = [r.share for r in report.retention if r.share is not None]
    if shares:
        blocks.append(f"Retention: on average {pct(sum(shares) / len(shares))} of those at one meeting came to the next.")
        blocks.append(Table(
            "retention", ["From", "To", "Came", "Came again", "Share", "New"],
            [[day(r.from_date), day(r.to_date), str(r.came_before), str(r.came_again), pct(r.share), str(r.new)] for r in report.retention],
        ))
    gone = report.missing_longest
    if gone:
        blocks.append("Missing longest: on the roster, and not at the last two or more meetings.")
        blocks.append(Table(
            "missing_longest", ["Name", "Organisation", "Meetings missed in a row", "Last came"],
            [[p.name, p.organisation, str(p.missed_in_a_row), day(p.last_attended) if p.last_attended else "never"] for p in gone],
        ))
    return Section("Attendance and retention", blocks)


def _sectors(report: SeriesReport) -> Section:
    held = report.held
    rows = [
        [m.date.isoformat(), f"{len(m.organisations)}: " + ", ".join(m.organisations) if m.organisations else "0",
         ", ".join(m.sectors_present) or "–", ", ".join(m.sectors_needed_absent) or "none"]
        for m in held
    ]
    blocks: list[Block] = [
        "The sectors this coalition needs at the table: " + ", ".join(report.sectors_needed) + ".",
        Table("sectors", ["Date", "Organisations", "Sectors present", "Needed, not present"], rows),
    ]
    if report.sector_gaps:
        blocks.append("Needed sectors missing from the latest meeting, missing longest first:")
        blocks.append(Table(
            "sector_gaps", ["Sector", "Last at the table", "Meetings missed in a row"],
            [[g.sector, day(g.last_present) if g.last_present else "never", str(g.missed_in_a_row)] for g in report.sector_gaps],
        ))
    elif held:
        blocks.append("Every needed sector was at the latest meeting.")
    return Section("Organisations and sectors", blocks)


def _community(report: SeriesReport) -> Section:
    held = report.held
    rows = [
        [m.date.isoformat(), f"{m.community_attended} of {m.attended}", pct(m.community_attendance_share), pct(m.community_speaking_share)]
        for m in held
    ]
    blocks: list[Block] = [
        "Community members are those the roster marks as such (residents, people with lived experience).",
        Table("community", ["Date", "Community members who came", "Share of those who came", "Share of speaking time"], rows),
    ]
    if held:
        blocks.append(Chart(
            "Community members: share of those who came, and of speaking time", [short_date(m.date) for m in held],
            [
                ("of those who came", [m.community_attendance_share for m in held]),
                ("of speaking time", [m.community_speaking_share for m in held]),
            ],
            top=1.0, unit="%",
        ))
    return Section("Community voice", blocks)


def _balance(report: SeriesReport) -> Section:
    held = report.held
    rows = [
        [
            m.date.isoformat(), str(m.speakers), number(m.speaking_minutes), pct(m.top_quarter_share),
            pct(equal_share(m.speakers) if m.top_quarter_share is not None else None),
            number(None if m.gini is None else round(m.gini, 2)),
        ]
        for m in held
    ]
    blocks: list[Block] = [
        "The share of speaking time the top quarter of speakers held, against what it would be if everyone who spoke "
        "spoke as long (25% of 8 speakers, 40% of 5, 33% of 3). Meetings where nobody was timed show none.",
        Table("balance", ["Date", "Speakers", "Minutes", "Top quarter share", "If all spoke equally", "Gini"], rows),
    ]
    if any(m.top_quarter_share is not None for m in held):
        blocks.append(Chart(
            "Share of speaking time held by the top quarter of speakers, and what it would be if all spoke equally",
            [short_date(m.date) for m in held],
            [("top quarter", [m.top_quarter_share for m in held]),
             ("all equal", [equal_share(m.speakers) if m.top_quarter_share is not None else None for m in held])],
            top=1.0, unit="%",
        ))
    return Section("Speaking balance", blocks)


def _follow_through(report: SeriesReport) -> Section:
    f = report.follow_through
    if not f.steps:
        return Section("Next steps: follow-through", ["No next steps recorded."])
    blocks: list[Block] = [
        f"{plural(f.steps, 'next step')}: {f.done} done, {f.open} open, {f.dropped} dropped.",
        f"Done by the due date: {f.done_by_due} of {f.counted} ({pct(f.done_by_due_share)}), counting the steps with a due date "
        "that has come or that are done. A step's done date is the day it was said done (`/done N DATE`), or else the "
        "meeting that reported it done.",
        f"Median days late: {number(f.median_days_late)}. Carried over {plural(f.carried_over, 'time')}"
        f" ({plural(f.steps_carried, 'step')}).",
    ]
    if f.overdue:
        blocks.append("Overdue, by owner:")
        blocks.append(Table(
            "overdue", ["Owner", "Next step", "Due", "Days overdue", "From"],
            [[owner, r.text, day(r.due), str(r.days_overdue), day(r.meeting_date)] for owner, rows in f.overdue.items() for r in rows],
        ))
    blocks.append("Every next step:")
    blocks.append(Table(
        "next_steps", ["From", "Next step", "Owner", "Due", "Status", "Done", "Days late", "Carried"],
        [
            [
                day(r.meeting_date), r.text, r.owner or "no owner", day(r.due), r.status, day(r.done_on),
                number(r.days_late), str(r.times_carried),
            ]
            for r in f.rows
        ],
    ))
    return Section("Next steps: follow-through", blocks)


def _decisions(report: SeriesReport) -> Section:
    if not report.decisions:
        return Section("Decision log", ["No decisions recorded."])
    rows = []
    for logged in report.decisions:
        d = logged.decision
        review = day(d.review_date) if d.review_date else "–"
        if logged.review_due:
            review += " (due)"
        elif logged.reviewed:
            review += " (reviewed)"
        outcome = d.outcome or "no outcome recorded"
        rows.append([day(logged.date), d.text, outcome, d.method or "–", tally(d) or "–", d.quorum or "–", review])
    due = sum(1 for d in report.decisions if d.review_due)
    return Section("Decision log", [
        plural(len(report.decisions), "decision") + (f"; {due} due for review." if due else "."),
        Table("decisions", ["Date", "Decision", "Outcome", "Method", "Tally", "Quorum", "Review"], rows),
    ])


def _evaluation(report: SeriesReport) -> Section:
    rated = [m for m in report.held if m.evaluation_responses]
    if not rated:
        return Section("Evaluation", ["No meeting has been rated yet."])
    questions = report.evaluation_questions
    rows = [[m.date.isoformat(), str(m.evaluation_responses), *(number(v) for v in m.evaluation)] for m in rated]
    return Section("Evaluation", [
        "Average ratings from 1 to 5, per meeting; a question a meeting did not ask is left blank.",
        Table("evaluation", ["Date", "Responses", *questions], rows),
        Chart(
            "Average rating per question (1 to 5)", [short_date(m.date) for m in rated],
            [(q, [m.evaluation[i] for m in rated]) for i, q in enumerate(questions)], top=5.0,
        ),
    ])


def _parked(report: SeriesReport) -> Section:
    if not report.parked:
        return Section("Parking lot", ["Nothing has been parked."])
    waiting = [p for p in report.parked if p.closed_on is None]
    oldest = f", the oldest for {plural(waiting[0].days_waited, 'day')}." if waiting else "."
    rows = [[p.text, day(p.meeting_date), p.status, day(p.closed_on), str(p.days_waited)] for p in report.parked]
    return Section("Parking lot", [
        f"{plural(len(waiting), 'parked item')} still waiting{oldest}",
        Table("parked", ["Parked", "Since", "Status", "Closed", "Days waited"], rows),
    ])


def _documents(report: SeriesReport) -> Section:
    if not report.documents:
        return Section("Workshop documents", ["No workshop document (problem statement, goal, charter...) has been drafted yet."])
    rows = []
    for document in report.documents:
        since = f"in force since {day(document.adopted_on)}"
        rows += [[document.title, part, text, since] for part, text in document.in_force]
        rows += [[document.title, part, text, "drafted, not adopted"] for part, text in document.drafted]
    standing = [f"{d.title}: {d.status}." for d in report.documents]
    history = [
        [document.title, str(v.number), part, text, v.adopted]
        for document in report.documents for v in document.history for part, text in v.parts
    ]
    blocks: list[Block] = [*standing, Table("documents", ["Document", "Part", "Text", "Standing"], rows)]
    if history:
        blocks += [
            "Every version adopted, as it was voted:",
            Table("document_versions", ["Document", "Version", "Part", "Text", "Adopted"], history),
        ]
    return Section("Workshop documents", blocks)
