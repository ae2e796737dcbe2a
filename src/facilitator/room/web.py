"""The room's web pages, served by aiohttp inside the app's own event loop (no threads: each
request runs between two key presses, and its write is one short transaction like a note's).

Pages are plain server-rendered HTML that works without JavaScript on an old phone. Every form
carries the device's CSRF token; the device cookie is HttpOnly and SameSite=Strict; bodies are
limited to 16 KB; everything typed is escaped. Only the current activity is reachable: no
minutes, no roster details, no other meeting.
"""

from __future__ import annotations

import html
import socket
from urllib.parse import quote

from aiohttp import web
from aiohttp.typedefs import Handler

from facilitator.room.core import Device, Refused, Room
from facilitator.session.outcome import Outcome

COOKIE = "facilitator_device"
MAX_BODY = 16 * 1024
ROOM_KEY = web.AppKey("room", Room)

CSS = """
body { font: 18px/1.45 system-ui, sans-serif; margin: 0; color: #1b1b1b; background: #fafafa; }
main { max-width: 560px; margin: 0 auto; padding: 16px; }
h1 { font-size: 22px; margin: 8px 0; } .prompt { color: #333; }
textarea, select, input[type=text] { width: 100%; font: inherit; padding: 8px; box-sizing: border-box; }
button { font: inherit; padding: 12px 18px; margin: 8px 8px 8px 0; border-radius: 6px; border: 1px solid #2b4f81;
         background: #2b4f81; color: white; }
button.quiet { background: white; color: #2b4f81; }
.said { background: #e6f2ea; border-left: 4px solid #2f6f4e; padding: 8px; }
.error { background: #fbeaea; border-left: 4px solid #a33; padding: 8px; }
fieldset { border: 1px solid #ccd; margin: 12px 0; } legend { font-weight: bold; }
label.rating { display: inline-block; margin: 4px 10px 4px 0; }
"""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def page(title: str, body: str, status: int = 200) -> web.Response:
    document = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{CSS}</style></head><body><main>{body}</main></body></html>"
    )
    response = web.Response(text=document, content_type="text/html", status=status)
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'"
    return response


def make_app(room: Room) -> web.Application:
    app = web.Application(client_max_size=MAX_BODY, middlewares=[_refusals])
    app[ROOM_KEY] = room
    app.router.add_get("/health", _health)
    app.router.add_get("/r/{token}", _home)
    app.router.add_post("/r/{token}/join", _join)
    app.router.add_post("/r/{token}/idea", _idea)
    app.router.add_post("/r/{token}/rate", _rate)
    app.router.add_post("/r/{token}/comment", _comment)
    app.router.add_post("/r/{token}/hand", _hand)
    return app


