"""The room on screen: the QR code and address phones open, the join code, how many have
joined and sent something, and whether phones can reach this laptop at all."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from facilitator.actions import ROOM_ACTIONS, bindings
from facilitator.room.qr import qr_lines
from facilitator.widgets.key_bar import KeyBar

GUEST_WIFI = (
    "If phones cannot open it: guest Wi-Fi often keeps devices apart. Turn on this laptop's hotspot, have phones "
    "join it, then /room network again."
)


class RoomScreen(ModalScreen[str | None]):
    """Dismisses with "close" when the facilitator closes the room from here."""

    BINDINGS = bindings(ROOM_ACTIONS)
    USER_ACTIONS = ROOM_ACTIONS
    DEFAULT_CSS = """
    RoomScreen { align: center middle; }
    #room-box { width: 76; max-width: 100%; height: auto; max-height: 100%; border: thick $accent; background: $surface;
                padding: 0 1; }
    #room-qr { width: auto; }
    #room-reach { color: $text-muted; }
    """

    def __init__(self, url: str, code: str, network: bool, counts: str) -> None:
        super().__init__()
        self.url = url
        self.code = code
        self.network = network
        self.counts = counts

    def compose(self) -> ComposeResult:
        with Vertical(id="room-box"):
            yield Static(Text("\n".join(qr_lines(self.url)), style="black on white"), id="room-qr")
            yield Static(Text.assemble(("Open ", ""), (self.url, "bold"), ("  ·  join code ", ""), (self.code, "bold")))
            where = "phones on this laptop's network" if self.network else "this laptop only (/room network opens it to the room's Wi-Fi)"
            yield Static(f"The room is open to {where}. {self.counts}", id="room-counts")
            yield Static("Checking that the address answers…" if self.network else "", id="room-reach")
            yield KeyBar()

    def on_mount(self) -> None:
        if self.network:
            self.check_reach()

    @work(exclusive=True, group="room-reach", exit_on_error=False)
    async def check_reach(self) -> None:
        """The self-test: can this address be reached from the network side of this laptop?"""
        import aiohttp

        health = self.url.split("/r/")[0] + "/health"
        try:
            async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=3)) as client, client.get(health) as response:
                ok = response.status == 200
        except (aiohttp.ClientError, OSError, TimeoutError):
            ok = False
        said = "The address answers on this network. " if ok else "This laptop cannot reach its own address. "
        self.query_one("#room-reach", Static).update(said + GUEST_WIFI)

    def action_close_room(self) -> None:
        self.dismiss("close")

    def action_back(self) -> None:
        self.dismiss(None)
