"""Every keyboard action declared once: its key, footer label, palette title and help text.

Keys are control or function keys only, so none steals a letter the
note-taker is typing into the capture bar.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class UserAction:
    action: str
    """The Textual action the key runs, on the screen that declares it."""
    key: str
    label: str
    """Short word for the footer."""
    category: str
    title: str
    """What the command palette shows, after the category."""
    help: str
    """One sentence for the help screen and the tooltip."""
    show: bool = True

    @property
    def key_label(self) -> str:
        """The key as people write it: `Ctrl+N`, `F1`, `Enter`."""
        return "+".join(part.upper() if len(part) <= 3 else part.capitalize() for part in self.key.split("+")).replace("CTRL", "Ctrl")

    @property
    def palette_title(self) -> str:
        return f"{self.category}: {self.title}"

    def binding(self):  # -> textual.binding.Binding; imported late to keep this module Textual-free
        from textual.binding import Binding

        return Binding(self.key, self.action, self.label, show=self.show, id=self.action, tooltip=self.help)


HELP = UserAction("app.show_help", "f1", "Help", "app", "Help", "List every key and capture-bar command.")

# Help comes first so the footer shows it even on an 80-column screen.
LIVE_ACTIONS: tuple[UserAction, ...] = (
    HELP,
    UserAction("next_item", "ctrl+n", "Next", "meeting", "Next item", "Move on to the next agenda item."),
    UserAction("previous_item", "ctrl+b", "Back", "meeting", "Previous item", "Go back to the previous agenda item."),
    UserAction("toggle_pause", "ctrl+t", "Pause", "meeting", "Pause or resume", "Pause the meeting clock, or start it again."),
    UserAction("extend", "ctrl+g", "+1 min", "meeting", "Extend by one minute", "Give the current item one more minute (from now, if it is over)."),
    UserAction("park", "ctrl+l", "Park", "meeting", "Park what is typed", "Put the text in the capture bar into the parking lot."),
    UserAction("time_choices", "f2", "Over time", "meeting", "Over-time choices", "Extend the item, take the time from later items, or park the rest and move on."),
    UserAction("setup", "f3", "Roster", "meeting", "Roster, roles and attendance", "Edit the roster, the roles, the ground rules and who is here."),
    UserAction("leave", "ctrl+o", "Meetings", "meeting", "Back to meetings", "Leave the live screen; the clock keeps running."),
)

HOME_ACTIONS: tuple[UserAction, ...] = (
    HELP,
    UserAction("open_meeting", "enter", "Open", "meetings", "Open meeting", "Open the selected meeting's live screen."),
    UserAction("new_meeting", "ctrl+n", "New", "meetings", "New meeting", "Prepare a meeting from an agenda template."),
    UserAction("minutes", "ctrl+r", "Minutes", "meetings", "Read minutes", "Preview the selected meeting's minutes."),
)
