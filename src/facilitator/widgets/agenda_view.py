"""The agenda sidebar: one line per item, the current one marked in words and colour."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from facilitator.session.view import AgendaRow
from facilitator.text import printable

_LOOK = {"current": ("▶", "bold reverse"), "skipped": ("–", "dim strike"), "done": ("✓", "dim"), "upcoming": (" ", "")}


class AgendaView(Static):
    """Renders the agenda as text lines; cheap to redraw on every flow change."""

    DEFAULT_CSS = """
    AgendaView {
        width: 100%;
        height: 1fr;
        padding: 0 1;
        border: round $primary-darken-2;
        border-title-color: $text-muted;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def show(self, rows: list[AgendaRow]) -> None:
        text = Text(no_wrap=True, overflow="ellipsis")
        for row in rows:
            marker, style = _LOOK[row.state]
            text.append(f"{marker}{row.number:>2} {printable(row.title)}\n", style=style)
            text.append(f"    {row.kind} · {row.minutes} min\n", style="dim")
        self.update(text)
