"""Setup's Agenda tab: the meeting's plan, item by item, with its total against the planned length.

Enter on an item puts it in the form below to change; the form adds an item when none is
chosen. F5 and F6 move the chosen item up and down, F8 removes it (asked once), F9 saves this
agenda as a template. Every change goes through the session's `Plan` (one command each), and
only while the meeting has not started.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Input, Select, Static

from facilitator.documents import KINDS
from facilitator.models import AgendaItem, ItemKind
from facilitator.parts.outcome import Outcome
from facilitator.session.meeting import MeetingSession
from facilitator.session.plan import ItemDetails
from facilitator.text import printable
from facilitator.widgets.ordered_input import OrderedInput

CHECKIN_KINDS = ("checkin", "icebreaker")


def options(item: AgendaItem) -> str:
    """An item's prompt and the options of its kind, in a few words."""
    said = []
    if item.kind.value in CHECKIN_KINDS:
        said.append(f"{item.speaker_seconds / 60:g} min each")
    if item.kind is ItemKind.BRAINWRITING:
        said.append(f"{item.dot_budget} dots")
    if item.kind is ItemKind.EVALUATION and item.questions:
        said.append(f"{len(item.questions)} questions")
    if item.document in KINDS:
        kind = KINDS[item.document]
        said.append(kind.title + (f": {kind.label(item.part)}" if item.part else ""))
    if item.approves_meeting_id is not None:
        said.append("approves the last minutes")
    return " · ".join(said + ([item.prompt] if item.prompt else []))


