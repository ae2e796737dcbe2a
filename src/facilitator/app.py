"""The Textual app and the one factory that builds it, for the CLI and for every test."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import partial
from pathlib import Path

from textual.app import App, SystemCommand
from textual.screen import Screen

from facilitator.session.meeting import MeetingSession
from facilitator.startup import resume_collector
from facilitator.store import Store


class FacilitatorApp(App[None]):
    TITLE = "Facilitator"
    ENABLE_COMMAND_PALETTE = True

    def __init__(
        self,
        store: Store,
        now: Callable[[], datetime],
        *,
        meeting_id: int | None = None,
        cursor_blink: bool = True,
        export_folder: Path | None = None,
        view_only: bool = False,
    ) -> None:
        super().__init__()
        self.export_folder = export_folder
        self.view_only = view_only
        self.store = store
        self.now = now
        self.cursor_blink = cursor_blink
        self._start_meeting = meeting_id
        self._opened: set[int] = set()

    def on_mount(self) -> None:
        self.call_after_refresh(resume_collector)
        # `run ID` opens the meeting at once; the list of meetings is built only if asked for.
        if self._start_meeting is None:
            self.action_go_home()
        else:
            self.open_meeting(self._start_meeting)

    def open_meeting(self, meeting_id: int) -> None:
        from facilitator.screens.live import LiveScreen

        # The first time this process opens a meeting, a turn left open by a crash is closed.
        recovering = meeting_id not in self._opened
        self._opened.add(meeting_id)
        session = MeetingSession(self.store, meeting_id, self.now, recovering=recovering)
        self.push_screen(LiveScreen(session, cursor_blink=self.cursor_blink, view_only=self.view_only))

    def show_minutes(self, meeting_id: int, *, just_ended: bool = False) -> None:
        from facilitator.screens.minutes_preview import MinutesScreen

        self.push_screen(MinutesScreen(meeting_id, self.export_folder, just_ended=just_ended))

    def action_go_home(self) -> None:
        from facilitator.screens.home import HomeScreen

        while not isinstance(self.screen, HomeScreen) and len(self.screen_stack) > 1:
            self.pop_screen()
        if not isinstance(self.screen, HomeScreen):
            self.push_screen(HomeScreen())

    def meeting_deleted(self, message: str) -> None:
        """A meeting was deleted from its Setup screen: back to the list of meetings, saying so."""
        self.action_go_home()
        self.notify(message, title="Meeting deleted")

    async def action_quit(self) -> None:
        """Ctrl+Q: everything typed is already saved, except lines waiting for a full disk: those are
        tried once more, then written to a text file the exit message names (or, if no file can
        be written either, printed in that message), never dropped."""
        from facilitator.screens.live import LiveScreen
        from facilitator.store.salvage import keep_unsaved

        waiting = [line for screen in self.screen_stack if isinstance(screen, LiveScreen) for line in screen.settle()]
        if not waiting:
            self.exit()
            return
        kept = keep_unsaved(waiting, self.store.path, self.now())
        count = f"{len(waiting)} line{'s' if len(waiting) != 1 else ''}"
        if kept is not None:
            self.exit(return_code=2, message=f"facilitator: {count} could not be saved (the disk is full); they are in {kept}.")
        else:
            listed = "\n".join(waiting)
            self.exit(return_code=2, message=f"facilitator: {count} could not be saved or written to a file (the disk is full):\n{listed}")

    def action_show_help(self) -> None:
        from facilitator.screens.help import HelpScreen

        self.push_screen(HelpScreen(getattr(self.screen, "KEYS", ())))

    def _handle_exception(self, error: Exception) -> None:
        """A database that turns out damaged while the app reads it ends the app with a plain
        message and exit code 2, never a traceback: everything saved before is still in the file."""
        if isinstance(error, sqlite3.DatabaseError) and not isinstance(error, sqlite3.OperationalError):
            self.exit(
                return_code=2,
                message=f"facilitator: {self.store.path} is damaged ({error}). Nothing more was written to it; "
                "restore a backup, or copy what can be read with `sqlite3 FILE .recover`.",
            )
            return
        super()._handle_exception(error)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The palette offers what the current screen declares and allows now (a check-in key only
        while a check-in runs, nothing that writes in a read-only seat), titled `category: Verb`."""
        for action in getattr(screen, "KEYS", ()):
            if not action.palette or screen.check_action(action.action, ()) is False:
                continue
            target = action.action if action.action.startswith("app.") else f"screen.{action.action}"
            yield SystemCommand(action.palette_title, action.help, partial(self.run_action, target))
        yield from super().get_system_commands(screen)


def build_app(
    store: Store | Path | str,
    now: Callable[[], datetime],
    *,
    meeting_id: int | None = None,
    cursor_blink: bool = True,
    export_folder: Path | None = None,
    view_only: bool = False,
) -> FacilitatorApp:
    """The app on a database (a path is opened here, not at import) with an injected clock.

    The app's connection never waits for another seat's write lock: a command that finds the
    database busy says so at once and the live screen tries it again on a timer, so the event
    loop (and the screen) never stalls behind the other seat.
    """
    if not isinstance(store, Store):
        store = Store.open(store, readonly=view_only)
    store.database.set_busy_timeout(0)
    return FacilitatorApp(
        store, now, meeting_id=meeting_id, cursor_blink=cursor_blink, export_folder=export_folder, view_only=view_only
    )
