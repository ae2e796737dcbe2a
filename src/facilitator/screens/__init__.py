"""The app's screens; dialogs share `dialog.Dialog`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.dom import DOMNode

if TYPE_CHECKING:
    from facilitator.app import FacilitatorApp


def facilitator_app(node: DOMNode) -> FacilitatorApp:
    """The running app, typed as ours: its store, clock and navigation."""
    from facilitator.app import FacilitatorApp

    app = node.app
    assert isinstance(app, FacilitatorApp)
    return app
