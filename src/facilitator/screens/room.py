"""The room on screen: the QR code and address phones open, the join code, the projector and
screen-reader pages, the phones that joined (one can be removed), and whether phones can
reach this laptop at all."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from facilitator.keys import ROOM_KEYS, bindings
from facilitator.room.core import Room
from facilitator.room.qr import qr_lines
from facilitator.widgets.key_bar import KeyBar
from facilitator.words import plural

GUEST_WIFI = (
    "If phones cannot open it: guest Wi-Fi often keeps devices apart. Turn on this laptop's hotspot, have phones "
    "join it, then /room network again."
)


class RoomScreen(ModalScreen[str | None]):
    """Dismisses with "close" when the facilitator closes the room from here."""

    BINDINGS = bindings(ROOM_KEYS)
    KEYS = ROOM_KEYS
    DEFAULT_CSS = """
    RoomScreen { align: center middle; }
    #room-box { width: 80; max-width: 100%; height: auto; max-height: 100%; border: thick $accent; background: $surface;
                padding: 0 1; }
    #room-main { height: auto; }
    #room-qr { width: auto; margin-right: 1; }
    #room-side { width: 1fr; height: auto; }
    #room-side Static { margin-bottom: 1; }
    #room-reach { color: $text-muted; }
    #room-devices { height: auto; max-height: 6; border: none; padding: 0; }
    """

    def __init__(self, room: Room, url: str, network: bool) -> None:
        super().__init__()
        self.room = room
        self.url = url
        self.network = network

    def compose(self) -> ComposeResult:
        with Vertical(id="room-box"):
            with Horizontal(id="room-main"):
                yield Static(Text("\n".join(qr_lines(self.url)), style="black on white"), id="room-qr")
                with Vertical(id="room-side"):
                    short = self.url.split("/r/")[0]
                    yield Static(Text.assemble(("Scan the code, or open ", ""), (short, "bold"), (" and type the join code ", ""),
                                               (self.room.code, "bold")))
                    yield Static(Text.assemble(("The same link with ", ""), ("/display", "bold"), (" on the projector, ", ""),
                                               ("/follow", "bold"), (" for a screen reader.", "")), id="room-pages")
                    yield Static(id="room-counts")
                    yield OptionList(id="room-devices")
            yield Static(Text.assemble(("The whole link: ", ""), (self.url, "bold")), id="room-link")
            yield Static("Checking that the address answers…" if self.network else "", id="room-reach")
            yield KeyBar()

    def on_mount(self) -> None:
        self._show_devices()
        self.set_interval(1.0, self._show_devices)
        if self.network:
            self.check_reach()

    def _show_devices(self) -> None:
        """Who has joined, by phone number and the name they chose: never what any of them sent."""
        room = self.room
        where = "phones on this laptop's network" if self.network else "this laptop only (/room network opens it to the room's Wi-Fi)"
        self.query_one("#room-counts", Static).update(
            f"Open to {where}. {plural(len(room.devices), 'phone')} joined, {room.submissions} sent."
        )
        devices = self.query_one("#room-devices", OptionList)
        shown = [option.id for option in devices.options]
        wanted = [str(d.number) for d in room.devices.values()]
        if shown != wanted:
            highlighted = devices.highlighted
            devices.clear_options()
            devices.add_options(Option(f"phone {d.number} · {d.name or 'anonymous'}", id=str(d.number)) for d in room.devices.values())
            if wanted:
                devices.highlighted = min(highlighted or 0, len(wanted) - 1)

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

    def action_remove_device(self) -> None:
        devices = self.query_one("#room-devices", OptionList)
        if devices.highlighted is None or not devices.options:
            self.notify("No phone has joined yet.")
            return
        option = devices.get_option_at_index(devices.highlighted)
        removed = self.room.remove(int(option.id or 0))
        if removed is not None:
            self.notify(f"Phone {removed.number} ({removed.name or 'anonymous'}) is out of the room; what it sent stays.")
        self._show_devices()

    def action_close_room(self) -> None:
        self.dismiss("close")

    def action_back(self) -> None:
        self.dismiss(None)
