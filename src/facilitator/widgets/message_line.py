"""One line that tells the person what just happened, in words; errors also in bold red."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class MessageLine(Static):
    DEFAULT_CSS = """
    MessageLine {
        height: auto;
        padding: 0 1;
        color: $text-muted;
    }
    MessageLine.-error {
        color: $error;
        text-style: bold;
    }
    """

    def say(self, message: str, *, error: bool = False) -> None:
        self.set_class(error, "-error")
        self.update(Text(message))  # Text: typed names and paths are never read as markup
