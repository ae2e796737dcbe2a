"""The app's screens; dialogs share `dialog.Dialog`.

Screens need a few things of the app that shows them (the store, the clock, moving between
screens); they ask for them through `Host`, which the app (`facilitator.app`) provides, so no
screen imports the app that imports the screens.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Protocol, runtime_checkable

from textual.dom import DOMNode

from facilitator.store import Store


@runtime_checkable
class Host(Protocol):
    """What a screen may ask of the app: its store and clock, where exports go, and the moves
    between screens."""

    store: Store
    now: Callable[[], datetime]
    export_folder: Path | None
    view_only: bool

    def open_meeting(self, meeting_id: int) -> None: ...

    def show_minutes(self, meeting_id: int, *, just_ended: bool = False) -> None: ...

    def action_go_home(self) -> None: ...

    def meeting_deleted(self, message: str) -> None: ...


def facilitator_app(node: DOMNode) -> Host:
    """The running app, as the screens know it."""
    app = node.app
    assert isinstance(app, Host)
    return app
