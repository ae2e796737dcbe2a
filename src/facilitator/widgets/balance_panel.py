"""Everyone heard, live: speaking time as text bars, who has not spoken, one balance figure,
the speaker queue and the sectors missing from the table. Compact enough for 80x24."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from facilitator.activities.voices import VoicesView, bar
from facilitator.clock import format_duration
from facilitator.text import printable
from facilitator.widgets.activity_panel import scroll_to_focus

BAR = 12


class BalancePanel(Static):
    _speaking: int | None = None

    DEFAULT_CSS = """
    BalancePanel {
        height: 1fr;
        padding: 0 1;
        border: round $success;
        border-title-color: $text-muted;
        overflow-y: auto;
    }
    """

    def show(self, view: VoicesView) -> None:
        summary = view.summary
        total = summary.total_seconds or 1.0
        spoken = {person.id: air for person, air in summary.people}
        text = Text()
        text.append(summary.reading + "\n", style="bold")
        share = summary.community_share
        if share is not None:
            text.append(f"Community members {share:.0%} · institutional partners {1 - share:.0%} of the time\n")
        for number, person in enumerate(view.roster, start=1):
            air = spoken.get(person.id)
            seconds = air.seconds if air else 0.0
            marker = "▶" if person.id in view.speaking else " "
            name = printable(person.name)[:18]
            line = f"{marker}{number:>2} {name:<18} {bar(seconds / total, BAR)} {format_duration(seconds)}"
            text.append(line + (f" ×{air.turns}" if air else "") + "\n", style="bold" if marker == "▶" else "")
        if summary.silent:
            text.append("Not yet heard: " + ", ".join(printable(p.name) for p in summary.silent) + "\n", style="bold")
        elif not summary.marked:
            text.append("Who has not been heard shows once attendance is taken (F3).\n", style="italic")
        for label, groups in (("Sectors", summary.sectors), ("Organisations", summary.organisations)):
            if groups:
                parts = [f"{printable(g.key)} {g.seconds / total:.0%}" for g in groups]
                text.append(f"{label}: " + " · ".join(parts) + "\n")
        queue = ", ".join(printable(p.name) for p in view.queue) if view.queue else "nobody waiting"
        text.append(f"Queue ({view.queue_mode}): {queue}\n")
        missing = summary.coverage.missing
        if missing:
            text.append("No one on the roster from: " + ", ".join(missing), style="italic")
        self.border_title = f"Voices · {format_duration(summary.total_seconds)} spoken · /speak N or NAME · Ctrl+Y next in queue"
        self.update(text, layout=False)  # its box is fixed (1fr); only the text changes each second
        speaking = next((person.id for person in view.roster if person.id in view.speaking), None)
        if speaking != self._speaking:  # a new speaker: bring their line into sight
            self._speaking = speaking
            self.call_after_refresh(scroll_to_focus, self, text.plain)
