"""Prepare a meeting: template, title, date and series, checked before anything is stored."""

from __future__ import annotations

import sqlite3

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Select, Static

from facilitator.dates import parse_meeting_date
from facilitator.keys import NEW_MEETING_KEYS, bindings
from facilitator.parts.outcome import storage_problem
from facilitator.screens import facilitator_app
from facilitator.screens.dialog import Dialog
from facilitator.session.plan import prepare_meeting
from facilitator.store import StoreError
from facilitator.templates import TemplateError, builtin_templates, load_template
from facilitator.widgets.ordered_input import OrderedInput


class NewMeetingScreen(Dialog[int | None]):
    """Returns the new meeting's id, or None when cancelled."""

    BINDINGS = bindings(NEW_MEETING_KEYS)
    KEYS = NEW_MEETING_KEYS
    DEFAULT_CSS = """
    #new-meeting {
        width: 70;
    }
    #new-error {
        color: $error;
        text-style: bold;
        height: auto;
    }
    #new-buttons {
        height: auto;
        align-horizontal: right;
    }
    """

    def compose(self) -> ComposeResult:
        templates = []
        for name, path in builtin_templates().items():
            try:
                template = load_template(path)
            except TemplateError:
                continue  # `facilitator templates check` explains; the form offers what works
            templates.append((f"{template.title} · {template.length_minutes} min", name))
        with Vertical(id="new-meeting", classes="dialog"):
            yield Label("Prepare a meeting")
            yield Select(templates, prompt="Agenda template", id="new-template", allow_blank=False)
            yield OrderedInput(placeholder="Title, e.g. March coalition meeting", id="new-title")
            today = facilitator_app(self).now().astimezone().date().isoformat()
            yield OrderedInput(value=today, placeholder="Date YYYY-MM-DD", id="new-date")
            known = facilitator_app(self).store.archive.series_names()
            yield OrderedInput(
                placeholder="Series (coalition or workgroup), optional; → takes the suggestion", id="new-series",
                suggester=SuggestFromList(known, case_sensitive=False),
            )
            yield Static(id="new-error")
            with Horizontal(id="new-buttons"):
                yield Button("Cancel", id="new-cancel")
                yield Button("Create", variant="primary", id="new-create")

    def on_mount(self) -> None:
        self.query_one("#new-title", Input).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#new-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    @on(Button.Pressed, "#new-create")
    def create(self) -> None:
        app = facilitator_app(self)
        error = self.query_one("#new-error", Static)
        name = self.query_one("#new-template", Select).value
        on_date = parse_meeting_date(self.query_one("#new-date", Input).value, app.now().astimezone().date())
        if isinstance(on_date, str):
            error.update(on_date)
            self.query_one("#new-date", Input).focus()
            return
        try:
            template = load_template(builtin_templates()[str(name)])
            prepared = prepare_meeting(
                app.store, template, title=self.query_one("#new-title", Input).value, on=on_date, now=app.now(),
                series=self.query_one("#new-series", Input).value, template_name=str(name),
            )
        except TemplateError as exc:
            prepared = str(exc)
        except sqlite3.Error as exc:
            prepared = storage_problem(exc)
        except StoreError as exc:
            prepared = str(exc)
        if isinstance(prepared, str):
            error.update(Text(prepared))
            if "title" in prepared:
                self.query_one("#new-title", Input).focus()
            return
        self.dismiss(prepared.meeting_id)
