"""When an item runs over: extend it, take the time from later items, or park the rest and move on."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from facilitator.clock import FlowKind, describe
from facilitator.keys import TIME_CHOICES_KEYS, bindings
from facilitator.parsed import Flow
from facilitator.parts.outcome import Outcome
from facilitator.screens.dialog import Dialog
from facilitator.session.meeting import MeetingSession
from facilitator.text import printable
from facilitator.widgets.ordered_input import OrderedInput


class TimeChoicesScreen(Dialog[Outcome | None]):
    """Shows the new time boxes before anything is applied; returns what the choice did."""

    BINDINGS = bindings(TIME_CHOICES_KEYS)
    KEYS = TIME_CHOICES_KEYS
    DEFAULT_CSS = """
    #choices-box {
        width: 84;
        border: thick $warning;
    }
    #choices-minutes, #choices-park {
        width: 1fr;
    }
    #choices {
        height: auto;
        max-height: 5;
    }
    #choices-preview {
        height: auto;
        max-height: 8;
        color: $text-muted;
    }
    #choices-error {
        color: $error;
        text-style: bold;
    }
    """

    def __init__(self, session: MeetingSession) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        clock = self.session.clock()
        item = self.session.current_item(clock)
        with Vertical(id="choices-box", classes="dialog"):
            yield Label(Text(f"{clock.current_index + 1}. {printable(item.title)}: {describe(clock)}", style="bold"))
            yield Label("How many more minutes for this item?")
            yield OrderedInput("5", id="choices-minutes", restrict=r"\d{0,3}", max_length=3)
            yield OptionList(
                Option("a. Extend it: the meeting ends later", id="extend"),
                Option("b. Take it from later items: still ends on time", id="take"),
                Option("c. Park the rest and move on", id="park"),
                id="choices",
            )
            yield Static(id="choices-preview")
            yield Label("Parking-lot note for choice c:")
            yield OrderedInput(f"Rest of: {item.title}", id="choices-park")
            yield Static(id="choices-error")

    def on_mount(self) -> None:
        self.query_one("#choices", OptionList).highlighted = 0
        self._preview()
        self.query_one("#choices", OptionList).focus()

    def _minutes(self) -> int | None:
        text = self.query_one("#choices-minutes", Input).value
        return int(text) if text.isdigit() and 1 <= int(text) <= 600 else None

    @on(Input.Changed, "#choices-minutes")
    def _preview(self) -> None:
        preview = self.query_one("#choices-preview", Static)
        minutes = self._minutes()
        if minutes is None:
            preview.update("Give a whole number of minutes from 1 to 600.")
            return
        taking = self.session.flow.take_from_later(minutes)
        if not taking.upcoming:
            preview.update("b: there are no upcoming items to take time from.")
            return
        lines = Text(f"b: +{minutes} min here; {taking}.\n")
        for item in self.session.agenda:
            if item.id in taking.shrunk:
                before, after = taking.shrunk[item.id]
                lines.append(f"  {printable(item.title)}: {before} → {after} min\n")
        preview.update(lines)

    @on(OptionList.OptionSelected, "#choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        choice = event.option.id
        minutes = self._minutes()
        if choice == "park":
            outcome = self.session.flow.park_rest(self.query_one("#choices-park", Input).value)
        elif minutes is None:
            self.query_one("#choices-error", Static).update("Give the minutes first (1 to 600).")
            self.query_one("#choices-minutes", Input).focus()
            return
        elif choice == "extend":
            outcome = self.session.flow.apply(Flow(FlowKind.EXTEND, minutes))
        else:
            outcome = self.session.flow.take_time_from_later(minutes)
        if outcome.ok:
            self.dismiss(outcome)
        else:
            self.query_one("#choices-error", Static).update(outcome.error or "")
