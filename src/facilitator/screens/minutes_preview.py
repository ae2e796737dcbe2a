"""Read a meeting's minutes inside the app, rendered from the same Markdown the CLI writes."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Markdown, Static
from textual.containers import VerticalScroll

from facilitator.minutes import build_minutes, render_markdown


class MinutesScreen(Screen):
    BINDINGS = [("escape", "app.go_home", "Meetings")]
    DEFAULT_CSS = """
    #minutes-title {
        height: 1;
        background: $primary-darken-2;
        text-style: bold;
    }
    """

    def __init__(self, meeting_id: int) -> None:
        super().__init__()
        self.meeting_id = meeting_id

    def compose(self) -> ComposeResult:
        text = render_markdown(build_minutes(self.app.store, self.meeting_id, self.app.now()))
        yield Static(f" Minutes · facilitator minutes {self.meeting_id} -o FILE writes them", id="minutes-title")
        with VerticalScroll():
            yield Markdown(text)
        yield Footer()