@web.middleware
async def _refusals(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except Refused as refused:
        return page("Facilitator", f'<p class="error">{_e(refused.message)}</p>', refused.status)
    except web.HTTPRequestEntityTooLarge:
        return page("Facilitator", '<p class="error">That was too long to send; shorten it and send again.</p>', 413)


async def _health(request: web.Request) -> web.Response:
    return web.Response(text="ok")


def _room(request: web.Request) -> Room:
    room = request.app[ROOM_KEY]
    room.check_token(request.match_info["token"])
    return room


def _device(request: web.Request, room: Room) -> Device:
    device = room.device(request.cookies.get(COOKIE))
    if device is None:
        raise web.HTTPSeeOther(f"/r/{room.token}")
    return device


def _back(room: Room, outcome: Outcome) -> web.HTTPSeeOther:
    said = outcome.error or outcome.message or "Sent. Thank you."
    kind = "error" if outcome.error else "said"
    return web.HTTPSeeOther(f"/r/{room.token}?{kind}={quote(said[:200])}")


async def _home(request: web.Request) -> web.Response:
    room = _room(request)
    device = room.device(request.cookies.get(COOKIE))
    if device is None:
        return _join_page(room)
    asked = room.asked()
    out = [f"<h1>{_e(asked.item)}</h1>"]
    if asked.prompt:
        out.append(f'<p class="prompt">{_e(asked.prompt)}</p>')
    for kind in ("said", "error"):
        if request.query.get(kind):
            out.append(f'<p class="{kind}">{_e(request.query[kind])}</p>')
    hidden = f'<input type="hidden" name="csrf" value="{_e(device.csrf)}">'
    if asked.ideas:
        out.append(
            f'<form method="post" action="/r/{_e(room.token)}/idea">{hidden}'
            '<label for="text">Your idea (anonymous: nothing links it to you or this phone)</label>'
            '<textarea id="text" name="text" rows="3" maxlength="500" required></textarea>'
            "<button>Send idea</button></form>"
        )
    if asked.questions:
        fields = []
        for n, question in enumerate(asked.questions):
            choices = "".join(
                f'<label class="rating"><input type="radio" name="q{n}" value="{v}" required> {v}</label>' for v in range(1, 6)
            )
            fields.append(f"<fieldset><legend>{_e(question)}</legend>{choices}</fieldset>")
        out.append(f'<form method="post" action="/r/{_e(room.token)}/rate">{hidden}<p>1 disagree … 5 agree</p>'
                   + "".join(fields) + "<button>Send ratings</button></form>")
        out.append(
            f'<form method="post" action="/r/{_e(room.token)}/comment">{hidden}'
            '<label for="comment">A comment on the meeting</label>'
            '<textarea id="comment" name="text" rows="2" maxlength="500" required></textarea>'
            '<button name="kind" value="well">+ went well</button>'
            '<button name="kind" value="change" class="quiet">− to change</button></form>'
        )
    if not asked.ideas and not asked.questions:
        out.append("<p>Nothing to send for this item. This page shows the next thing to do when you reload it.</p>")
    if device.name:
        out.append(f'<form method="post" action="/r/{_e(room.token)}/hand">{hidden}'
                   f'<button class="quiet">✋ Raise my hand ({_e(device.name)})</button></form>')
    out.append(f'<p><a href="/r/{_e(room.token)}">Reload</a></p>')
    return page(asked.item, "".join(out))


def _join_page(room: Room) -> web.Response:
    people = sorted(room.session.roster, key=lambda p: p.name.casefold())
    options = "".join(f'<option value="{p.id}">{_e(p.name)}</option>' for p in people)
    body = (
        f"<h1>{_e(room.session.meeting.title)}</h1>"
        "<p>Join to send ideas and ratings from this phone. Ideas are always anonymous; your name is only used to call on "
        "you when you raise your hand.</p>"
        f'<form method="post" action="/r/{_e(room.token)}/join">'
        '<label for="person">Who are you?</label>'
        f'<select id="person" name="person"><option value="">I would rather not say</option>{options}</select>'
        "<button>Join</button></form>"
    )
    return page("Join the meeting", body)


async def _join(request: web.Request) -> web.Response:
    room = _room(request)
    form = await request.post()
    chosen = str(form.get("person", ""))
    device = room.join(int(chosen) if chosen.isdigit() else None)
    response = web.HTTPSeeOther(f"/r/{room.token}")
    response.set_cookie(COOKIE, device.id, httponly=True, samesite="Strict", path=f"/r/{room.token}")
    raise response


async def _form(request: web.Request) -> tuple[Room, Device, dict[str, str]]:
    room = _room(request)
    device = _device(request, room)
    form = {key: str(value) for key, value in (await request.post()).items()}
    return room, device, form


async def _idea(request: web.Request) -> web.Response:
    room, device, form = await _form(request)
    raise _back(room, room.idea(device, form.get("csrf", ""), form.get("text", "")))


async def _rate(request: web.Request) -> web.Response:
    room, device, form = await _form(request)
    questions = room.asked().questions
    values = [form.get(f"q{n}", "") for n in range(len(questions))]
    if not all(v.isdigit() for v in values):
        raise _back(room, Outcome(error="Rate every statement, from 1 to 5."))
    raise _back(room, room.rate(device, form.get("csrf", ""), [int(v) for v in values]))


async def _comment(request: web.Request) -> web.Response:
    room, device, form = await _form(request)
    raise _back(room, room.comment(device, form.get("csrf", ""), form.get("kind") == "well", form.get("text", "")))


async def _hand(request: web.Request) -> web.Response:
    room, device, form = await _form(request)
    raise _back(room, room.hand(device, form.get("csrf", "")))


def network_address() -> str | None:
    """This machine's address on the room's network (the interface a packet outwards would
    leave by; nothing is sent), or None when it has none."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))
            address: str = probe.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") else address


class RoomServer:
    """The room's web server on the running event loop: `await start()`, then `await stop()`."""

    def __init__(self, room: Room, *, network: bool = False, port: int = 0) -> None:
        self.room = room
        self.network = network
        self.port = port
        self._runner: web.AppRunner | None = None
        self.url = ""

    async def start(self) -> str:
        host = "0.0.0.0" if self.network else "127.0.0.1"
        self._runner = web.AppRunner(make_app(self.room), access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, self.port)
        await site.start()
        port = self._runner.addresses[0][1]
        shown = (network_address() or "127.0.0.1") if self.network else "127.0.0.1"
        self.url = f"http://{shown}:{port}/r/{self.room.token}"
        return self.url

    async def stop(self) -> None:
        self.room.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
