"""Review before sending: every capture of the meeting, item by item, to correct, strike or
bring back, with the same corrections (and the same trail) as in the room."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Input, Label

from facilitator.keys import CORRECTION_KEYS, RECORD_KEYS, bindings
from facilitator.models import AgendaItem
from facilitator.parsed import Edit, Restore, Strike
from facilitator.parts.outcome import Outcome
from facilitator.screens.dialog import Dialog
from facilitator.session.meeting import MeetingSession
from facilitator.text import printable
from facilitator.widgets.key_bar import KeyBar
from facilitator.widgets.message_line import MessageLine
from facilitator.widgets.ordered_input import OrderedInput


class RecordScreen(Dialog[bool]):
    """Dismisses with True when anything was corrected (the preview is then drawn again)."""

    BINDINGS = bindings(RECORD_KEYS)
    KEYS = RECORD_KEYS
    DEFAULT_CSS = """
    #record-box {
        width: 110;
        height: 90%;
        padding: 0;
    }
    #record-table {
        height: 1fr;
    }
    """

    def __init__(self, session: MeetingSession) -> None:
        super().__init__()
        self.session = session
        self.changed = False
        self._rows: list[tuple[AgendaItem, int]] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="record-box", classes="dialog"):
            yield Label(Text("The record, before it is sent: Enter corrects, Delete strikes, R brings back", style="bold"))
            yield DataTable(id="record-table", cursor_type="row", zebra_stripes=True)
            yield MessageLine(id="record-message")
            yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Item", "#", "What", "Text")
        self.reload()
        table.focus()

    def reload(self) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        self._rows = []
        for position, item in enumerate(self.session.agenda, start=1):
            for capture in self.session.notes.captures(item.id):
                if capture.number is None:
                    continue
                # The state goes with what it is, not after the text where a narrow screen cuts it off.
                state = ", struck" if capture.struck else ", corrected" if capture.corrected else ""
                table.add_row(
                    f"{position}. {printable(item.title)[:24]}", str(capture.number), (capture.label or "note") + state,
                    Text(printable(capture.text)[:70], style="strike dim" if capture.struck else ""),
                )
                self._rows.append((item, capture.number))
        if self._rows:
            table.move_cursor(row=min(row, len(self._rows) - 1))
        else:
            self._say(Outcome(message="Nothing was captured in this meeting."))

    def _selected(self) -> tuple[AgendaItem, int] | None:
        table = self.query_one(DataTable)
        return self._rows[table.cursor_row] if self._rows else None

    def _say(self, outcome: Outcome) -> None:
        self.query_one(MessageLine).say(outcome.error or outcome.message or "", error=not outcome.ok)

    def _done(self, outcome: Outcome) -> None:
        self._say(outcome)
        if outcome.ok:
            self.changed = True
            self.reload()

    @on(DataTable.RowSelected)
    def action_correct(self) -> None:
        chosen = self._selected()
        if chosen is None:
            return
        item, number = chosen
        found = self.session.corrections.find(number, item)
        if isinstance(found, str):
            self._say(Outcome(error=found))
            return
        if found.struck:
            self._say(Outcome(error=f"Capture {number} is struck; R brings it back first."))
            return

        def corrected(text: str | None) -> None:
            if text is not None:
                self._done(self.session.corrections.edit(Edit(number, text), item))

        self.app.push_screen(CorrectionScreen(f"{item.title}, capture {number}:", self.session.corrections.editable(found)), corrected)

    def action_strike(self) -> None:
        chosen = self._selected()
        if chosen is not None:
            self._done(self.session.corrections.strike(Strike(chosen[1]), chosen[0]))

    def action_restore(self) -> None:
        chosen = self._selected()
        if chosen is not None:
            self._done(self.session.corrections.restore(Restore(chosen[1]), chosen[0]))

    def action_close(self) -> None:
        self.dismiss(self.changed)


class CorrectionScreen(Dialog[str | None]):
    """One capture, as typed, to correct: Enter saves, Escape leaves it."""

    BINDINGS = bindings(CORRECTION_KEYS)
    KEYS = CORRECTION_KEYS
    DEFAULT_CSS = """
    #correction-box { width: 100; }
    """

    def __init__(self, what: str, text: str) -> None:
        super().__init__()
        self.what = what
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="correction-box", classes="dialog"):
            yield Label(Text(printable(self.what)))
            yield OrderedInput(self.text, id="correction", select_on_focus=False)

    def on_mount(self) -> None:
        field = self.query_one(Input)
        field.focus()
        field.cursor_position = len(self.text)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)
