"""F1: every key of the current screen and every capture-bar command, from their declarations."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from facilitator.activities.voices import BALANCE_HELP
from facilitator.capture import COMMANDS
from facilitator.keys import HELP_KEYS, Key, bindings
from facilitator.screens.dialog import Dialog


class HelpScreen(Dialog[None]):
    BINDINGS = bindings(HELP_KEYS)
    DEFAULT_CSS = """
    #help {
        width: 90;
        height: 90%;
    }
    """

    def __init__(self, actions: tuple[Key, ...]) -> None:
        super().__init__()
        self.actions = actions

    def compose(self) -> ComposeResult:
        keys = Table("Key", "Action", title="Keys on this screen", expand=True, title_justify="left")
        for action in self.actions:
            where = f" in {action.category} items" if action.kinds else f" ({action.where})" if action.where else ""
            keys.add_row(action.key_label, f"{action.title}{where}: {action.help}")
        keys.add_row("Ctrl+P", "Command palette: every action by name.")
        keys.add_row("Ctrl+Q", "Quit. Everything is already saved.")
        commands = Table("Command", "What it does", title="Capture bar", expand=True, title_justify="left")
        commands.add_row("text + Enter", "Save a note on the current item (start with // to note a leading slash).")
        for spec in COMMANDS:
            aliases = ", ".join(f"/{a}" for a in spec.aliases)
            commands.add_row(spec.usage + (f" ({aliases})" if aliases else ""), spec.help)
        with VerticalScroll(id="help", classes="dialog"):
            yield Static(keys)
            yield Static(commands)
            yield Static(Text(BALANCE_HELP))
            yield Static("Escape or F1 closes this help.")
