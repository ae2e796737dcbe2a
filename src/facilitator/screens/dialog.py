"""The box every dialog shares: centred over the screen it interrupts, on the surface colour."""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen

from facilitator.keys import FIELDS, bindings

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
