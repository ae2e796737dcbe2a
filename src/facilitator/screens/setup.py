"""Before (and during) a meeting: the series roster and who is here, the agenda, the roles and
ground rules, the meeting's details, and the series' workshop documents.

People belong to the series, so the next meeting of the same coalition starts with the same
roster. Every change is written as it is made, through the session's parts (`people` for the
roster, `plan` for the agenda, details and settings), each one command; a correction of someone's
details keeps what they were in the trail.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Checkbox, DataTable, Input, Label, OptionList, Select, Static, TabbedContent, TabPane, TextArea
from textual.widgets.option_list import Option

from facilitator.activities import voices
from facilitator.documents import pending, status_line, version_line
from facilitator.keys import MERGE_KEYS, SETUP_KEYS, bindings
from facilitator.minutes.words import attendance_status
from facilitator.models import ROLES, Attendance, AttendanceStatus, Person
from facilitator.parts.outcome import Outcome, storage_problem
from facilitator.screens import facilitator_app
from facilitator.screens.dialog import Dialog, PathScreen
from facilitator.screens.setup_agenda import AgendaPane
from facilitator.screens.setup_meeting import DeleteMeetingScreen, MeetingPane
from facilitator.session.meeting import MeetingSession
from facilitator.session.people import PersonDetails
from facilitator.text import printable
from facilitator.widgets.key_bar import KeyBar
from facilitator.widgets.message_line import MessageLine
from facilitator.widgets.ordered_input import OrderedInput

FIELDS = ("name", "org", "sector", "email", "role")
TAB_FOCUS = {
    "tab-roster": "#roster", "tab-agenda": "#agenda-items", "tab-roles": f"#role-{ROLES[0]}", "tab-meeting": "#meeting-title",
    "tab-documents": "#documents-scroll",
}
"""The tabs in their order, and where the keyboard goes on each."""
TAB_OF = {key.action.split("(")[0]: {"Roster tab": "tab-roster", "Agenda tab": "tab-agenda", "Meeting tab": "tab-meeting"}[key.where]
          for key in SETUP_KEYS if key.where}
"""The keys that belong to one tab (declared with the keys, which the help screen reads too)."""


class SetupScreen(Screen[str | None]):
    """Dismisses with "start" when the facilitator starts the meeting from here."""

    BINDINGS = bindings(SETUP_KEYS)
    KEYS = SETUP_KEYS
    AUTO_FOCUS = "#roster"
    DEFAULT_CSS = """
    #setup-title {
        height: 1;
        background: $primary-darken-2;
        text-style: bold;
    }
    #roster {
        height: 1fr;
        min-height: 4;
        border: tall $background;
    }
    #roster:focus {
        border: tall $accent;
    }
    #setup-tabs, #setup-tabs ContentSwitcher, #tab-roster, #tab-roles, #tab-documents {
        height: 1fr;
    }
    .add-person {
        height: auto;
    }
    .add-person Input {
        width: 1fr;
        min-width: 16;
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

    def __init__(self, session: MeetingSession) -> None:
        super().__init__()
        self.session = session
        self.store = session.store
        self.meeting_id = session.meeting_id
        self.series_id = session.plan.series_id()
        self.meeting = session.meeting
        self._editing: int | None = None
        """The person whose details the form is correcting, or None when it adds someone."""
        self._start_warned = False

    def compose(self) -> ComposeResult:
        yield Static(id="setup-title")
        with TabbedContent(id="setup-tabs"):
            with TabPane("Roster and attendance", id="tab-roster"):
                yield self._roster_table()
                yield Static(id="coverage")
                with Horizontal(classes="add-person"):
                    yield OrderedInput(placeholder="Name", id="person-name")
                    yield OrderedInput(placeholder="Organisation", id="person-org")
                    yield OrderedInput(
                        placeholder="Sector (→ takes the suggestion)", id="person-sector", suggester=SuggestFromList(voices.USUAL_SECTORS)
                    )
                    yield OrderedInput(placeholder="Email (optional)", id="person-email")
                with Horizontal(classes="add-person"):
                    yield OrderedInput(placeholder="Role (co-chair...)", id="person-role")
                    yield Checkbox("Voting member", id="person-voting")
                    yield Checkbox("Community / lived experience", id="person-community")
                    yield Button("Add", id="person-add", variant="primary")
            with TabPane("Agenda", id="tab-agenda"):
                yield AgendaPane(self.session)
            with TabPane("Roles and ground rules", id="tab-roles"):
                for role in ROLES:
                    with Horizontal(classes="role-row"):
                        yield Label(role.capitalize())
                        yield Select([], prompt="nobody yet", id=f"role-{role}")
                with Horizontal(classes="role-row"):
                    yield Label("Quorum")
                    yield OrderedInput(
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
            with TabPane("Meeting", id="tab-meeting"):
                yield MeetingPane(self.session)
            with TabPane("Documents", id="tab-documents"), VerticalScroll(id="documents-scroll"):
                yield Static(self._documents(), id="documents")
        yield MessageLine(id="setup-message")
        yield KeyBar()

    def show_title(self) -> None:
        self.meeting = self.session.meeting
        meeting = self.meeting
        said = f" Setup · {printable(meeting.title)} · {meeting.date.isoformat()} · {printable(meeting.series_name or '')}"
        self.query_one("#setup-title", Static).update(Text(said))

    def action_next_tab(self) -> None:
        tabs = self.query_one("#setup-tabs", TabbedContent)
        order = list(TAB_FOCUS)
        tabs.active = order[(order.index(tabs.active) + 1) % len(order)] if tabs.active in order else order[0]

    @on(TabbedContent.TabActivated, "#setup-tabs")
    def _tab_shown(self) -> None:
        """A tab shown (F2, or a click): its keys in the key bar, the focus in it, its contents as they now stand."""
        active = self.query_one("#setup-tabs", TabbedContent).active
        if active == "tab-documents":
            self.query_one("#documents", Static).update(self._documents())  # as drafted until now
        elif active == "tab-agenda":
            self.query_one(AgendaPane).reload()
        where = TAB_FOCUS.get(active, "#roster")
        if where == "#roster" and not self.query_one("#roster", DataTable).row_count:
            where = "#person-name"  # nobody on the roster yet: the first thing typed is someone's name
        self.query_one(where).focus()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Each tab's own keys work (and show) only on that tab."""
        tab = TAB_OF.get(action)
        return tab is None or self.query_one("#setup-tabs", TabbedContent).active == tab

    def on_key(self, event: events.Key) -> None:
        if event.key != "f8":
            self.query_one(AgendaPane).removing = None  # F8 twice removes an item; anything between keeps it

    def _documents(self) -> Text:
        """The series' workshop documents: the version in force, what is drafted since, and every
        version adopted, as it was voted."""
        states = self.store.documents.states(self.series_id)
        if not states:
            return Text(
                "No workshop documents yet. An item that works on one (a problem statement, a SMARTIE goal, a charter...) "
                "takes /draft PART: TEXT, and a decision that names it (adopts:problem_statement, or the decision form) adopts it."
            )
        out = Text()
        for state in states:
            out.append(printable(state.title), style="bold")
            out.append(f"  {printable(status_line(state))}\n", style="italic")
            changed = pending(state)
            if changed:
                out.append("  Drafted, not adopted yet:\n")
                for label, text in changed:
                    out.append(f"    {printable(label)}: ", style="bold")
                    out.append(printable(text) + "\n")
            for adopted in reversed(state.adopted):
                out.append(f"  Version {adopted.number}", style="bold")
                out.append(f", {printable(version_line(adopted))}" + (" In force." if adopted is state.current else "") + "\n")
                for label, text in adopted.parts:
                    out.append(f"    {printable(label)}: ", style="bold")
                    out.append(printable(text) + "\n")
            out.append("\n")
        return out

    def _roster_table(self) -> DataTable[str]:
        """The roster, filled as the screen is built: keys typed as soon as Setup opens (F5, then
        Down, then F5) find the people already there, before the screen has finished mounting."""
        table: DataTable[str] = DataTable(id="roster", cursor_type="row", zebra_stripes=True)
        table.add_columns("Name", "Attendance", "Voting", "Community", "Organisation", "Sector", "Role", "Email")
        for key, cells in self._roster_rows()[1].items():
            table.add_row(*cells, key=key)
        return table

    def _roster_rows(self) -> tuple[list[Person], dict[str, list[str]]]:
        """The roster (those who left it last, merged duplicates not at all) and its table rows."""
        everyone = self.store.people.roster(self.series_id, retired=True)
        roster = [p for p in everyone if p.retired_at is None] + [p for p in everyone if p.retired_at is not None and p.merged_into is None]
        attendance = {record.person.id: record for record in self.store.people.attendance(self.meeting_id)}
        return roster, {str(person.id): self._cells(person, attendance.get(person.id)) for person in roster}

    def on_mount(self) -> None:
        self.show_title()
        table = self.query_one("#roster", DataTable)
        self.reload()
        if table.row_count:  # the keyboard goes where the first tab, once shown, puts it (`_tab_shown`)
            self._say("↑↓ choose a person · F5 present, F6 late, F7 left, F8 absent · Enter corrects their details")

    # Roster ------------------------------------------------------------

    def reload(self) -> None:
        table = self.query_one("#roster", DataTable)
        roster, rows = self._roster_rows()
        if list(rows) == [key.value for key in table.rows]:
            # The same people: change the cells in place, so the cursor stays where the keys
            # (F5 then Down then F5, typed faster than the screen redraws) have put it.
            for key, cells in rows.items():
                for column, cell in zip(table.columns, cells, strict=True):
                    table.update_cell(key, column, cell, update_width=True)
        else:
            cursor = table.cursor_row
            table.clear()
            for key, cells in rows.items():
                table.add_row(*cells, key=key)
            if roster:
                table.move_cursor(row=min(cursor, len(roster) - 1))
        self._show_coverage([p for p in roster if not p.retired_at])
        roles = self.store.meetings.roles(self.meeting_id)
        options = [(p.name, p.id) for p in roster if not p.retired_at]
        for role in ROLES:
            select = self.query_one(f"#role-{role}", Select)
            with select.prevent(Select.Changed):
                select.set_options(options)
                if role in roles:
                    select.value = roles[role].id

    def _cells(self, person: Person, record: Attendance | None) -> list[str]:
        status = "retired" if person.retired_at else "not marked"
        if record is not None and not person.retired_at:
            status = attendance_status(record)
        return [
            printable(person.name), status, "yes" if person.voting else "no", "yes" if person.community else "no",
            printable(person.organisation), printable(person.sector), printable(person.role), printable(person.email),
        ]

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
        return next((p for p in self.store.people.roster(self.series_id, retired=True) if str(p.id) == person_id), None)

    def _run(self, command: Callable[[], Outcome]) -> bool:
        """One change; what it did (or why not) is said, and the roster redrawn."""
        try:
            outcome = command()
        except sqlite3.Error as exc:
            outcome = Outcome(error=storage_problem(exc))
        self._say(outcome.error or outcome.message or "", error=not outcome.ok)
        self.reload()
        return outcome.ok

    def say(self, message: str, *, error: bool = False) -> None:
        self.query_one(MessageLine).say(message, error=error)

    _say = say

    def _on_person(self, act: Callable[[Person], Outcome]) -> None:
        person = self._selected()
        if person is None:
            self._say("Add someone to the roster first.", error=True)
            return
        self._run(lambda: act(person))

    def action_mark(self, status: str) -> None:
        self._on_person(lambda person: self.session.people.mark(person.id, AttendanceStatus(status)))

    def action_toggle_voting(self) -> None:
        self._on_person(lambda person: self.session.people.toggle(person.id, "voting"))

    def action_toggle_community(self) -> None:
        self._on_person(lambda person: self.session.people.toggle(person.id, "community"))

    def action_retire(self) -> None:
        self._on_person(lambda person: self.session.people.retire(person.id))

    def action_merge(self) -> None:
        duplicate = self._selected()
        others = [p for p in self.session.roster if duplicate is not None and p.id != duplicate.id]
        if duplicate is None or not others:
            self._say("Merging needs two people on the roster: choose the duplicate, then Ctrl+G.", error=True)
            return

        def chosen(into: int | None) -> None:
            if into is not None:
                self._run(lambda: self.session.people.merge(duplicate.id, into))

        self.app.push_screen(MergeScreen(duplicate, others), chosen)

    @on(DataTable.RowSelected, "#roster")
    def _edit_selected(self) -> None:
        """Enter on a person: the form below holds their details to correct."""
        person = self._selected()
        if person is None:
            return
        self._editing = person.id
        values = {"name": person.name, "org": person.organisation, "sector": person.sector, "email": person.email, "role": person.role}
        for name, value in values.items():
            self.query_one(f"#person-{name}", Input).value = value
        self.query_one("#person-voting", Checkbox).value = person.voting
        self.query_one("#person-community", Checkbox).value = person.community
        self.query_one("#person-add", Button).label = "Save"
        self.query_one("#person-name", Input).focus()
        self._say(f"Correcting {person.name}: change the fields, then Enter. Escape leaves them as they were.")

    @on(Input.Submitted, ".add-person Input")
    @on(Button.Pressed, "#person-add")
    def add_person(self) -> None:
        fields = {name: self.query_one(f"#person-{name}", Input) for name in FIELDS}
        details = PersonDetails(
            fields["name"].value, fields["org"].value, fields["sector"].value, fields["role"].value,
            self.query_one("#person-voting", Checkbox).value, self.query_one("#person-community", Checkbox).value,
            fields["email"].value,
        )
        editing = self._editing
        saved = self._run(
            (lambda: self.session.people.correct(editing, details)) if editing is not None else (lambda: self.session.people.add(details))
        )
        if not saved:
            fields["name"].focus()
            return  # the form keeps what was typed
        self._clear_form()
        if editing is not None:
            self.query_one("#roster", DataTable).focus()

    def _clear_form(self) -> None:
        for name in FIELDS:
            self.query_one(f"#person-{name}", Input).clear()
        self.query_one("#person-voting", Checkbox).value = False
        self.query_one("#person-community", Checkbox).value = False
        self.query_one("#person-add", Button).label = "Add"
        self._editing = None
        self.query_one("#person-name", Input).focus()

    # Roles and ground rules --------------------------------------------

    def _setting(self, outcome: Outcome) -> None:
        """A setting saved as it is typed: only a failure is said (what was typed stays)."""
        if not outcome.ok:
            self._say(outcome.error or "", error=True)

    @on(Select.Changed)
    def _role_changed(self, event: Select.Changed) -> None:
        role = (event.select.id or "").removeprefix("role-")
        if role in ROLES:
            self._setting(self.session.plan.set_role(role, event.value if isinstance(event.value, int) else None))

    @on(Input.Changed, "#quorum")
    def _quorum_changed(self, event: Input.Changed) -> None:
        self._setting(self.session.plan.set_quorum(int(event.value) if event.value else None))

    @on(TextArea.Changed, "#sectors")
    def _sectors_changed(self, event: TextArea.Changed) -> None:
        sectors = [line.strip() for line in event.text_area.text.splitlines() if line.strip()]
        usual = list(voices.USUAL_SECTORS)
        self._setting(self.session.plan.set_sectors(None if sectors in ([], usual) else sectors))
        self._show_coverage(self.store.people.roster(self.series_id))

    @on(TextArea.Changed, "#ground-rules")
    def _rules_changed(self, event: TextArea.Changed) -> None:
        rules = [line.strip() for line in event.text_area.text.splitlines() if line.strip()]
        self._setting(self.session.plan.set_ground_rules(rules))

    # Agenda and meeting --------------------------------------------------

    def action_move_item(self, step: int) -> None:
        self.query_one(AgendaPane).move(step)

    def action_remove_item(self) -> None:
        self.query_one(AgendaPane).remove_chosen()

    def action_save_template(self) -> None:
        from facilitator.exports import slug
        from facilitator.templates import user_templates_dir

        def chosen(path: Path | None) -> None:
            if path is not None:
                outcome = self.session.plan.save_template(path)
                self._say(outcome.error or outcome.message or "", error=not outcome.ok)

        default = user_templates_dir() / f"{slug(self.meeting.title)}.toml"
        self.app.push_screen(PathScreen("Save this agenda as a template to:", default), chosen)

    def action_delete_meeting(self) -> None:
        if self.session.plan.started():
            self._say("This meeting has started: its record stays. Only a meeting not started yet can be deleted.", error=True)
            return
        recorded = sum(self.store.agenda.recorded_on(item_id) for item_id in self.session.ctx.items)

        def answered(delete: bool | None) -> None:
            if not delete:
                self._say("Kept.")
                return
            outcome = self.session.plan.delete_meeting()
            if outcome.ok:
                facilitator_app(self).meeting_deleted(outcome.message or "")
            else:
                self._say(outcome.error or "", error=True)

        self.app.push_screen(DeleteMeetingScreen(self.meeting.title, recorded), answered)

    # Leaving -----------------------------------------------------------

    def action_start(self) -> None:
        """Start the meeting; with nobody marked present, say so once first."""
        marked = self.store.people.attendance(self.meeting_id)
        here = [r for r in marked if r.status in (AttendanceStatus.PRESENT, AttendanceStatus.LATE)]
        if not here and self.session.roster and not self._start_warned:
            self._start_warned = True
            self._say("Nobody is marked present yet: quorum and the check-in round go by attendance. "
                      "F5 marks the selected person present; Ctrl+S again starts anyway.", error=True)
            return
        self.dismiss("start")

    def action_close(self) -> None:
        agenda = self.query_one(AgendaPane)
        if agenda.editing is not None:  # Escape first leaves the item being changed
            agenda.clear_form()
            self.query_one("#agenda-items").focus()
            self._say("Left as it was.")
            return
        if self._editing is not None:  # Escape first leaves the correction
            self._clear_form()
            self.query_one("#roster", DataTable).focus()
            self._say("Left as they were.")
            return
        # From the form under a list (a new person, a new item), Escape first goes back to the list,
        # keeping what was typed; from the list it leaves Setup.
        table = {"tab-roster": "#roster", "tab-agenda": "#agenda-items"}.get(self.query_one("#setup-tabs", TabbedContent).active)
        if table is not None and isinstance(self.focused, (Input, Select, Checkbox, Button)) and self.query_one(table, DataTable).row_count:
            self.query_one(table).focus()
            self._say("Back to the list. Escape again returns to the live screen.")
            return
        self.dismiss(None)


class MergeScreen(Dialog[int | None]):
    """Which person a duplicate row is really: returns their id."""

    BINDINGS = bindings(MERGE_KEYS)
    KEYS = MERGE_KEYS
    DEFAULT_CSS = """
    #merge-box { width: 70; }
    #merge-people { height: auto; max-height: 12; }
    """

    def __init__(self, duplicate: Person, others: list[Person]) -> None:
        super().__init__()
        self.duplicate = duplicate
        self.others = others

    def compose(self) -> ComposeResult:
        with Vertical(id="merge-box", classes="dialog"):
            yield Label(Text(f"{printable(self.duplicate.name)} is a duplicate of:", style="bold"))
            yield OptionList(*[Option(printable(f"{p.name} · {p.organisation}"), id=str(p.id)) for p in self.others], id="merge-people")
            yield Label("Everything recorded of the duplicate moves to the person chosen; the duplicate leaves the roster.")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0) or None)
