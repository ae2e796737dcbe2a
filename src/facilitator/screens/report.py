"""A series' report on screen, from the meetings list: built in a worker (a long series takes a
moment), shown as Markdown cut to the latest meetings, and exported whole as Markdown, HTML or
one CSV per table."""

from __future__ import annotations

import traceback
from datetime import datetime
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import LoadingIndicator, Markdown, Static
from textual.worker import Worker, WorkerState

from facilitator import exports
from facilitator.keys import REPORT_KEYS, bindings
from facilitator.report import SeriesReport, build_report, render_markdown
from facilitator.screens import facilitator_app
from facilitator.screens.dialog import PathScreen
from facilitator.store import Store
from facilitator.text import printable
from facilitator.widgets.key_bar import KeyBar
from facilitator.widgets.message_line import MessageLine

ON_SCREEN = 12
"""Held meetings the per-meeting tables show on screen; the exports have them all."""


def build(db_path: Path, series: str, now: datetime) -> SeriesReport:
    """Runs in a worker thread, on its own connection."""
    store = Store.open(db_path)
    try:
        return build_report(store, series, now)
    finally:
        store.close()


class ReportScreen(Screen):
    BINDINGS = bindings(REPORT_KEYS)
    KEYS = REPORT_KEYS
    DEFAULT_CSS = """
    #report-title { height: 1; background: $primary-darken-2; text-style: bold; }
    #building { height: 1; }
    ReportScreen.-ready #building { display: none; }
    """

    def __init__(self, series: str, folder: Path | None = None) -> None:
        super().__init__()
        self.series = series
        self.folder = folder or exports.default_folder()
        self.report: SeriesReport | None = None

    def compose(self) -> ComposeResult:
        yield Static(f" Series report · {printable(self.series)} · M H C export · Escape back", id="report-title")
        yield LoadingIndicator(id="building")
        with VerticalScroll():
            yield Markdown(f"Reading every meeting of {printable(self.series)}…")
        yield MessageLine(id="report-status")
        yield KeyBar()

    def on_mount(self) -> None:
        app = facilitator_app(self)
        self.run_build(app.store.path, app.now())

    @work(thread=True, exclusive=True, group="build", exit_on_error=False)
    def run_build(self, db_path: Path, now: datetime) -> SeriesReport:
        return build(db_path, self.series, now)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def run_export(self, fmt: str, target: Path) -> str:
        assert self.report is not None
        return exports.write(exports.report(self.report, fmt), target)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state not in (WorkerState.SUCCESS, WorkerState.ERROR):
            return
        error = event.worker.error
        if event.worker.group == "build":
            self.add_class("-ready")
            if event.state is WorkerState.SUCCESS:
                self.report = event.worker.result
                assert self.report is not None
                self.query_one(Markdown).update(render_markdown(self.report.latest(ON_SCREEN)))
            else:
                self.log.error("report failed", traceback="".join(traceback.format_exception(error)))
                self._say(f"The report could not be built: {error}. Nothing was changed.", error=True)
        elif event.worker.group == "export":
            if event.state is WorkerState.SUCCESS:
                self._say(str(event.worker.result))
            else:
                reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
                self._say(f"Could not write the report: {reason}. Nothing else changed; try another path.", error=True)

    def action_export(self, fmt: str) -> None:
        if self.report is None:
            self._say("The report is still being built; a moment.")
            return
        path = self.folder / exports.report_name(self.series, self.report.as_of, fmt)
        what = exports.REPORT_FORMATS[fmt]

        def chosen(target: Path | None) -> None:
            if target is not None:
                self._say(f"Writing {what}…")
                self.run_export(fmt, target)

        self.app.push_screen(PathScreen(f"Export the report as {what} to:", path), chosen)

    def action_back(self) -> None:
        self.dismiss()

    def _say(self, message: str, *, error: bool = False) -> None:
        self.query_one(MessageLine).say(message, error=error)
