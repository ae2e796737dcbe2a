"""An Input whose editing keys happen in the order they were typed.

Textual runs a widget's key bindings (Ctrl+W deletes a word, Ctrl+U the line, Home, arrows)
once the key has been offered to the widget and bubbled back, while printable keys are inserted
at once. In a burst (a fast typist, a paste of keystrokes) the letters typed after Ctrl+U are
inserted first and then deleted with the rest: measured, `abc def` Ctrl+W `xyz` Ctrl+U `ok`
left an empty field instead of `ok`. Here each bound editing key runs its action before the
next key is looked at.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input


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
