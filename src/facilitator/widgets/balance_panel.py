"""Everyone heard, live: speaking time as text bars, who has not spoken, one balance figure,
the speaker queue and the sectors missing from the table. Compact enough for 80x24."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from facilitator.activities import voices
from facilitator.clock import format_duration
from facilitator.session import MeetingSession
from facilitator.text import printable

BAR = 12


def _minutes(seconds: float) -> str:
    return format_duration(seconds)


class BalancePanel(Static):
    DEFAULT_CSS = """
    BalancePanel {
        height: 1fr;
        padding: 0 1;
        border: round $success;
        border-title-color: $text-muted;
        overflow-y: auto;
    }
    """

    def show(self, session: MeetingSession) -> None:
        summary = session.voices()
        total = summary.total_seconds or 1.0
        spoken = {person.id: air for person, air in summary.people}
        text = Text()
        text.append(summary.reading + "\n", style="bold")
        share = summary.community_share
        if share is not None:
            text.append(f"Community members {share:.0%} · institutional partners {1 - share:.0%} of the time\n")
        speaking = session.store.open_turns(session.meeting_id)
        for number, person in enumerate(session.numbered_roster(), start=1):
            air = spoken.get(person.id)
            seconds = air.seconds if air else 0.0
            marker = "▶" if any(t.person_id == person.id for t in speaking) else " "
            name = printable(person.name)[:18]
            line = f"{marker}{number:>2} {name:<18} {voices.bar(seconds / total, BAR)} {_minutes(seconds)}"
            text.append(line + (f" ×{air.turns}" if air else "") + "\n", style="bold" if marker == "▶" else "")
        if summary.silent:
            text.append("Not yet heard: " + ", ".join(printable(p.name) for p in summary.silent) + "\n", style="bold")
        for label, groups in (("Sectors", summary.sectors), ("Organisations", summary.organisations)):
            if groups:
                parts = [f"{printable(g.key)} {g.seconds / total:.0%}" for g in groups]
                text.append(f"{label}: " + " · ".join(parts) + "\n")
        queue = session.speaker_queue()
        mode = session.store.queue_mode(session.meeting_id)
        text.append(f"Queue ({mode}): " + (", ".join(printable(p.name) for p in queue) if queue else "nobody waiting") + "\n")
        missing = summary.coverage.missing
        if missing:
            text.append("No one on the roster from: " + ", ".join(missing), style="italic")
        self.border_title = f"Voices · {_minutes(summary.total_seconds)} spoken · /speak N or NAME · Ctrl+Y next in queue"
        self.update(text, layout=False)  # its box is fixed (1fr); only the text changes each second
