"""Read a meeting's minutes inside the app, and export them in every format.

Exports run in a thread worker with its own database connection, so the screen
never waits on rendering or the disk; the result comes back as a worker state change.
"""

from __future__ import annotations

import traceback
from datetime import datetime, timedelta
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import LoadingIndicator, Markdown, Static
from textual.worker import Worker, WorkerState

from facilitator import exports
from facilitator.keys import MINUTES_KEYS, bindings
from facilitator.minutes.kept import Kept, amendments, as_they_stand, render_kept
from facilitator.minutes.markdown import md_escape
from facilitator.screens import facilitator_app
from facilitator.screens.dialog import PathScreen
from facilitator.store import Store
from facilitator.text import printable
from facilitator.widgets.key_bar import KeyBar
from facilitator.widgets.message_line import MessageLine


def export(db_path: Path, meeting_id: int, fmt: str, target: Path, now: datetime) -> str:
    """Render and write one export, and say what was written; runs in a worker thread on its own connection."""
    store = Store.open(db_path)
    try:
        rendered = exports.minutes(store, meeting_id, fmt, now)
    finally:
        store.close()
    return exports.write(rendered, target)


class MinutesScreen(Screen):
    BINDINGS = bindings(MINUTES_KEYS)
    KEYS = MINUTES_KEYS
    DEFAULT_CSS = """
    #minutes-title { height: 1; background: $primary-darken-2; text-style: bold; }
    #exporting { height: 1; display: none; }
    MinutesScreen.-busy #exporting { display: block; }
    """

    GRACE = 1.0
    """Seconds after `/end` in which the preview's one-letter keys do nothing: a note-taker still
    typing when the screen changes would otherwise open the record or an export (`e`, `m`, `d`...)."""

    def __init__(self, meeting_id: int, folder: Path | None = None, *, just_ended: bool = False) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.folder = folder or exports.default_folder()
        self._grace = timedelta(seconds=self.GRACE if just_ended else 0.0)
        self._keys_from: datetime | None = None

    def on_mount(self) -> None:
        self._keys_from = facilitator_app(self).now() + self._grace

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        waiting = self._keys_from is None or facilitator_app(self).now() < self._keys_from
        return not waiting or action == "app.show_help"

    def compose(self) -> ComposeResult:
        self.meeting = facilitator_app(self).store.meetings.get(self.meeting_id)
        title = printable(self.meeting.title)
        yield Static(f" Minutes · {title} · E corrects the record · M H W P J C I D export · Y copies", id="minutes-title")
        with VerticalScroll():
            yield Markdown(self._markdown())
        yield LoadingIndicator(id="exporting")
        yield MessageLine(id="export-status")
        yield KeyBar()

    def _kept(self) -> Kept:
        app = facilitator_app(self)
        return as_they_stand(app.store, self.meeting_id, app.now())

    def _markdown(self) -> str:
        """The minutes as they stand for sending; approved ones as kept, with what was corrected since
        listed after them (on screen only: it is not part of what was approved)."""
        kept = self._kept()
        text = str(render_kept(kept, "md"))
        if kept.approved_at is not None:
            later = amendments(facilitator_app(self).store, self.meeting_id)
            text += "\n---\n\n## Corrected since they were approved (not part of the approved minutes)\n\n"
            text += "\n".join(f"- {md_escape(line)}" for line in later) if later else "_Nothing._"
            text += "\n"
        return text

    def action_record(self) -> None:
        """Go through the record before sending it; the preview is drawn again after."""
        from facilitator.screens.record import RecordScreen
        from facilitator.session.meeting import MeetingSession

        app = facilitator_app(self)
        session = MeetingSession(app.store, self.meeting_id, app.now)

        def closed(changed: bool | None) -> None:
            if changed:
                self.query_one(Markdown).update(self._markdown())
                approved = app.store.meetings.approval(self.meeting_id) is not None
                self._say("The minutes as approved stay as they were; the corrections are listed below them as later amendments."
                          if approved else "The minutes now show the corrections; the trail keeps what they were.")

        self.app.push_screen(RecordScreen(session), closed)

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(str(render_kept(self._kept(), "md")))
        self._say("Markdown sent to the clipboard (terminals that do not support it ignore this; use M to save a file).")

    def action_export(self, fmt: str) -> None:
        what = exports.MINUTES_FORMATS[fmt][0]
        path = self.folder / exports.minutes_name(self.meeting.date, self.meeting.title, fmt)

        def chosen(target: Path | None) -> None:
            if target is not None:
                self.add_class("-busy")
                self._say(f"Writing {what}…")
                self.run_export(fmt, target)

        self.app.push_screen(PathScreen(f"Export {what} to:", path), chosen)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def run_export(self, fmt: str, target: Path) -> str:
        return export(facilitator_app(self).store.path, self.meeting_id, fmt, target, facilitator_app(self).now())

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "export" or event.state not in (WorkerState.SUCCESS, WorkerState.ERROR):
            return
        self.remove_class("-busy")
        if event.state is WorkerState.SUCCESS:
            self._say(str(event.worker.result))
        else:
            error = event.worker.error
            if not isinstance(error, OSError):  # our bug, not the user's path: keep the traceback
                self.log.error("export failed", error=repr(error), traceback="".join(traceback.format_exception(error)))
            reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
            self._say(f"Could not write the export: {reason}. Nothing else changed; try another path.", error=True)

    def _say(self, message: str, *, error: bool = False) -> None:
        self.query_one(MessageLine).say(message, error=error)
