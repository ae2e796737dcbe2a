"""Before (and during) a meeting: the series roster, who is here, the roles, the ground rules.

People belong to the series, so the next meeting of the same coalition
starts with the same roster. Every change is written as it is made.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime

import msgspec
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Checkbox, DataTable, Input, Label, Select, Static, TabbedContent, TabPane, TextArea

from facilitator.actions import SETUP_ACTIONS, bindings
from facilitator.activities import voices
from facilitator.models import ROLES, AttendanceStatus, Person
from facilitator.session.outcome import storage_problem
from facilitator.store import Store
from facilitator.text import printable
from facilitator.widgets.key_bar import KeyBar
from facilitator.widgets.message_line import MessageLine


class SetupScreen(Screen[str | None]):
    """Dismisses with "start" when the facilitator starts the meeting from here."""

    BINDINGS = bindings(SETUP_ACTIONS)
    USER_ACTIONS = SETUP_ACTIONS
    DEFAULT_CSS = """
    #setup-title {
        height: 1;
        background: $primary-darken-2;
        text-style: bold;
    }
    #roster {
        height: 1fr;
        min-height: 4;
    }
    #setup-tabs, #setup-tabs ContentSwitcher, #tab-roster, #tab-roles {
        height: 1fr;
    }
    .add-person {
        height: auto;
    }
    .add-person Input {
        width: 1fr;
    }
    .add-person Button {
        min-width: 8;
    }
    .role-row {
        height: auto;
    }
    .role-row Label {
        width: 14;
        padding: 1 0;
    }
    .role-row Select, .role-row Input {
        width: 1fr;
    }
    #rules-and-sectors {
        height: 1fr;
    }
    #ground-rules, #sectors {
        height: 1fr;
        min-height: 4;
    }
    #coverage {
        height: auto;
        max-height: 3;
        color: $text-muted;
    }
    """

    def __init__(self, store: Store, meeting_id: int, now: Callable[[], datetime]) -> None:
        super().__init__()
        self.store = store
        self.meeting_id = meeting_id
        self.now = now
        self.series_id = store.meetings.ensure_series(meeting_id, at=now())
        self.meeting = store.meetings.get(meeting_id)

    def compose(self) -> ComposeResult:
        yield Static(Text(f" Setup · {printable(self.meeting.title)} · {printable(self.meeting.series_name or '')}"), id="setup-title")
        with TabbedContent(id="setup-tabs"):
            with TabPane("Roster and attendance", id="tab-roster"):
                yield DataTable(id="roster", cursor_type="row", zebra_stripes=True)
                yield Static(id="coverage")
                with Horizontal(classes="add-person"):
                    yield Input(placeholder="Name", id="person-name")
                    yield Input(placeholder="Organisation", id="person-org")
                    yield Input(
                        placeholder="Sector (→ takes the suggestion)", id="person-sector", suggester=SuggestFromList(voices.USUAL_SECTORS)
                    )
                with Horizontal(classes="add-person"):
                    yield Input(placeholder="Role in the coalition", id="person-role")
                    yield Checkbox("Voting member", id="person-voting")
                    yield Button("Add", id="person-add", variant="primary")
            with TabPane("Roles and ground rules", id="tab-roles"):
                for role in ROLES:
                    with Horizontal(classes="role-row"):
                        yield Label(role.capitalize())
                        yield Select([], prompt="nobody yet", id=f"role-{role}")
                with Horizontal(classes="role-row"):
                    yield Label("Quorum")
                    yield Input(
                        str(self.meeting.quorum or ""),
                        placeholder="voting members needed (blank: more than half of the series' voting members)",
                        id="quorum",
                        restrict=r"\d{0,4}",
                    )
                with Horizontal(id="rules-and-sectors"):
                    with Vertical():
                        yield Label("Ground rules, one per line:")
                        yield TextArea("\n".join(self.meeting.ground_rules), id="ground-rules")
                    with Vertical():
                        yield Label("Sectors this coalition needs, one per line:")
                        sectors = self.store.people.series_sectors(self.series_id) or list(voices.USUAL_SECTORS)
                        yield TextArea("\n".join(sectors), id="sectors")
        yield MessageLine(id="setup-message")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one("#roster", DataTable)
        table.add_columns("Name", "Attendance", "Voting", "Organisation", "Sector", "Role")
        self.reload()
        self.query_one("#person-name", Input).focus() if not table.row_count else table.focus()

    # Roster ------------------------------------------------------------

    def reload(self) -> None:
        table = self.query_one("#roster", DataTable)
        cursor = table.cursor_row
        table.clear()
        roster = self.store.people.roster(self.series_id)
        attendance = {record.person.id: record for record in self.store.people.attendance(self.meeting_id)}
        for person in roster:
            record = attendance.get(person.id)
            status = "not marked"
            if record is not None:
                status = record.status.value
                if record.status in (AttendanceStatus.LATE, AttendanceStatus.LEFT_EARLY) and record.at:
                    status += record.at.astimezone(self.now().tzinfo).strftime(" %H:%M")
            table.add_row(
                printable(person.name),
                status,
                "yes" if person.voting else "no",
                printable(person.organisation),
                printable(person.sector),
                printable(person.role),
                key=str(person.id),
            )
        if roster:
            table.move_cursor(row=min(cursor, len(roster) - 1))
        self._show_coverage(roster)
        roles = self.store.meetings.roles(self.meeting_id)
        options = [(p.name, p.id) for p in roster]
        for role in ROLES:
            select = self.query_one(f"#role-{role}", Select)
            with select.prevent(Select.Changed):
                select.set_options(options)
                if role in roles:
                    select.value = roles[role].id

    def _show_coverage(self, roster: list[Person]) -> None:
        found = voices.coverage(
            self.store.people.series_sectors(self.series_id) or voices.USUAL_SECTORS, roster, self.store.people.attendance(self.meeting_id)
        )
        text = Text()
        text.append("Here: ", style="bold")
        text.append((", ".join(found.present) or "nobody marked yet") + "\n")
        if found.absent:
            text.append("On the roster, not here: ", style="bold")
            text.append(", ".join(found.absent) + "\n")
        if found.missing:
            text.append("Nobody on the roster from: ", style="bold")
            text.append(", ".join(found.missing))
        self.query_one("#coverage", Static).update(text)

    def _selected(self) -> Person | None:
        table = self.query_one("#roster", DataTable)
        if not table.row_count:
            return None
        person_id = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((p for p in self.store.people.roster(self.series_id) if str(p.id) == person_id), None)

    def _write(self, write, *args) -> bool:
        """One durable change; a storage failure becomes a message and what was typed stays."""
        try:
            write(*args)
        except sqlite3.Error as exc:
            self._say(storage_problem(exc), error=True)
            return False
        return True

    def _say(self, message: str, *, error: bool = False) -> None:
        self.query_one(MessageLine).say(message, error=error)

    def action_mark(self, status: str) -> None:
        person = self._selected()
        if person is None:
            self._say("Add someone to the roster first.", error=True)
            return
        if self._write(self.store.people.mark, self.meeting_id, person.id, AttendanceStatus(status), self.now()):
            self._say(f"{person.name}: {status}.")
        self.reload()

    def action_toggle_voting(self) -> None:
        person = self._selected()
        if person is not None:
            self._write(self.store.people.update, msgspec.structs.replace(person, voting=not person.voting))
            self.reload()

    @on(Input.Submitted, ".add-person Input")
    @on(Button.Pressed, "#person-add")
    def add_person(self) -> None:
        fields = {name: self.query_one(f"#person-{name}", Input) for name in ("name", "org", "sector", "role")}
        name = fields["name"].value.strip()
        if not name:
            self._say("A person needs a name.", error=True)
            fields["name"].focus()
            return
        if any(p.name.casefold() == name.casefold() for p in self.store.people.roster(self.series_id)):
            self._say(f"{name} is already on the roster.", error=True)
            return
        voting = self.query_one("#person-voting", Checkbox)
        added = self._write(
            self.store.people.add,
            self.series_id, name, fields["org"].value.strip(), fields["sector"].value.strip(), fields["role"].value.strip(), voting.value,
        )
        if not added:
            return  # the form keeps what was typed
        for field in fields.values():
            field.clear()
        voting.value = False
        fields["name"].focus()
        self._say(f"{name} added to the {self.meeting.series_name} roster; mark attendance with F5 to F8.")
        self.reload()

    # Roles and ground rules --------------------------------------------

    @on(Select.Changed)
    def _role_changed(self, event: Select.Changed) -> None:
        role = (event.select.id or "").removeprefix("role-")
        if role in ROLES:
            person_id = event.value if isinstance(event.value, int) else None
            self._write(self.store.meetings.set_role, self.meeting_id, role, person_id)

    @on(Input.Changed, "#quorum")
    def _quorum_changed(self, event: Input.Changed) -> None:
        self._write(self.store.meetings.set_quorum, self.meeting_id, int(event.value) if event.value else None)

    @on(TextArea.Changed, "#sectors")
    def _sectors_changed(self, event: TextArea.Changed) -> None:
        sectors = [line.strip() for line in event.text_area.text.splitlines() if line.strip()]
        usual = list(voices.USUAL_SECTORS)
        self._write(self.store.people.set_series_sectors, self.series_id, None if sectors in ([], usual) else sectors)
        self._show_coverage(self.store.people.roster(self.series_id))

    @on(TextArea.Changed, "#ground-rules")
    def _rules_changed(self, event: TextArea.Changed) -> None:
        rules = [line.strip() for line in event.text_area.text.splitlines() if line.strip()]
        self._write(self.store.meetings.set_ground_rules, self.meeting_id, rules)

    # Leaving -----------------------------------------------------------

    def action_start(self) -> None:
        self.dismiss("start")

    def action_close(self) -> None:
        self.dismiss(None)
