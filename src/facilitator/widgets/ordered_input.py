"""An Input whose editing keys happen in the order they were typed, and whose control
characters (in a paste) are shown, never sent to the terminal.

Textual runs a widget's key bindings (Ctrl+W deletes a word, Ctrl+U the line, Home, arrows)
once the key has been offered to the widget and bubbled back, while printable keys are inserted
at once. In a burst (a fast typist, a paste of keystrokes) the letters typed after Ctrl+U are
inserted first and then deleted with the rest: measured, `abc def` Ctrl+W `xyz` Ctrl+U `ok`
left an empty field instead of `ok`. Here each bound editing key runs its action before the
next key is looked at.

A paste keeps its control characters (an ESC, a line break): they are stored exactly, and shown
here as their visible stand-ins (␛, ␊), one cell each, so the terminal never receives them.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.expand_tabs import expand_tabs_inline
from textual.widgets import Input

from facilitator.text import printable


class OrderedInput(Input):
    async def _on_key(self, event: events.Key) -> None:
        # Textual calls this class's handler, then Input's (which types a printable key), unless
        # the event's default is prevented.
        if not event.is_printable:
            bindings = [b for b in self._bindings.key_to_bindings.get(event.key, []) if b.action != "submit"]
            if bindings:
                event.stop()
                event.prevent_default()
                await self.run_action(bindings[0].action)

    @property
    def _value(self) -> Text:
        """The value as shown: control characters as their stand-ins, one for one, so a cursor
        or selection index into the value is the same index into what is shown."""
        text = Text(printable(self.value), no_wrap=True, overflow="ignore", end="")
        return self.highlighter(text) if self.highlighter is not None else text

    def _position_to_cell(self, position: int) -> int:
        return cell_len(expand_tabs_inline(printable(self.value[:position]), 4))
