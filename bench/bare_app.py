"""The floor for start-up time: a bare Textual app with one Label and a Footer."""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Label


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Label("Bare app ready")
        yield Footer()


if __name__ == "__main__":
    Bare().run()
