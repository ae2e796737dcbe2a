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
    """Where to write a file: `prompt`, then a path to accept (Enter) or change; Escape cancels.
    A file already there is replaced only on a second Enter, after saying so."""

    BINDINGS = [*bindings(PATH_KEYS), *Dialog.BINDINGS]
    KEYS = PATH_KEYS
    DEFAULT_CSS = """
    #path-box { width: 80; }
    #path-warning { color: $warning; }
    """

    def __init__(self, prompt: str, path: Path) -> None:
        super().__init__()
        self.prompt = prompt
        self.path = path
        self._replacing: Path | None = None
        """The existing file a first Enter was told about."""

    def compose(self) -> ComposeResult:
        with Vertical(id="path-box", classes="dialog"):
            yield Label(self.prompt)
            # Not selected: a key pressed by mistake (another export key, say) adds to the path
            # instead of replacing it.
            yield OrderedInput(str(self.path), id="path", select_on_focus=False)
            yield Label("", id="path-warning")

    def on_mount(self) -> None:
        field = self.query_one("#path", Input)
        field.focus()
        field.cursor_position = len(field.value)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            return
        target = Path(event.value.strip()).expanduser()
        if target.is_file() and target != self._replacing:
            self._replacing = target
            self.query_one("#path-warning", Label).update(
                f"{target.name} is already there. Enter again replaces it; or change the name, or Escape."
            )
            return
        self.dismiss(target)
