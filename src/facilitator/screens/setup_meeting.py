"""Setup's Meeting tab: the title, date, place or call link, planned start and length, saved
together (Enter, or the button); and, for a meeting that has not started, deleting it (F8,
asked first). Through the session's `Plan`, like every change Setup makes."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from facilitator.keys import CONFIRM_KEYS, bindings
from facilitator.screens.dialog import Dialog
from facilitator.session.meeting import MeetingSession
from facilitator.text import printable
from facilitator.widgets.ordered_input import OrderedInput

FIELDS = (
    ("title", "Title", "e.g. April coalition meeting"),
    ("date", "Date", "YYYY-MM-DD"),
    ("place", "Place or link", "room, address, or the call's link"),
    ("starts", "Starts at", "HH:MM (optional: the planned end is counted from it)"),
    ("length", "Length", "minutes planned for the whole meeting"),
)


class MeetingPane(Vertical):
    DEFAULT_CSS = """
    MeetingPane { height: 1fr; }
    MeetingPane .detail-row { height: auto; }
    MeetingPane .detail-row Label { width: 16; padding: 1 0; }
    MeetingPane .detail-row Input { width: 1fr; }
    #meeting-note { height: auto; color: $text-muted; padding: 1 0 0 0; }
    """

    def __init__(self, session: MeetingSession) -> None:
        super().__init__(id="meeting-pane")
        self.session = session

    def compose(self) -> ComposeResult:
        meeting = self.session.meeting
        values = {
            "title": meeting.title, "date": meeting.date.isoformat(), "place": meeting.place, "starts": meeting.starts_at or "",
            "length": str(meeting.length_minutes or ""),
        }
        for field, label, placeholder in FIELDS:
            with Horizontal(classes="detail-row"):
                yield Label(label)
                digits = r"\d{0,4}" if field == "length" else None
                yield OrderedInput(values[field], placeholder=placeholder, id=f"meeting-{field}", restrict=digits)
        with Horizontal(classes="detail-row"):
            yield Button("Save details", id="meeting-save", variant="primary")
        yield Static(Text(
            "Until the meeting starts, its details and agenda are the plan. F8 deletes this meeting (asked first); "
            "its series and roster stay."
        ), id="meeting-note")

    @on(Input.Submitted, "MeetingPane Input")
    @on(Button.Pressed, "#meeting-save")
    def save(self) -> None:
        def value(field: str) -> str:
            return self.query_one(f"#meeting-{field}", Input).value

        outcome = self.session.plan.set_details(value("title"), value("date"), value("place"), value("starts"), value("length"))
        self.screen.say(outcome.error or outcome.message or "", error=not outcome.ok)  # type: ignore[attr-defined]
        if outcome.ok:
            self.screen.show_title()  # type: ignore[attr-defined]


class DeleteMeetingScreen(Dialog[bool]):
    """Asks before a meeting that has not started is deleted; True to delete it."""

    BINDINGS = [*bindings(CONFIRM_KEYS), *Dialog.BINDINGS]
    KEYS = CONFIRM_KEYS
    DEFAULT_CSS = """
    #delete-box { width: 70; border: thick $error; }
    """

    def __init__(self, title: str, recorded: int) -> None:
        super().__init__()
        self.title_text = title
        self.recorded = recorded

    def compose(self) -> ComposeResult:
        with Vertical(id="delete-box", classes="dialog"):
            yield Static(Text(f"Delete {printable(self.title_text)}?", style="bold"))
            lost = f" The {self.recorded} things typed on it before the start go with it." if self.recorded else ""
            yield Static(Text(f"Its agenda and settings are deleted.{lost} The series and its roster stay."))
            yield Static(Text("Enter deletes it · Escape keeps it", style="bold"))

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_keep(self) -> None:
        self.dismiss(False)
