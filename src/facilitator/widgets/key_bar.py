"""The keys that work now, on one line at the bottom of every screen.

It shows what Textual's `Footer` shows (the screen's bindings with `show=True`, those the
screen disables dimmed, the command palette last; a click runs the key's action) but draws
them as one line of text. The `Footer` makes a widget per key and rebuilds them after every
focus or item change, and its keys first appear a frame after the screen: on the live screen
that cost more than the notes of a three-hour meeting.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

KEY = "bold $footer-key-foreground on $footer-key-background"
DESCRIPTION = "$footer-description-foreground"


class KeyBar(Static):
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
        text-wrap: nowrap;
        text-overflow: clip;
    }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.show_keys()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if screen is self.screen:
            self.show_keys()

    def show_keys(self) -> None:
        parts: list[Content] = []
        palette: Content | None = None
        shown: set[str] = set()
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if binding.action in shown:
                continue
            if self.app.ENABLE_COMMAND_PALETTE and binding.key == self.app.COMMAND_PALETTE_BINDING:
                palette = self._key(binding, enabled)
            elif binding.show:
                shown.add(binding.action)
                parts.append(self._key(binding, enabled))
        if palette is not None:
            parts.append(Content("▏") + palette)
        self.update(Content(" ").join(parts))

    def _key(self, binding: Binding, enabled: bool) -> Content:
        key = Content.styled(f" {self.app.get_key_display(binding)} ", KEY)
        label = Content.styled(binding.description, DESCRIPTION)
        item = key + label
        if not enabled:
            return item.stylize("dim")
        return item.stylize(f"@click=app.simulate_key({binding.key!r})")
