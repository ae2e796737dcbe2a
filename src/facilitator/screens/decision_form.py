"""F5 in a decision item: the whole decision, checked before anything is stored."""

from __future__ import annotations

import re
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static

from facilitator.capture import OUTCOMES
from facilitator.dates import parse_due
from facilitator.keys import DECISION_FORM_KEYS, bindings
from facilitator.models import DecisionMethod
from facilitator.parts.outcome import Outcome
from facilitator.room.core import Ballot
from facilitator.screens.dialog import Dialog
from facilitator.session.meeting import MeetingSession
from facilitator.widgets.ordered_input import OrderedInput

_COUNTS = ("for", "against", "abstain", "stand", "block", "remote")


class DecisionFormScreen(Dialog[Outcome | None]):
    BINDINGS = bindings(DECISION_FORM_KEYS)
    KEYS = DECISION_FORM_KEYS
    DEFAULT_CSS = """
    #decision-box {
        width: 90;
        height: 90%;
    }
    .row {
        height: auto;
    }
    .row Input, .row Select {
        width: 1fr;
    }
    #decision-error {
        color: $error;
        text-style: bold;
        height: auto;
    }
    """

    def __init__(self, session: MeetingSession, ballot: Ballot | None = None) -> None:
        super().__init__()
        self.session = session
        self.ballot = ballot
        """The vote phones are casting (`/vote`), whose tally the saved decision adds."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="decision-box", classes="dialog"):
            yield Label(Text(str(self.session.decisions.quorum_now()), style="bold"))
            yield OrderedInput(placeholder="Proposal: what is being decided", id="decision-text")
            with Horizontal(classes="row"):
                yield Select([(m.value, m.value) for m in DecisionMethod], prompt="Method", id="decision-method")
                yield Select([(o, o) for o in OUTCOMES], prompt="Outcome", id="decision-outcome")
            documents = self._documents()
            if documents:
                yield Select(documents, prompt="Adopts no workshop document", id="decision-adopts")
            if self.ballot is not None:
                yield Static(id="decision-phones")
            yield Label("Paper, proxy or hands: added to the phones' tally" if self.ballot else "Tally (leave blank what does not apply):")
            with Horizontal(classes="row"):
                for name in ("for", "against", "abstain"):
                    yield OrderedInput(placeholder=name, id=f"decision-{name}", restrict=r"\d{0,6}")
            with Horizontal(classes="row"):
                yield OrderedInput(placeholder="stand-asides", id="decision-stand", restrict=r"\d{0,6}")
                yield OrderedInput(placeholder="blocks", id="decision-block", restrict=r"\d{0,6}")
                yield OrderedInput(placeholder="fist-to-five: counts of 0 1 2 3 4 5", id="decision-fist")
            with Horizontal(classes="row"):
                yield OrderedInput(placeholder="of the votes, cast from outside the room", id="decision-remote", restrict=r"\d{0,6}")
                yield OrderedInput(placeholder="how (e.g. 2 on the call, 1 proxy)", id="decision-remote-note")
            yield OrderedInput(placeholder="Rationale: why", id="decision-rationale")
            yield OrderedInput(placeholder="Review on (2026-06-01, friday, +4w), optional", id="decision-review")
            yield Static(id="decision-error")
            with Horizontal(classes="row"):
                yield Button("Cancel", id="decision-cancel")
                yield Button("Save (Ctrl+S)", variant="primary", id="decision-save")

    def _documents(self) -> list[tuple[str, int]]:
        """The series' workshop documents a decision may adopt, the one this item works on first."""
        session = self.session
        item = session.current_item()
        own = session.store.documents.for_item(session.meeting.series_id, item.document, item.document_title)
        found = [(f"Adopts: {d['title']}", int(d["id"])) for d in session.store.documents.of_series(session.meeting.series_id)]
        return sorted(found, key=lambda option: option[1] != own)

    def on_mount(self) -> None:
        self.query_one("#decision-text", Input).focus()
        if self.ballot is not None:
            self.query_one("#decision-text", Input).value = self.ballot.proposal
            self.query_one("#decision-method", Select).value = self.ballot.method
            self._show_phones()
            self.set_interval(0.5, self._show_phones)

    def _show_phones(self) -> None:
        """The phones' votes as they come in (counts only; nobody's vote)."""
        assert self.ballot is not None
        self.query_one("#decision-phones", Static).update(
            Text(f"From phones, live: {self.ballot.voted} voted · {self.ballot.words()}", style="bold")
        )

    def _value(self, name: str) -> str:
        return self.query_one(f"#decision-{name}", Input).value.strip()

    def _fail(self, message: str, field: str) -> None:
        self.query_one("#decision-error", Static).update(message)
        self.query_one(f"#decision-{field}").focus()

    @on(Button.Pressed, "#decision-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#decision-save")
    def action_save(self) -> None:
        text = " ".join(self._value("text").split())
        if not text:
            return self._fail("Write the proposal first.", "text")
        counts = {name: int(self._value(name)) if self._value(name) else None for name in _COUNTS}
        fist = None
        if self._value("fist"):
            numbers = re.findall(r"\d+", self._value("fist"))
            if len(numbers) != 6:
                return self._fail("Fist-to-five needs six counts: how many showed 0, 1, 2, 3, 4 and 5.", "fist")
            fist = [int(n) for n in numbers]
        review = None
        if self._value("review"):
            review = parse_due(self._value("review"), self.session.ctx.today(), "review")
            if isinstance(review, str):
                return self._fail(review.replace("review:", "Review date ", 1), "review")
        method = self.query_one("#decision-method", Select).value
        outcome = self.query_one("#decision-outcome", Select).value
        adopts = self.query("#decision-adopts").first(Select).value if self.query("#decision-adopts") else None
        fields: dict[str, Any] = {
            "votes_for": counts["for"], "votes_against": counts["against"], "votes_abstain": counts["abstain"],
            "stand_asides": counts["stand"], "blocks": counts["block"], "fist": fist,
            "remote_votes": counts["remote"], "remote_note": self._value("remote-note") or None,
        }
        if self.ballot is not None:
            fields = self.ballot.added_to(fields)
        self.dismiss(
            self.session.decisions.record(
                text,
                method=method if isinstance(method, str) else None,
                outcome=outcome if isinstance(outcome, str) else None,
                rationale=self._value("rationale") or None,
                review_date=review,
                adopts_document_id=adopts if isinstance(adopts, int) else None,
                **fields,
            )
        )
