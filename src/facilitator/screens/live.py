"""The live screen: the agenda, the current item's time box, its notes, and the capture bar.

Widgets draw the session's view model (`MeetingSession.view()`); none of them reads the store.
Another seat's writes are noticed by a thread worker (`SeatKeeper`) that posts `StoreChanged`. A save the
database cannot take now (the other seat holds it) waits in a queue and is retried on a timer,
in order, while the note-taker types on: nothing waits on the event loop, and nothing is glued.
"""

from __future__ import annotations

import sqlite3
import time
from collections import deque
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Digits, Input, Static

from facilitator.clock import FlowKind, MeetingClock, Status, describe, format_duration
from facilitator.keys import CHECKIN, LIVE_KEYS, bindings
from facilitator.messages import DatabaseDamaged, DatabaseGone, StoreChanged
from facilitator.parsed import Edit, Flow, RoomRequest, Strike
from facilitator.parts.outcome import Capture, Outcome, storage_problem
from facilitator.screens import facilitator_app
from facilitator.session.meeting import MeetingSession
from facilitator.session.view import MeetingView
from facilitator.store.salvage import find_damage, rebuild_search, recover, salvage
from facilitator.text import printable
from facilitator.widgets.activity_panel import ActivityBox, ActivityPanel
from facilitator.widgets.agenda_view import AgendaView
from facilitator.widgets.balance_panel import BalancePanel
from facilitator.widgets.capture_bar import CaptureBar
from facilitator.widgets.key_bar import KeyBar
from facilitator.widgets.notes_view import NotesView
from facilitator.widgets.seat_keeper import SeatKeeper
from facilitator.words import plural

if TYPE_CHECKING:
    from facilitator.room.web import RoomServer  # aiohttp loads only when a room opens

VIEW_KEYS = {"app.show_help", "voices", "leave"}
TYPING_PAUSE = 0.15  # seconds without a key that count as a pause in the typing
PHONES_WAIT_AT_MOST = 0.5  # seconds a phone's idea waits for that pause, at the most
RETRY_DELAYS = (0.02, 0.05, 0.1, 0.2, 0.5, 1.0)  # a busy save is tried again after these, then every second


def _hhmm(moment: datetime | None, like: datetime) -> str:
    return moment.astimezone(like.tzinfo).strftime("%H:%M") if moment else "--:--"


