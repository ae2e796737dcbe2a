"""Every keyboard action declared once: its key, key-bar label, palette title and help text.

Every screen's keys are declared here, and the declaration feeds the screen's bindings, the
key bar, the command palette and F1 help. On screens with a text field the keys are control or
function keys only, so none steals a letter being typed; screens with no text field (the review
list, the minutes) use letters.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

if TYPE_CHECKING:
    from textual.binding import Binding, BindingType


class Key(msgspec.Struct, frozen=True):
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
    priority: bool = False
    """Runs before the focused widget sees the key (Tab must move on before the next key lands)."""
    palette: bool = True
    """Offered in the command palette (moving between fields is not)."""
    where: str = ""
    """Where on its screen the key works, when one key means different things in different
    places (Setup's tabs): the help screen says so."""

    @property
    def key_label(self) -> str:
        """The key as people write it: `Ctrl+N`, `F1`, `Enter`."""
        return "+".join(part.upper() if len(part) <= 3 else part.capitalize() for part in self.key.split("+")).replace("CTRL", "Ctrl")

    @property
    def palette_title(self) -> str:
        return f"{self.category}: {self.title}"

    def binding(self) -> Binding:
        from textual.binding import Binding  # imported here: this module stays free of Textual until a screen needs it

        return Binding(self.key, self.action, self.label, show=self.show, id=self.action, tooltip=self.help, priority=self.priority)


def bindings(actions: tuple[Key, ...]) -> list[BindingType]:
    """A screen's BINDINGS, from its declared actions."""
    return [action.binding() for action in actions]


CHECKIN = ("checkin", "icebreaker")

HELP = Key("app.show_help", "f1", "Help", "app", "Help", "List every key and capture-bar command.")

# Help first, then the current item's own keys, then the flow keys: at 80 columns the key bar
# shows the keys needed now. Less frequent keys are in F1 help and the palette only.
LIVE_KEYS: tuple[Key, ...] = (
    HELP,
    Key("checkin_next", "f5", "Next speaker", "check-in", "Seat the round, or next speaker", "Seat the round in seated order, then give the floor to the next person.", kinds=CHECKIN),
    Key("checkin_pass", "f6", "Pass", "check-in", "Pass", "The current speaker passes.", kinds=CHECKIN),
    Key("checkin_shuffle", "f7", "Shuffle", "check-in", "Shuffle the round", "Seat the round shuffled, or shuffle who is still waiting.", kinds=CHECKIN),
    Key("checkin_absent", "f8", "Not here", "check-in", "Not here", "The current speaker is absent: marked so, and skipped.", kinds=CHECKIN),
    Key("checkin_add", "f9", "Add", "check-in", "Add the typed name", "Add the name typed in the bar to the roster and the round, present.", kinds=CHECKIN),
    Key("phase_next", "f5", "Next phase", "brainwriting", "Next phase", "Write, then group, then vote, then results.", kinds=("brainwriting",)),
    Key("phase_back", "f6", "Prev phase", "brainwriting", "Previous phase", "Go back a brainwriting phase.", kinds=("brainwriting",)),
    Key("decision_form", "f5", "Decision", "decision", "Record a decision", "Proposal, method, tally, outcome, rationale and review date, with quorum.", kinds=("decision",)),
    Key("next_item", "ctrl+n", "Next", "meeting", "Next item", "Move on to the next agenda item."),
    Key("previous_item", "ctrl+b", "Back", "meeting", "Previous item", "Go back to the previous agenda item."),
    Key("toggle_pause", "ctrl+t", "Pause", "meeting", "Pause or resume", "Pause the meeting clock, or start it again."),
    Key("extend", "ctrl+g", "+1 min", "meeting", "Extend by one minute", "Give the current item one more minute (from now, if it is over)."),
    Key("park", "ctrl+l", "Park", "meeting", "Park what is typed", "Put the text in the capture bar into the parking lot."),
    Key("voices", "ctrl+r", "Voices", "meeting", "Show or hide voices", "Speaking time by person, organisation and sector; who has not spoken; the balance; the queue."),
    Key("next_in_queue", "ctrl+y", "Queue", "meeting", "Next speaker from the queue", "Give the floor to the next person in the speaker queue.", show=False),
    Key("time_choices", "f2", "Over time", "meeting", "Over-time choices", "Extend the item, take the time from later items, or park the rest and move on.", show=False),
    Key("setup", "f3", "Roster", "meeting", "Roster, roles and attendance", "Edit the roster, the roles, the ground rules and who is here.", show=False),
    Key("review", "f4", "Review", "meeting", "Review earlier next steps", "Open actions, parked items and due decisions from earlier meetings of the series.", show=False),
    Key("leave", "ctrl+o", "Meetings", "meeting", "Back to meetings", "Leave the live screen; the clock keeps running.", show=False),
    Key("room", "f10", "Room", "meeting", "The room: phones join", "Open the room to phones on the room's Wi-Fi, or show it again: QR code, link, join code (/room, /room close).", show=False),
)

HOME_KEYS: tuple[Key, ...] = (
    HELP,
    Key("open_meeting", "enter", "Open", "meetings", "Open meeting", "Open the selected meeting's live screen."),
    Key("new_meeting", "ctrl+n", "New", "meetings", "New meeting", "Prepare a meeting from an agenda template."),
    Key("minutes", "ctrl+r", "Minutes", "meetings", "Read minutes", "Preview the selected meeting's minutes."),
    Key("report", "ctrl+e", "Report", "meetings", "Series report", "The selected meeting's series over time: attendance, sectors, voices, follow-through, decisions, ratings."),
)

ROOM_KEYS: tuple[Key, ...] = (
    HELP,
    Key("close_room", "ctrl+w", "Close room", "room", "Close the room", "Phones can no longer send anything; their links stop working."),
    Key("remove_device", "delete", "Remove phone", "room", "Remove the highlighted phone",
               "That phone can no longer send anything (what it sent stays); it may join again with the link."),
    Key("back", "escape", "Back", "room", "Back to the meeting", "The room stays open; /room shows this again."),
)

REPORT_KEYS: tuple[Key, ...] = (
    HELP,
    Key("export('md')", "m", "Markdown", "export", "Markdown", "Write the whole report as Markdown."),
    Key("export('html')", "h", "HTML", "export", "HTML", "Write the whole report as one web page with charts."),
    Key("export('csv')", "c", "CSV", "export", "CSV tables", "Write one CSV file per table into a folder, for assessment tools."),
    Key("back", "escape", "Meetings", "report", "Back to meetings", "Back to the list of meetings."),
)

# Moving between fields (every dialog has these, and the setup screen): before the next key lands, even in a burst (a fast typist, a paste),
# so "name, Tab, organisation" fills two fields, not one.
FIELDS: tuple[Key, ...] = (
    Key("app.focus_next", "tab", "Next field", "form", "Next field", "Move to the next field.", show=False, priority=True, palette=False),
    Key("app.focus_previous", "shift+tab", "Previous field", "form", "Previous field", "Move to the previous field.", show=False, priority=True, palette=False),
)

SETUP_KEYS: tuple[Key, ...] = (
    HELP,
    Key("mark('present')", "f5", "Present", "attendance", "Present", "Mark the selected person present.", where="Roster tab"),
    Key("mark('late')", "f6", "Late", "attendance", "Late", "Mark the selected person late, now.", where="Roster tab"),
    Key("mark('left early')", "f7", "Left", "attendance", "Left early", "Mark the selected person as having left early, now.", where="Roster tab"),
    Key("mark('absent')", "f8", "Absent", "attendance", "Absent", "Mark the selected person absent.", where="Roster tab"),
    Key("toggle_voting", "f9", "Voting", "roster", "Voting member or not", "Switch the selected person's voting membership.", where="Roster tab"),
    Key(
        "toggle_community", "f10", "Community", "roster", "Community member or not",
        "Switch whether the selected person is a community member or speaks from lived experience.",
        where="Roster tab",
    ),
    Key("retire", "ctrl+t", "Retire", "roster", "Retire or bring back", "Take the selected person off the roster from now on, or bring them back.", show=False, where="Roster tab"),
    Key("merge", "ctrl+g", "Merge", "roster", "Merge a duplicate", "The selected person is a duplicate: choose who they really are.", show=False, where="Roster tab"),
    Key("move_item(-1)", "f5", "Up", "agenda", "Move the item up", "Move the chosen agenda item one place earlier.", where="Agenda tab"),
    Key("move_item(1)", "f6", "Down", "agenda", "Move the item down", "Move the chosen agenda item one place later.", where="Agenda tab"),
    Key("remove_item", "f8", "Remove", "agenda", "Remove the item", "Take the chosen item off the plan (F8 twice; nothing may be recorded on it).", where="Agenda tab"),
    Key("save_template", "f9", "Save template", "agenda", "Save as a template", "Save this agenda, its ground rules and length as a template for next time.", where="Agenda tab"),
    Key("delete_meeting", "f8", "Delete meeting", "meeting", "Delete this meeting", "Delete this meeting, asked first (only before it starts; the series and roster stay).", where="Meeting tab"),
    Key("next_tab", "f2", "Tabs", "setup", "Next tab", "Roster and attendance, the agenda, roles and ground rules, the meeting's details, the series' workshop documents."),
    Key("start", "ctrl+s", "Start meeting", "meeting", "Start the meeting", "Start the meeting clock and go to the live screen."),
    Key("close", "escape", "Live screen", "meeting", "Back to the live screen", "From a form, back to its list first; from a list, back to the live screen. Everything is saved as typed."),
    *FIELDS,
)

CONFIRM_KEYS: tuple[Key, ...] = (
    Key("confirm", "enter", "Yes", "confirm", "Yes", "Do it."),
    Key("keep", "escape", "No", "confirm", "No", "Leave it as it is."),
)

MERGE_KEYS: tuple[Key, ...] = (
    Key("dismiss(None)", "escape", "Cancel", "roster", "Cancel", "Merge nothing."),
)

DECISION_FORM_KEYS: tuple[Key, ...] = (
    HELP,
    Key("save", "ctrl+s", "Save decision", "decision", "Save the decision", "Check the form and record the decision with the quorum as it stands."),
    Key("dismiss(None)", "escape", "Cancel", "decision", "Cancel", "Close the form; nothing is recorded."),
)

REVIEW_KEYS: tuple[Key, ...] = (
    HELP,
    Key("mark('done')", "d", "Done / reviewed", "review", "Done or reviewed", "The selected action is done, or the decision has been reviewed."),
    Key("mark('carry')", "c", "Carry over", "review", "Carry over", "The selected action stays open for the next meeting."),
    Key("mark('drop')", "x", "Drop", "review", "Drop", "Drop the selected action or parked item."),
    Key("mark('agenda')", "a", "Onto agenda", "review", "Onto this agenda", "Add the selected parked item to this meeting's agenda."),
    Key("mark('keep')", "k", "Keep", "review", "Keep for later", "Keep the selected parked item or decision for a later meeting."),
    Key("dismiss(None)", "escape", "Close", "review", "Close", "Back to the live screen."),
)

MINUTES_KEYS: tuple[Key, ...] = (
    HELP,
    Key("export('md')", "m", "Markdown", "export", "Markdown", "Write the minutes as Markdown."),
    Key("export('html')", "h", "HTML", "export", "HTML", "Write the minutes as one printable web page."),
    Key("export('docx')", "w", "Word", "export", "Word (DOCX)", "Write the minutes as a Word document."),
    Key("export('pdf')", "p", "PDF", "export", "PDF", "Write the minutes as a PDF to attach or print."),
    Key("export('eml')", "d", "Draft email", "export", "Draft email", "A draft email to those who came: the minutes, the PDF and the next steps' calendar."),
    Key("export('json')", "j", "JSON", "export", "JSON", "Write the minutes as JSON (facilitator schema)."),
    Key("export('csv')", "c", "CSV", "export", "Next steps as CSV", "Write the next steps as a spreadsheet file."),
    Key("export('ics')", "i", "Calendar", "export", "Next steps as a calendar", "Write the next steps as iCalendar entries."),
    Key("copy", "y", "Copy", "export", "Copy the Markdown", "Send the Markdown to the clipboard, where the terminal allows it."),
    Key("record", "e", "Correct", "minutes", "Correct the record", "Go through every capture before sending: correct, strike or bring back."),
    Key("app.go_home", "escape", "Meetings", "minutes", "Back to meetings", "Back to the list of meetings."),
)

RECORD_KEYS: tuple[Key, ...] = (
    HELP,
    Key("correct", "enter", "Correct", "record", "Correct the capture", "Put the selected capture, as typed, in a line to correct."),
    Key("strike", "delete", "Strike", "record", "Strike the capture", "Strike the selected capture from the record (R brings it back)."),
    Key("restore", "r", "Bring back", "record", "Bring back a struck capture", "Bring back the selected capture after a strike."),
    Key("close", "escape", "Done", "record", "Back to the minutes", "Back to the minutes, drawn again with the corrections."),
)

CORRECTION_KEYS: tuple[Key, ...] = (
    Key("dismiss(None)", "escape", "Cancel", "record", "Leave it as it was", "Change nothing."),
)

PATH_KEYS: tuple[Key, ...] = (
    Key("dismiss(None)", "escape", "Cancel", "file", "Cancel", "Write nothing."),
)

TIME_CHOICES_KEYS: tuple[Key, ...] = (
    HELP,
    Key("dismiss(None)", "escape", "Cancel", "over time", "Cancel", "Change nothing; back to the live screen."),
)

NEW_MEETING_KEYS: tuple[Key, ...] = (
    HELP,
    Key("cancel", "escape", "Cancel", "meetings", "Cancel", "Prepare nothing; back to the meetings."),
)

HELP_KEYS: tuple[Key, ...] = (
    Key("dismiss", "escape", "Close", "help", "Close help", "Close this help."),
    Key("dismiss", "f1", "Close", "help", "Close help", "Close this help.", show=False, palette=False),
)