class AgendaPane(Vertical):
    """The plan as a table, its totals, and the form that adds or changes an item."""

    DEFAULT_CSS = """
    AgendaPane { height: 1fr; }
    #agenda-items { height: 1fr; min-height: 4; border: tall $background; }
    #agenda-items:focus { border: tall $accent; }
    #agenda-totals { height: auto; color: $text-muted; padding: 0 1; }
    AgendaPane .item-row { height: auto; }
    AgendaPane .item-row Input { width: 1fr; }
    #item-title { width: 2fr; }
    #item-kind { width: 22; }
    #item-minutes { width: 13; }
    #item-document { width: 30; }
    AgendaPane .option { display: none; }
    AgendaPane.-checkin #item-speaker { display: block; }
    AgendaPane.-brainwriting #item-dots { display: block; }
    AgendaPane.-evaluation #item-questions { display: block; }
    """

    def __init__(self, session: MeetingSession) -> None:
        super().__init__(id="agenda-pane")
        self.session = session
        self.editing: int | None = None
        """The item the form is changing, or None when it adds one."""
        self.removing: int | None = None
        """The item F8 was pressed on once: a second F8 removes it."""

    def compose(self) -> ComposeResult:
        yield DataTable(id="agenda-items", cursor_type="row", zebra_stripes=True)
        yield Static(id="agenda-totals")
        with Horizontal(classes="item-row"):
            yield OrderedInput(placeholder="Item title", id="item-title")
            yield Select([(kind.value.replace("_", " "), kind.value) for kind in ItemKind], value="discussion", allow_blank=False,
                         id="item-kind")
            yield OrderedInput(placeholder="minutes", id="item-minutes", restrict=r"\d{0,3}")
        with Horizontal(classes="item-row"):
            yield OrderedInput(placeholder="Prompt: the question or instruction the room sees", id="item-prompt")
            yield OrderedInput(placeholder="min per speaker", id="item-speaker", classes="option", restrict=r"[\d.]{0,4}")
            yield OrderedInput(placeholder="dots each", id="item-dots", classes="option", restrict=r"\d{0,2}")
            yield OrderedInput(placeholder="rating questions, separated by ;", id="item-questions", classes="option")
        with Horizontal(classes="item-row"):
            choices = [(f"works on: {kind.title}", name) for name, kind in KINDS.items()]
            yield Select(choices, prompt="works on no document", id="item-document")
            yield OrderedInput(placeholder="the part it drafts (optional)", id="item-part")
            yield Button("Add item", id="item-save", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#agenda-items", DataTable).add_columns("#", "Item", "Kind", "Min", "Prompt and options")
        self.reload()

    # Showing -----------------------------------------------------------

    def items(self) -> list[AgendaItem]:
        return sorted(self.session.ctx.items.values(), key=lambda item: item.position)

    def reload(self) -> None:
        table = self.query_one("#agenda-items", DataTable)
        cursor = table.cursor_row
        table.clear()
        for item in self.items():
            table.add_row(
                str(item.position), printable(item.title), item.kind.value.replace("_", " "), str(item.planned_minutes),
                printable(options(item)), key=str(item.id),
            )
        if table.row_count:
            table.move_cursor(row=min(max(cursor, 0), table.row_count - 1))
        self.query_one("#agenda-totals", Static).update(Text(str(self.session.plan.totals())))

    def chosen(self) -> AgendaItem | None:
        table = self.query_one("#agenda-items", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.session.ctx.items.get(int(key or 0))

    @on(Select.Changed, "#item-kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        kind = str(event.value)
        self.set_class(kind in CHECKIN_KINDS, "-checkin")
        self.set_class(kind == "brainwriting", "-brainwriting")
        self.set_class(kind == "evaluation", "-evaluation")

    # Changing ----------------------------------------------------------

    @on(DataTable.RowSelected, "#agenda-items")
    def edit_chosen(self) -> None:
        """Enter on an item: the form holds it to change."""
        item = self.chosen()
        if item is None:
            return
        self.editing = item.id
        details = ItemDetails.of(item)
        for field, value in (("title", details.title), ("minutes", str(details.minutes)), ("prompt", details.prompt),
                             ("speaker", f"{details.speaker_minutes:g}"), ("dots", str(details.dots)),
                             ("questions", "; ".join(details.questions)), ("part", details.part or "")):
            self.query_one(f"#item-{field}", Input).value = value
        self.query_one("#item-kind", Select).value = details.kind
        document = self.query_one("#item-document", Select)
        if details.document:
            document.value = details.document
        else:
            document.clear()
        self.query_one("#item-save", Button).label = "Save item"
        self.query_one("#item-title", Input).focus()
        self.say(Outcome(message=f"Changing item {item.position}: edit the fields, then Enter. Escape leaves it as it was."))

    def details(self) -> ItemDetails:
        def value(field: str) -> str:
            return self.query_one(f"#item-{field}", Input).value

        document = self.query_one("#item-document", Select).value
        return ItemDetails(
            title=value("title"), kind=str(self.query_one("#item-kind", Select).value), minutes=value("minutes") or "10",
            prompt=value("prompt").strip(), speaker_minutes=value("speaker") or "1", dots=value("dots") or "3",
            questions=[q.strip() for q in value("questions").split(";") if q.strip()],
            document=document if isinstance(document, str) else None, part=value("part").strip() or None,
        )

    @on(Input.Submitted, "AgendaPane Input")
    @on(Button.Pressed, "#item-save")
    def save(self) -> None:
        details = self.details()
        if not details.title.strip():
            self.say(Outcome(error="An item needs a title."))
            self.query_one("#item-title", Input).focus()
            return
        if self.editing is not None:
            outcome = self.session.plan.update(self.editing, details)
        else:
            chosen = self.chosen()
            outcome = self.session.plan.add(details, chosen.position + 1 if chosen else None)
        if self.say(outcome):
            self.clear_form()
            self.reload()
            self.query_one("#item-title", Input).focus()  # ready for the next item

    def clear_form(self) -> None:
        for field in ("title", "minutes", "prompt", "speaker", "dots", "questions", "part"):
            self.query_one(f"#item-{field}", Input).clear()
        self.query_one("#item-kind", Select).value = "discussion"
        self.query_one("#item-document", Select).clear()
        self.query_one("#item-save", Button).label = "Add item"
        self.editing = None

    def move(self, step: int) -> None:
        item = self.chosen()
        if item is None:
            return
        if self.say(self.session.plan.move(item.id, item.position + step)):
            self.reload()
            self.query_one("#agenda-items", DataTable).move_cursor(row=item.position + step - 1)

    def remove_chosen(self) -> None:
        item = self.chosen()
        if item is None:
            return
        if self.removing != item.id:
            self.removing = item.id
            self.say(Outcome(error=f"F8 again removes {item.title} from the plan; any other key keeps it."))
            return
        self.removing = None
        if self.say(self.session.plan.remove(item.id)):
            self.reload()

    def say(self, outcome: Outcome) -> bool:
        """Show what a change did, or why not; True when it was done."""
        screen = self.screen
        screen.say(outcome.error or outcome.message or "", error=not outcome.ok)  # type: ignore[attr-defined]
        return outcome.ok