class LiveScreen(Screen[None]):
    """Runs one meeting; every line typed is stored before the next key is handled."""

    CSS_PATH = "live.tcss"
    # Below 30 rows (an 80x24 terminal, a laptop with a big font) the three-row countdown
    # gives its rows to the notes: the time left is shown in words, in the same colours.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]
    BINDINGS = bindings(LIVE_KEYS)
    KEYS = LIVE_KEYS

    def __init__(self, session: MeetingSession, *, cursor_blink: bool = True, view_only: bool = False) -> None:
        super().__init__()
        self.session = session
        self.view_only = view_only
        self._cursor_blink = cursor_blink
        self._view: MeetingView | None = None
        self._shown_item: int | None = None
        self._shown_second: tuple[object, ...] | None = None
        self._generation = session.ctx.generation
        self._pending: deque[str] = deque()
        self._message_rows = 1
        self._retries = 0
        self._disk_full = False
        """The lines wait because the disk is full (rather than for the other seat)."""
        self._room_server: RoomServer | None = None
        """The room phones join (`/room`), while it is open."""
        self._room_redraw_due = False
        self._from_phones: list[Capture] = []
        """Ideas and lines from phones, stored, waiting for a pause in the typing to be drawn."""
        self._from_phones_waiting = False
        self._phones_waiting_since = 0.0
        self._last_key = 0.0
        """When the note-taker last typed in the bar (time.monotonic)."""

    def compose(self) -> ComposeResult:
        yield Static(id="time-line")
        with Horizontal(id="body"):
            with Vertical(id="left"):
                yield AgendaView(id="agenda")
                yield Static(id="parking")
            with Vertical(id="item"):
                yield Static(id="item-title")
                yield Static(id="prompt")
                with Horizontal(id="timebox"):
                    yield Digits("00:00", id="countdown")
                    yield Static(id="box-state")
                yield ActivityBox(id="activity-box")
                yield NotesView(id="notes")
                yield BalancePanel(id="voices")
        yield Static(id="message")
        if self.view_only:
            yield Static(" Read-only view for projection: it follows the other seat and changes nothing.", id="view-banner")
        else:
            hotkeys = {action.key: partial(self.run_hotkey, action.key) for action in LIVE_KEYS}
            yield CaptureBar(
                self.capture, hotkeys, lambda: [p.name for p in self.session.roster], on_pick=self.pick, cursor_blink=self._cursor_blink
            )
        yield KeyBar()
        yield SeatKeeper(self.session, writes=not self.view_only)

    def on_mount(self) -> None:
        self.query_one("#agenda", AgendaView).border_title = "Agenda"
        self.query_one(NotesView).border_title = "Notes"
        self.refresh_meeting()
        self.set_interval(0.25, self.tick)
        if self.view_only:
            return
        self.query_one(CaptureBar).focus()
        if self.session.clock().status is Status.NOT_STARTED:
            self.action_setup()  # a meeting not started opens on its setup, before any key reaches the live screen

    def on_resize(self) -> None:
        # Crossing 30 rows moves the countdown into the words, or back: redraw it now.
        self._shown_second = None
        if self.is_mounted:
            self.tick()

    # Other seats, and the file -------------------------------------------

    @on(DatabaseGone)
    def database_gone(self) -> None:
        """Stop saving into a file nobody will find again, and keep what was saved somewhere safe."""
        path = self.session.store.path
        recovered = recover(self.session.store.database.conn, path, self.session.now())
        where = f"everything saved so far is copied to {recovered}" if recovered else "it could not be copied anywhere"
        self.session.ctx.gone = (
            f"The database file {path} was deleted or replaced while the meeting was open, so nothing more is saved; "
            f"{where}. What you type stays in the bar: copy it, then reopen with --db on the copy."
        )
        self._say(Outcome(error=self.session.ctx.gone))

    @on(DatabaseDamaged)
    def database_damaged(self, message: DatabaseDamaged) -> None:
        """A search index out of step is rebuilt in place; damage to the file's pages stops saving
        into it, as a deleted file does, and what can still be read is copied to a sound file
        (its search index built afresh)."""
        store = self.session.store
        damage = message.damage
        if damage.search_only and not self.view_only:
            try:
                rebuild_search(store.database.conn, damage.search_only)
            except sqlite3.Error as exc:
                self.log.warning("could not rebuild the search index", error=str(exc))
            else:
                if find_damage(store.database.conn) is None:
                    self._say(Outcome(message="The search index was out of step with the notes and has been rebuilt; nothing was lost."))
                    return
        if self.session.ctx.gone is not None:
            return
        path = store.path
        copied, lost = salvage(path, self.session.now())
        where = f"everything that can still be read is copied to {copied}, with its search index rebuilt" if copied else (
            "it could not be copied anywhere"
        )
        if copied and lost:
            where += f" (some rows of {', '.join(lost)} could not be read)"
        self.session.ctx.gone = (
            f"The database file {path} fails SQLite's integrity check ({damage.problem}), so nothing more is saved into it; "
            f"{where}. What you type stays in the bar: copy it, then reopen with --db on the copy."
        )
        self._say(Outcome(error=self.session.ctx.gone))

    @on(Input.Changed)
    def _typing(self) -> None:
        self._last_key = time.monotonic()

    @on(StoreChanged)
    def follow_other_seats(self) -> None:
        """Show what another seat wrote: entries, flow changes, speakers."""
        try:
            self.session.sync()
        except sqlite3.Error as exc:
            self._say(Outcome(error=storage_problem(exc)))
            return
        self._catch_up()

    def _catch_up(self) -> None:
        """Redraw everything if this seat has taken in another seat's writes since it last drew."""
        if self.session.ctx.generation != self._generation:
            self._generation = self.session.ctx.generation
            self._shown_item = None  # re-read the current item's captures
            self.refresh_meeting()

    # Rendering ---------------------------------------------------------

    def refresh_meeting(self) -> None:
        """Redraw everything from the session's view model."""
        view = self.session.view()
        self._view = view
        item = view.item
        self.query_one(AgendaView).show(view.agenda)
        title = Text(f"{view.number}. {printable(item.title)}", style="bold")
        title.append(f"   {item.kind.value.replace('_', ' ')} · {view.clock.current.box_minutes} min", style="dim")
        self.query_one("#item-title", Static).update(title)
        self.query_one("#prompt", Static).update(Text(printable(item.prompt) or "No prompt for this item."))
        self.query_one(ActivityPanel).show(view, view.clock.now)
        self._show_parking(view.parking)
        if self.has_class("-voices"):
            self.query_one(BalancePanel).show(self.session.floor.view())
        if item.id != self._shown_item:
            self._shown_item = item.id
            self.refresh_bindings()
            self.query_one(NotesView).show(self.session.notes.captures(item.id), self.session.now().tzinfo)
        self._show_time(view.clock)
        if self._room_server is not None:
            self._room_server.room.bump()  # phones' pages follow the meeting

    def _show_parking(self, parked: list[str]) -> None:
        panel = self.query_one("#parking", Static)
        panel.border_title = f"Parking lot · {len(parked)}"
        text = Text(no_wrap=True, overflow="ellipsis")
        for entry in parked[-4:]:
            text.append(f"• {printable(entry)}\n")
        if not parked:
            text.append("Ctrl+L or /park TEXT", style="dim")
        panel.update(text)

    def tick(self) -> None:
        # Ticks four times a second but redraws only when a shown second changes, so
        # the clock is never more than a quarter second behind and costs nothing between.
        clock = self.session.clock()
        second = (int(clock.elapsed_seconds), int(clock.current.remaining_seconds), clock.status, clock.now.minute)
        if second != self._shown_second:
            self._shown_second = second
            self._show_time(clock)
            view = self._view
            if view is not None and view.item.kind.value in CHECKIN:  # the speaker's own countdown
                self.query_one(ActivityPanel).show(view, clock.now)
            if self.has_class("-voices"):
                self.query_one(BalancePanel).show(self.session.floor.view())

    def _show_time(self, clock: MeetingClock) -> None:
        remaining = clock.current.remaining_seconds
        digits = format_duration(remaining)
        countdown = self.query_one("#countdown", Digits)
        countdown.update(f"+{digits}" if remaining < 0 else digits)
        box_state = self.query_one("#box-state", Static)
        for widget in (countdown, box_state):
            widget.set_class(clock.warning, "-warning")
            widget.set_class(clock.overrun, "-overrun")
            widget.set_class(clock.status is Status.PAUSED, "-paused")
        words = describe(clock)
        if self.has_class("-short"):
            words = f"{'+' if remaining < 0 else ''}{digits} · {words}"
        if clock.overrun:
            words += "\nF2: extend, take from later, or park"
        # Fixed-size widgets: updating them every second must not re-lay-out the whole screen,
        # or a keystroke that lands in that frame waits for it.
        box_state.update(words, layout=False)
        self.query_one("#time-line", Static).update(self._time_line(clock), layout=False)

    def _time_line(self, clock: MeetingClock) -> Text:
        now = clock.now
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append(f" {now.strftime('%H:%M')} · elapsed {format_duration(clock.elapsed_seconds)}")
        line.append(f" · end {_hhmm(clock.planned_end, now)} planned, {_hhmm(clock.projected_end, now)} projected")
        drift = clock.drift_seconds
        if drift is not None and clock.status is not Status.ENDED:
            minutes = round(drift / 60)
            if minutes > 0:
                line.append(f" ({minutes} min behind)", style="bold")
            else:
                line.append(f" ({-minutes} min ahead)" if minutes < 0 else " (on time)")
        server = self._room_server
        if server is not None:  # what the phones are doing, where it never covers a message
            room = server.room
            ballot = room.ballot
            said = (f"vote: {ballot.voted} of {plural(len(room.devices), 'phone')} voted" if ballot is not None
                    else f"room: {plural(len(room.devices), 'phone')}, {room.submissions} sent")
            line.append(f" · {said}", style="bold")
        line.append(f" · {printable(self.session.meeting.title)}", style="bold")
        return line

    def _say(self, outcome: Outcome) -> None:
        message = self.query_one("#message", Static)
        for bar in self.query(CaptureBar):
            bar.set_class(not outcome.ok, "-error")
        message.set_class(not outcome.ok, "-error")
        said = outcome.error or outcome.message or ""
        # One line needs no new layout (the common case, while someone types); a longer message
        # wraps onto up to three lines, and so does the one it replaces.
        rows = 1 + cell_len(said) // max(1, message.content_size.width or self.size.width - 2)
        message.update(Text(said), layout=rows > 1 or self._message_rows > 1)
        self._message_rows = rows

    # Input and actions -------------------------------------------------

    async def run_hotkey(self, key: str) -> None:
        """Run the first action on this key that the current item allows, through Textual's own
        action dispatch (as a binding would), in the order the keys were typed."""
        for declared in LIVE_KEYS:
            if declared.key == key and self.check_action(declared.action, ()):
                await self.run_action(declared.action)
                return

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys that belong to one kind of item show and work only in such items; a read-only
        seat offers only what changes nothing."""
        if self.view_only and action in {a.action for a in LIVE_KEYS} - VIEW_KEYS:
            return False
        declared = next((a for a in LIVE_KEYS if a.action == action), None)
        if declared is None or not declared.kinds:
            return True
        return self.session.current_item().kind.value in declared.kinds

    def capture(self, line: str) -> bool:
        """Apply one submitted line; True when the bar may be cleared (saved, or waiting its
        turn because the other seat holds the database or the disk is full)."""
        if self._pending:  # lines are saved in the order typed
            self._pending.append(line)
            self._show_pending()
            return True
        outcome = self.session.apply(line)
        if outcome.busy or outcome.full:
            self._pending.append(line)
            self._disk_full = outcome.full
            self._retry_later()
            return True
        self._after(outcome)
        return outcome.ok and outcome.fill is None

    @property
    def waiting(self) -> list[str]:
        """Lines typed and not saved yet, oldest first."""
        return list(self._pending)

    def settle(self) -> list[str]:
        """Try once more to save the waiting lines (before the app quits); what still waits."""
        self._save_pending(retry=False)
        return self.waiting

    def _retry_later(self) -> None:
        self._show_pending()
        delay = RETRY_DELAYS[min(self._retries, len(RETRY_DELAYS) - 1)]
        self._retries += 1
        self.set_timer(delay, self._save_pending)

    def _save_pending(self, *, retry: bool = True) -> None:
        """Try the waiting lines again, oldest first; each is one whole command, so a retry can
        never save a line twice."""
        while self._pending:
            outcome = self.session.apply(self._pending[0])
            if outcome.busy or outcome.full:
                self._disk_full = outcome.full
                if retry:
                    self._retry_later()
                return
            line = self._pending.popleft()
            self._retries = 0
            if not outcome.ok:
                outcome = Outcome(error=f"Not saved: {printable(line)[:60]!r}: {outcome.error} Up brings the line back.")
            self._after(outcome)

    def _show_pending(self) -> None:
        count = len(self._pending)
        if self._disk_full:
            self._say(Outcome(error=f"{plural(count, 'line')} waiting: the disk is full. Free some space and they are saved, in the "
                                    "order typed; Ctrl+Q now writes them to a file instead."))
        else:
            self._say(Outcome(message=f"Saving {plural(count, 'line')} as soon as the other seat has finished…"))

    def _after(self, outcome: Outcome) -> None:
        self._say(outcome)
        if outcome.fill is not None:
            self.query_one(CaptureBar).put(outcome.fill)
        notes = self.query_one(NotesView)
        if outcome.recount or (outcome.capture is not None and notes.shows(outcome.capture.number)):
            self._shown_item = None  # corrected captures (or a new version of one shown): read them again
        elif outcome.capture is not None:
            notes.add(outcome.capture, self.session.now().tzinfo)
        if self.session.ctx.generation != self._generation:
            self._catch_up()  # the command took in another seat's writes too
        elif outcome.flow is not None or outcome.agenda_changed or self.has_class("-voices"):
            self.refresh_meeting()
        elif outcome.capture is not None and (outcome.capture.label == "parked" or (self._view and self._view.activity)):
            # A decision, an action or a rating is also listed in the item's activity panel,
            # a parked item in the parking lot; a plain note is only in the notes view.
            self.refresh_meeting()
        if outcome.room is not None and outcome.room.action in ("vote", "end-vote"):
            self._vote(outcome.room)
        elif outcome.room is not None:
            self.run_worker(self._room_request(outcome.room.action), group="room", exclusive=True)
        if outcome.flow is FlowKind.END:
            if self._room_server is not None:
                self.run_worker(self._room_request("close"), group="room")
            facilitator_app(self).show_minutes(self.session.meeting_id, just_ended=True)

    # The room ----------------------------------------------------------

    async def _room_request(self, action: str) -> None:
        """Open the room (on loopback, or the network), show it again, or close it."""
        from facilitator.room.core import Room
        from facilitator.room.web import RoomServer
        from facilitator.screens.room import RoomScreen

        server = self._room_server
        if action == "close":
            if server is None:
                self._say(Outcome(error="The room is not open."))
                return
            self._room_server = None
            await server.stop()
            self._say(Outcome(message=f"The room is closed: {server.room.submissions} sent from phones; their links no longer work."))
            return
        network = action == "network"
        if server is not None and server.network != network:
            self._room_server = None
            await server.stop()  # reopened on the other side: a new link and code
            server = None
        if server is None:
            app = facilitator_app(self)
            # A request runs in aiohttp's task, outside this screen's message queue: what it
            # changes is handed to the queue, so the screen repaints as soon as it is shown.
            room = Room(MeetingSession(app.store, self.session.meeting_id, app.now), partial(self.call_later, self._room_changed))
            server = RoomServer(room, network=network)
            try:
                await server.start()
            except OSError as exc:
                self._say(Outcome(error=f"The room could not open: {exc.strerror or exc}. Nothing else changed."))
                return
            self._room_server = server
            for ballot in room.interrupted():
                self._say(Outcome(message=f"A vote was interrupted when the app stopped: “{ballot.proposal}”, {ballot.voted} voted "
                                          f"({ballot.words()}). /vote asks again; /decide records these counts by hand."))

        def closed(choice: str | None) -> None:
            if choice == "close":
                self.run_worker(self._room_request("close"), group="room")

        self.app.push_screen(RoomScreen(server.room, server.url, server.network), closed)

    async def on_unmount(self) -> None:
        """Leaving the meeting closes its room: phones' links stop working."""
        if self._room_server is not None:
            server, self._room_server = self._room_server, None
            await server.stop()

    def _room_changed(self, outcome: Outcome | None) -> None:
        """Something came in from a phone (already stored): its idea or line shows in the notes
        at once, or, while the note-taker is typing, with the next pause in the typing (each new
        note redraws the whole notes view, and a key waiting behind that frame waits for it);
        the panels, agenda and counts follow within a second, once however many phones are
        sending (measured: redrawing them for each of 60 phones' ideas held up the keys typed
        meanwhile)."""
        capture = outcome.capture if outcome is not None else None
        saved = outcome.saved if outcome is not None else None
        if capture is not None and saved is not None and saved.item_id == self._shown_item:
            self._from_phones.append(capture)
            if len(self._from_phones) == 1:
                self._show_from_phones()
        if not self._room_redraw_due:
            self._room_redraw_due = True
            self.set_timer(1.0, self._room_redraw)

    def _show_from_phones(self) -> None:
        typed = time.monotonic() - self._last_key
        waited = time.monotonic() - self._phones_waiting_since if self._from_phones_waiting else 0.0
        if typed < TYPING_PAUSE and waited < PHONES_WAIT_AT_MOST:
            if not self._from_phones_waiting:
                self._from_phones_waiting, self._phones_waiting_since = True, time.monotonic()
            self.set_timer(TYPING_PAUSE - typed, self._show_from_phones)
            return
        self._from_phones_waiting = False
        notes = self.query_one(NotesView)
        tz = self.session.now().tzinfo
        for capture in self._from_phones:
            if not notes.shows(capture.number):
                notes.add(capture, tz)
        self._from_phones.clear()

    def _room_redraw(self) -> None:
        self._room_redraw_due = False
        self.refresh_meeting()

    def _vote(self, request: RoomRequest) -> None:
        """`/vote METHOD PROPOSAL`: the phones vote (counts only); `/vote` alone: how many have."""
        server = self._room_server
        if server is None:
            self._say(Outcome(error="Open the room first (/room), so that phones can vote; then /vote again."))
            return
        room = server.room
        if request.action == "end-vote":
            ended = room.end_vote()
            self._say(Outcome(message=f"The vote on “{ended.proposal}” is closed, not recorded: {ended.voted} voted ({ended.words()}). "
                                      "/decide records a decision by hand." if ended else "No vote is open."))
            return
        if not request.proposal:
            ballot = room.ballot
            self._say(Outcome(message=f"Vote on “{ballot.proposal}”: {ballot.voted} voted so far ({ballot.words()}). F5 records it."
                              if ballot else "No vote is open: /vote consent PROPOSAL asks the phones."))
            return
        from facilitator.room.core import Refused

        try:
            before = room.call_vote(request.proposal, request.method)
        except Refused as refused:  # the database could not store it (busy, full disk): nothing is open
            self._say(Outcome(error=f"The vote could not open: {refused.message}"))
            return
        said = f"Phones can vote now ({request.method}) on “{request.proposal}”. F5 records the decision with their tally."
        if before is not None and before.voted:
            said += f" The vote on “{before.proposal}” ({plural(before.voted, 'vote')}) was set aside."
        self._say(Outcome(message=said))

    def pick(self, key: str) -> None:
        """Keys while picking an earlier capture in the notes (Ctrl+Up in the bar starts)."""
        notes = self.query_one(NotesView)
        bar = self.query_one(CaptureBar)
        if key in ("start", "up", "down"):
            number = notes.pick({"start": 0, "up": -1, "down": 1}[key])
            if number is None:
                bar.picking = False
                self._say(Outcome(error="Nothing on this item to correct yet."))
            else:
                self._say(Outcome(message=f"Capture {number}: Enter corrects it, Delete strikes it, Up and Down choose, Escape stops."))
            return
        number = notes.selected_number
        notes.unpick()
        bar.picking = False
        if number is None or key == "escape":
            self._say(Outcome())
        elif key == "enter":
            self._after(self.session.corrections.edit(Edit(number)))
        elif key == "delete":
            self._after(self.session.corrections.strike(Strike(number)))

    def _flow(self, kind: FlowKind, number: int | None = None) -> None:
        self._after(self.session.flow.apply(Flow(kind, number)))

    def action_next_item(self) -> None:
        self._flow(FlowKind.NEXT)

    def action_previous_item(self) -> None:
        self._flow(FlowKind.BACK)

    def action_toggle_pause(self) -> None:
        paused = self.session.clock().status is Status.PAUSED
        self._flow(FlowKind.RESUME if paused else FlowKind.PAUSE)

    def action_extend(self) -> None:
        self._flow(FlowKind.EXTEND, 1)

    def action_park(self) -> None:
        bar = self.query_one(CaptureBar)
        outcome = self.session.notes.park_typed(bar.value)
        self._after(outcome)
        if outcome.ok:
            bar.clear()

    def action_time_choices(self) -> None:
        from facilitator.screens.time_choices import TimeChoicesScreen

        def chosen(outcome: Outcome | None) -> None:
            if outcome is not None:
                self._after(outcome)

        self.app.push_screen(TimeChoicesScreen(self.session), chosen)

    def action_setup(self) -> None:
        from facilitator.screens.setup import SetupScreen

        def closed(result: str | None) -> None:
            self.session.reload_roster()
            if result == "start" and self.session.clock().status is Status.NOT_STARTED:
                self._flow(FlowKind.START)
            self.refresh_meeting()

        try:
            setup = SetupScreen(self.session)
        except sqlite3.Error as exc:
            self._say(Outcome(error=storage_problem(exc)))
            return
        self.app.push_screen(setup, closed)

    def action_room(self) -> None:
        """F10: the room on the network (where phones are), or the room already open, shown again."""
        server = self._room_server
        self.run_worker(self._room_request("network" if server is None or server.network else "open"), group="room", exclusive=True)

    def action_leave(self) -> None:
        if self._pending:
            self._show_pending()  # lines that wait stay with this screen until they are saved
            return
        facilitator_app(self).action_go_home()

    def action_voices(self) -> None:
        self.toggle_class("-voices")
        if self.has_class("-voices"):
            self.query_one(BalancePanel).show(self.session.floor.view())

    def action_next_in_queue(self) -> None:
        self._after(self.session.floor.next_from_queue())

    # Activity keys -----------------------------------------------------

    def action_review(self) -> None:
        from facilitator.screens.review import ReviewScreen

        self.app.push_screen(ReviewScreen(self.session), lambda _: self.refresh_meeting())

    def action_checkin_next(self) -> None:
        self._after(self.session.checkin.next_speaker())

    def action_checkin_pass(self) -> None:
        self._after(self.session.checkin.answer(None, passed=True))

    def action_checkin_shuffle(self) -> None:
        self._after(self.session.checkin.start(shuffle=True))

    def action_checkin_absent(self) -> None:
        self._after(self.session.checkin.answer(None, absent=True))

    def action_checkin_add(self) -> None:
        bar = self.query_one(CaptureBar)
        outcome = self.session.checkin.add(bar.value)
        self._after(outcome)
        if outcome.ok:
            bar.clear()

    def action_phase_next(self) -> None:
        self._after(self.session.brainwriting.change_phase(1))

    def action_phase_back(self) -> None:
        self._after(self.session.brainwriting.change_phase(-1))

    def action_decision_form(self) -> None:
        from facilitator.screens.decision_form import DecisionFormScreen

        room = self._room_server.room if self._room_server is not None else None

        def saved(outcome: Outcome | None) -> None:
            if outcome is not None:
                if outcome.ok and room is not None and room.ballot is not None:
                    # Recorded with the phones' tally: they can no longer vote on it.
                    room.end_vote(outcome.saved.row_id if outcome.saved is not None else None)
                self._after(outcome)

        self.app.push_screen(DecisionFormScreen(self.session, room.ballot if room else None), saved)
