"""F4: what earlier meetings of the series left open, marked one key at a time."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Label

from facilitator.keys import REVIEW_KEYS, bindings
from facilitator.parsed import ReviewMark
from facilitator.screens.dialog import Dialog
from facilitator.session.meeting import MeetingSession
from facilitator.text import printable
from facilitator.widgets.key_bar import KeyBar
from facilitator.widgets.message_line import MessageLine


class ReviewScreen(Dialog[None]):
    """Letters are safe here: this screen has no text field."""

    BINDINGS = bindings(REVIEW_KEYS)
    KEYS = REVIEW_KEYS
    DEFAULT_CSS = """
    #review-box {
        width: 100;
        height: 80%;
        padding: 0;
    }
    #review-table {
        height: 1fr;
    }
    """

    def __init__(self, session: MeetingSession) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        with Vertical(id="review-box", classes="dialog"):
            yield Label(Text("From earlier meetings of the series", style="bold"))
            yield DataTable(id="review-table", cursor_type="row", zebra_stripes=True)
            yield MessageLine(id="review-message")
            yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("#", "What", "Text", "From", "Detail", "Today")
        self.reload()
        table.focus()

    def reload(self) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        items = self.session.next_steps.review_items()
        for item in items:
            table.add_row(
                str(item.number), item.subject, printable(item.text), printable(item.source), printable(item.detail), item.outcome or "—"
            )
        if items:
            table.move_cursor(row=min(row, len(items) - 1))
        else:
            self.query_one(MessageLine).say("Nothing is open from earlier meetings of this series.")

    def action_mark(self, verb: str) -> None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return
        outcome = self.session.next_steps.mark_review(ReviewMark(verb, table.cursor_row + 1))
        self.query_one(MessageLine).say(outcome.error or outcome.message or "", error=not outcome.ok)
        self.reload()
