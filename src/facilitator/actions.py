"""Every keyboard action declared once: its key, key-bar label, palette title and help text.

Keys are control or function keys only, so none steals a letter the
note-taker is typing into the capture bar.
"""

from __future__ import annotations

import msgspec



class UserAction(msgspec.Struct, frozen=True):
    action: str
    """The Textual action the key runs, on the screen that declares it."""
    key: str
    label: str
    """Short word for the key bar."""
    category: str
    title: str
    """What the command palette shows, after the category."""
    help: str
    """One sentence for the help screen and the tooltip."""
    show: bool = True
    kinds: tuple[str, ...] = ()
    """Agenda item kinds this action works in; empty means everywhere."""

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


CHECKIN = ("checkin", "icebreaker")

HELP = UserAction("app.show_help", "f1", "Help", "app", "Help", "List every key and capture-bar command.")

# Help first, then the current item's own keys, then the flow keys: at 80 columns the key bar
# shows the keys needed now. Less frequent keys are in F1 help and the palette only.
LIVE_ACTIONS: tuple[UserAction, ...] = (
    HELP,
    UserAction("checkin_next", "f5", "Next speaker", "check-in", "Seat the round, or next speaker", "Seat the round in seated order, then give the floor to the next person.", kinds=CHECKIN),
    UserAction("checkin_pass", "f6", "Pass", "check-in", "Pass", "The current speaker passes.", kinds=CHECKIN),
    UserAction("checkin_shuffle", "f7", "Shuffle", "check-in", "Shuffle the round", "Seat the round shuffled, or shuffle who is still waiting.", kinds=CHECKIN),
    UserAction("checkin_absent", "f8", "Not here", "check-in", "Not here", "The current speaker is absent: marked so, and skipped.", kinds=CHECKIN),
    UserAction("checkin_add", "f9", "Add", "check-in", "Add the typed name", "Add the name typed in the bar to the roster and the round, present.", kinds=CHECKIN),
    UserAction("phase_next", "f5", "Next phase", "brainwriting", "Next phase", "Write, then group, then vote, then results.", kinds=("brainwriting",)),
    UserAction("phase_back", "f6", "Prev phase", "brainwriting", "Previous phase", "Go back a brainwriting phase.", kinds=("brainwriting",)),
    UserAction("decision_form", "f5", "Decision", "decision", "Record a decision", "Proposal, method, tally, outcome, rationale and review date, with quorum.", kinds=("decision",)),
    UserAction("next_item", "ctrl+n", "Next", "meeting", "Next item", "Move on to the next agenda item."),
    UserAction("previous_item", "ctrl+b", "Back", "meeting", "Previous item", "Go back to the previous agenda item."),
    UserAction("toggle_pause", "ctrl+t", "Pause", "meeting", "Pause or resume", "Pause the meeting clock, or start it again."),
    UserAction("extend", "ctrl+g", "+1 min", "meeting", "Extend by one minute", "Give the current item one more minute (from now, if it is over)."),
    UserAction("park", "ctrl+l", "Park", "meeting", "Park what is typed", "Put the text in the capture bar into the parking lot."),
    UserAction("voices", "ctrl+r", "Voices", "meeting", "Show or hide voices", "Speaking time by person, organisation and sector; who has not spoken; the balance; the queue."),
    UserAction("next_in_queue", "ctrl+y", "Queue", "meeting", "Next speaker from the queue", "Give the floor to the next person in the speaker queue.", show=False),
    UserAction("time_choices", "f2", "Over time", "meeting", "Over-time choices", "Extend the item, take the time from later items, or park the rest and move on.", show=False),
    UserAction("setup", "f3", "Roster", "meeting", "Roster, roles and attendance", "Edit the roster, the roles, the ground rules and who is here.", show=False),
    UserAction("review", "f4", "Review", "meeting", "Review earlier next steps", "Open actions, parked items and due decisions from earlier meetings of the series.", show=False),
    UserAction("leave", "ctrl+o", "Meetings", "meeting", "Back to meetings", "Leave the live screen; the clock keeps running.", show=False),
)

HOME_ACTIONS: tuple[UserAction, ...] = (
    HELP,
    UserAction("open_meeting", "enter", "Open", "meetings", "Open meeting", "Open the selected meeting's live screen."),
    UserAction("new_meeting", "ctrl+n", "New", "meetings", "New meeting", "Prepare a meeting from an agenda template."),
    UserAction("minutes", "ctrl+r", "Minutes", "meetings", "Read minutes", "Preview the selected meeting's minutes."),
)
