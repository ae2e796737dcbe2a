"""The box every dialog shares: centred over the screen it interrupts, on the surface colour."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from facilitator.keys import FIELDS, PATH_KEYS, bindings
from facilitator.widgets.ordered_input import OrderedInput

Result = TypeVar("Result")


class Dialog(ModalScreen[Result]):
    """A modal screen whose content sits in one container with the `dialog` class; each dialog
    sets only its own width, height and border colour."""

    BINDINGS = bindings(FIELDS)
    DEFAULT_CSS = """
    Dialog {
        align: center middle;
    }
    Dialog .dialog {
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $accent;
        background: $surface;
        padding: 0 1;
    }
    """


class PathScreen(Dialog[Path | None]):
    """Where to write a file: `prompt`, then a path to accept (Enter) or change; Escape cancels."""

    BINDINGS = [*bindings(PATH_KEYS), *Dialog.BINDINGS]
    KEYS = PATH_KEYS
    DEFAULT_CSS = """
    #path-box { width: 80; }
    """

    def __init__(self, prompt: str, path: Path) -> None:
        super().__init__()
        self.prompt = prompt
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical(id="path-box", classes="dialog"):
            yield Label(self.prompt)
            yield OrderedInput(str(self.path), id="path")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.dismiss(Path(event.value.strip()).expanduser())
