"""The keys that work now, on one line at the bottom of every screen.

It shows what Textual's `Footer` shows (the screen's bindings with `show=True`, those the
screen disables dimmed, the command palette last; a click runs the key's action, hovering
says what it does) but draws them as one line of text. The `Footer` makes a widget per key
and rebuilds them after every focus or item change, and its keys first appear a frame after
the screen: on the live screen that cost more than the notes of a three-hour meeting.
"""

from __future__ import annotations

from textual import events
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

    _shown: tuple[tuple[str, str, bool], ...] = ()
    _tips: list[tuple[int, str]] = []
    """Where each key's text ends on the line, and what the key does: the hover tooltip."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.show_keys()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if screen is self.screen:
            self.show_keys()

    def show_keys(self) -> None:
        keys: list[tuple[Binding, bool]] = []
        palette: tuple[Binding, bool] | None = None
        actions: set[str] = set()
        tips: dict[str, str] = {}
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.action in actions:
                continue
            tips[binding.key] = tooltip or binding.tooltip or binding.description
            if self.app.ENABLE_COMMAND_PALETTE and binding.key == self.app.COMMAND_PALETTE_BINDING:
                palette = (binding, enabled)
            elif binding.show:
                actions.add(binding.action)
                keys.append((binding, enabled))
        if palette is not None:
            keys.append(palette)
        shown = tuple((binding.key, binding.description, enabled) for binding, enabled in keys)
        if shown == self._shown:  # bindings change on every focus move; the keys rarely do
            return
        self._shown = shown
        parts = [self._key(binding, enabled) for binding, enabled in keys]
        if palette is not None:
            parts[-1] = Content("▏") + parts[-1]
        self._tips, end = [], -1
        for part, (binding, _enabled) in zip(parts, keys, strict=True):
            end += 1 + part.cell_length
            self._tips.append((end, tips[binding.key]))
        self.update(Content(" ").join(parts))

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self.tooltip = next((tip for end, tip in self._tips if event.x <= end), None)

    def _key(self, binding: Binding, enabled: bool) -> Content:
        key = Content.styled(f" {self.app.get_key_display(binding)} ", KEY)
        label = Content.styled(binding.description, DESCRIPTION)
        item = key + label
        if not enabled:
            return item.stylize("dim")
        return item.stylize(f"@click=app.simulate_key({binding.key!r})")
