"""The agenda sidebar: one line per item, the current one marked in words and colour."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from facilitator.clock import MeetingClock, Status
from facilitator.models import AgendaItem
from facilitator.text import printable


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

    def show(self, agenda: list[AgendaItem], clock: MeetingClock) -> None:
        text = Text(no_wrap=True, overflow="ellipsis")
        for index, item in enumerate(agenda):
            box = clock.boxes[index]
            if index == clock.current_index and clock.status is not Status.ENDED:
                marker, style = "▶", "bold reverse"
            elif box.skipped:
                marker, style = "–", "dim strike"
            elif box.visited:
                marker, style = "✓", "dim"
            else:
                marker, style = " ", ""
            line = f"{marker}{index + 1:>2} {printable(item.title)}"
            text.append(f"{line}\n", style=style)
            text.append(f"    {item.kind.value.replace('_', ' ')} · {box.box_minutes} min\n", style="dim")
        self.update(text)
