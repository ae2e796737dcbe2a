"""The home screen: the meetings in this database, and the way to prepare a new one."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Static

from facilitator.keys import HOME_KEYS, bindings
from facilitator.screens import facilitator_app
from facilitator.text import printable
from facilitator.widgets.key_bar import KeyBar


class HomeScreen(Screen):
    """Lists meetings newest first; Enter opens one."""

    CSS_PATH = "home.tcss"
    BINDINGS = bindings(HOME_KEYS)
    KEYS = HOME_KEYS

    def compose(self) -> ComposeResult:
        yield Static(" Facilitator · meetings", id="home-title")
        yield DataTable(id="meetings", cursor_type="row", zebra_stripes=True)
        yield Static(id="home-hint")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("ID", "Date", "Series", "Title", "Status")
        self.reload()
        table.focus()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        app = facilitator_app(self)
        meetings = app.store.meetings.all()
        statuses = app.store.meetings.statuses(app.now())
        for meeting in meetings:
            table.add_row(
                str(meeting.id),
                meeting.date.isoformat(),
                printable(meeting.series_name or "—"),
                printable(meeting.title),
                statuses.get(meeting.id, "not started"),
                key=str(meeting.id),
            )
        hint = (
            "Enter opens the selected meeting · Ctrl+N prepares a new one · Ctrl+E its series' report · F1 every key"
            if meetings
            else "No meetings yet. Press Ctrl+N to prepare one from an agenda template."
        )
        self.query_one("#home-hint", Static).update(hint)

    def _selected(self) -> int | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return int(key) if key is not None else None

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_open_meeting()

    def action_open_meeting(self) -> None:
        meeting_id = self._selected()
        if meeting_id is not None:
            facilitator_app(self).open_meeting(meeting_id)

    def action_minutes(self) -> None:
        meeting_id = self._selected()
        if meeting_id is not None:
            facilitator_app(self).show_minutes(meeting_id)

    def action_report(self) -> None:
        from facilitator.screens.report import ReportScreen

        meeting_id = self._selected()
        if meeting_id is None:
            return
        series = facilitator_app(self).store.meetings.get(meeting_id).series_name
        if series is None:
            self.query_one("#home-hint", Static).update("That meeting belongs to no series yet: a report covers a series' meetings.")
            return
        self.app.push_screen(ReportScreen(series))

    def action_new_meeting(self) -> None:
        from facilitator.screens.new_meeting import NewMeetingScreen

        self.app.push_screen(NewMeetingScreen(), self._created)

    def _created(self, meeting_id: int | None) -> None:
        if meeting_id is not None:
            self.reload()
            facilitator_app(self).open_meeting(meeting_id)
