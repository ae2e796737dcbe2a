"""The room's web pages, served by aiohttp inside the app's own event loop (no threads: each
request runs between two key presses, and its write is one short transaction like a note's).

Pages are plain server-rendered HTML that works without JavaScript on an old phone; where the
browser has EventSource, `live.js` keeps the page current (server-sent events). Every form
carries the device's CSRF token; the device cookie is HttpOnly and SameSite=Strict; bodies are
limited to 16 KB; everything typed is escaped. Only the current activity is reachable: no
minutes, no roster details, no other meeting.

Pages, all under the meeting's secret link `/r/TOKEN`: the phone page (join, then what the
current item asks), `/display` for the projector (the big clock, the item, the agenda),
`/follow` for a screen reader (the same, as plain headings and lists that announce changes).
"""

from __future__ import annotations

import html
import socket
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import segno
from aiohttp import web
from aiohttp.typedefs import Handler
from babel.dates import format_date

from facilitator.clock import Status
from facilitator.parts.outcome import Outcome
from facilitator.room.core import CHOICES, Device, Refused, Room
from facilitator.room.i18n import LANGUAGES, Translate, negotiate, translator
from facilitator.words import N_

COOKIE = "facilitator_device"
LANGUAGE_COOKIE = "facilitator_language"
MAX_BODY = 16 * 1024
ROOM_KEY = web.AppKey("room", Room)
KEEPALIVE = 15.0
"""Seconds between comments on an idle event stream, so proxies and phones keep it open."""
LIVE_JS = (Path(__file__).parent / "live.js").read_text(encoding="utf-8")

CSS = """
body { font: 18px/1.45 system-ui, sans-serif; margin: 0; color: #1b1b1b; background: #fafafa; }
main { max-width: 560px; margin: 0 auto; padding: 16px; }
h1 { font-size: 22px; margin: 8px 0; } .prompt { color: #333; } .meta { color: #555; font-size: 15px; }
textarea, select, input[type=text] { width: 100%; font: inherit; padding: 8px; box-sizing: border-box; }
button { font: inherit; padding: 12px 18px; margin: 8px 8px 8px 0; border-radius: 6px; border: 1px solid #2b4f81;
         background: #2b4f81; color: white; }
button.quiet { background: white; color: #2b4f81; }
.said { background: #e6f2ea; border-left: 4px solid #2f6f4e; padding: 8px; }
.error { background: #fbeaea; border-left: 4px solid #a33; padding: 8px; }
.ballot { background: #eef3fb; border: 2px solid #2b4f81; padding: 8px 12px; margin: 12px 0; }
fieldset { border: 1px solid #ccd; margin: 12px 0; } legend { font-weight: bold; }
label.rating { display: inline-block; margin: 4px 10px 4px 0; }
.dot { display: flex; gap: 8px; align-items: center; margin: 6px 0; } .dot select { width: 4.5em; }
nav { text-align: right; font-size: 15px; } nav a { margin-left: 8px; }
"""
DISPLAY_CSS = """
body { font: 3.2vh/1.3 system-ui, sans-serif; margin: 0; color: #f4f4f4; background: #111; overflow: hidden; }
main { display: grid; grid-template-columns: 2fr 1fr; gap: 4vw; padding: 4vh 4vw; height: 92vh; max-width: none; }
p { margin: 0 0 1.5vh; } .clock { font-size: 24vh; font-variant-numeric: tabular-nums; font-weight: 700; line-height: 1; }
.over { color: #ff8a80; } .state { color: #bbb; text-transform: uppercase; letter-spacing: .08em; }
h1 { font-size: 7vh; margin: 2vh 0; line-height: 1.15; } .prompt { font-size: 4.2vh; color: #ddd; }
aside { font-size: 2.6vh; overflow: hidden; } ol { padding-left: 1.4em; margin: 1vh 0; }
li { margin: .6vh 0; color: #aaa; } li.current { color: #fff; font-weight: 700; } li.done { text-decoration: line-through; }
.qr { display: flex; gap: 1vw; align-items: center; } .qr svg { width: 22vh; height: 22vh; background: #fff; flex: none; }
.join { color: #ccc; }
"""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def language(request: web.Request) -> str:
    chosen = request.query.get("lang") or request.cookies.get(LANGUAGE_COOKIE)
    return chosen if chosen in LANGUAGES else negotiate(request.headers.get("Accept-Language", ""))


def page(request: web.Request, title: str, body: str, *, status: int = 200, css: str = CSS, state: str | None = None,
         head: str = "") -> web.Response:
    lang = language(request)
    live = f' data-events="{_e(request.path)}/events" data-state="{_e(state)}"' if state is not None else ""
    document = (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{css}</style>{head}"
        '<script src="/live.js" defer></script></head>'
        f"<body><main{live}>{body}</main></body></html>"
    )
    response = web.Response(text=document, content_type="text/html", status=status)
    _secure(response)
    if request.query.get("lang") in LANGUAGES:
        response.set_cookie(LANGUAGE_COOKIE, request.query["lang"], httponly=True, samesite="Strict", max_age=30 * 86400)
    return response


def _secure(response: web.StreamResponse) -> None:
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'self'; connect-src 'self'; form-action 'self'; "
        "frame-ancestors 'none'"
    )


def make_app(room: Room) -> web.Application:
    app = web.Application(client_max_size=MAX_BODY, middlewares=[_refusals])
    app[ROOM_KEY] = room
    app.router.add_get("/health", _health)
    app.router.add_get("/", _front)
    app.router.add_post("/", _front_code)
    app.router.add_get("/live.js", _live_js)
    app.router.add_get("/r/{token}", _home)
    app.router.add_get("/r/{token}/events", _events)
    app.router.add_get("/r/{token}/display", _display)
    app.router.add_get("/r/{token}/display/events", _events)
    app.router.add_get("/r/{token}/follow", _follow)
    app.router.add_get("/r/{token}/follow/events", _events)
    for action in ("join", "idea", "dots", "vote", "rate", "comment", "checkin", "hand"):
        app.router.add_post(f"/r/{{token}}/{action}", _POSTS[action])
    return app


@web.middleware
async def _refusals(request: web.Request, handler: Handler) -> web.StreamResponse:
    tr = translator(language(request))
    try:
        return await handler(request)
    except Refused as refused:
        return page(request, "Facilitator", f'<p class="error">{_e(tr(refused.message))}</p>', status=refused.status)
    except web.HTTPRequestEntityTooLarge:
        message = tr("That was too long to send; shorten it and send again.")
        return page(request, "Facilitator", f'<p class="error">{_e(message)}</p>', status=413)


async def _health(request: web.Request) -> web.Response:
    return web.Response(text="ok")


async def _live_js(request: web.Request) -> web.Response:
    response = web.Response(text=LIVE_JS, content_type="text/javascript")
    _secure(response)
    return response


async def _front(request: web.Request, *, wrong: bool = False) -> web.Response:
    """The short address (no secret in it): type the join code shown on the screen."""
    tr = translator(language(request))
    error = f'<p class="error" role="status">{_e(tr("That is not the join code. Check the screen and try again."))}</p>' if wrong else ""
    body = (
        f"{_languages(request)}<h1>{_e(tr('Join the meeting'))}</h1>{error}"
        '<form method="post" action="/">'
        f'<label for="code">{_e(tr("The join code on the screen"))}</label>'
        '<input type="text" id="code" name="code" maxlength="12" autocomplete="off" autocapitalize="characters" required>'
        f"<button>{_e(tr('Join'))}</button></form>"
    )
    return page(request, tr("Join the meeting"), body)


async def _front_code(request: web.Request) -> web.Response:
    room = request.app[ROOM_KEY]
    form = await request.post()
    if room.by_code(str(form.get("code", "")), request.remote or ""):
        raise web.HTTPSeeOther(f"/r/{room.token}")
    return await _front(request, wrong=True)


def _room(request: web.Request) -> Room:
    room = request.app[ROOM_KEY]
    room.check_token(request.match_info["token"])
    return room


def _device(request: web.Request, room: Room) -> Device:
    device = room.device(request.cookies.get(COOKIE))
    if device is None:
        raise web.HTTPSeeOther(f"/r/{room.token}")
    return device


def _back(request: web.Request, room: Room, outcome: Outcome, thanks: str = N_("Sent. Thank you.")) -> web.HTTPSeeOther:
    """Back to the phone page, saying what happened (in the phone's language where catalogued)."""
    tr = translator(language(request))
    said = tr(outcome.error or thanks)
    kind = "error" if outcome.error else "said"
    return web.HTTPSeeOther(f"/r/{room.token}?{kind}={quote(said[:200])}")


def _languages(request: web.Request) -> str:
    here = language(request)
    current = ' aria-current="true"'
    links = [
        f'<a href="{_e(request.path)}?lang={code}" hreflang="{code}" lang="{code}"{current if code == here else ""}>{name}</a>'
        for code, name in LANGUAGES.items()
    ]
    return f"<nav>{''.join(links)}</nav>"


def _status_words(tr: Translate) -> dict[Status, str]:
    return {Status.NOT_STARTED: tr("Not started yet"), Status.PAUSED: tr("Paused"), Status.ENDED: tr("The meeting has ended")}


def _time_left(room: Room, tr: Translate) -> str:
    clock = room.session.ctx.clock()
    if clock.status is not Status.RUNNING:
        return _status_words(tr)[clock.status]
    left = round(clock.current.remaining_seconds / 60)
    if left >= 1:
        return tr("About {minutes} min left").format(minutes=left)
    return tr("Time is up for this item")


# The phone page --------------------------------------------------------------

async def _home(request: web.Request) -> web.Response:
    room = _room(request)
    tr = translator(language(request))
    device = room.device(request.cookies.get(COOKIE))
    if device is None:
        return _join_page(request, room, tr)
    asked = room.asked(device.person_id)
    out = [_languages(request), f'<p class="meta">{_e(room.session.meeting.title)} · {_e(_time_left(room, tr))}</p>']
    for kind in ("said", "error"):
        if request.query.get(kind):
            out.append(f'<p class="{kind}" role="status">{_e(request.query[kind])}</p>')
    hidden = f'<input type="hidden" name="csrf" value="{_e(device.csrf)}">'
    action = f"/r/{_e(room.token)}"
    ballot = room.ballot
    if ballot is not None and ballot.open:
        out.append(f'<section class="ballot"><h2>{_e(tr("Vote"))}: {_e(ballot.proposal)}</h2>')
        if ballot.id in device.voted:
            out.append(f"<p>{_e(tr('Your vote is counted. Only the totals are kept, never who voted what.'))}</p>")
        else:
            buttons = "".join(f'<button name="choice" value="{key}">{_e(tr(label))}</button>' for key, label in CHOICES[ballot.method])
            out.append(f'<form method="post" action="{action}/vote">{hidden}<input type="hidden" name="ballot" value="{ballot.id}">'
                       f"<p>{_e(tr('Your vote is secret: only the totals are kept.'))}</p>{buttons}</form>")
        out.append("</section>")
    out.append(f"<h1>{_e(asked.item)}</h1>")
    if asked.prompt:
        out.append(f'<p class="prompt">{_e(asked.prompt)}</p>')
    offered = False
    if asked.ideas:
        offered = True
        out.append(
            f'<form method="post" action="{action}/idea">{hidden}'
            f'<label for="text">{_e(tr("Your idea (anonymous: nothing links it to you or this phone)"))}</label>'
            f'<textarea id="text" name="text" rows="3" maxlength="500" required>{_e(device.kept.get("idea", ""))}</textarea>'
            f"<button>{_e(tr('Send idea'))}</button></form>"
        )
    if asked.dot_on:
        offered = True
        mine = _my_dots(room, device, asked.item_id)
        rows = []
        for number, text in asked.dot_on:
            options = "".join(
                f'<option value="{n}"{" selected" if mine.get(number, 0) == n else ""}>{n}</option>' for n in range(asked.dot_budget + 1)
            )
            label = tr("Dots on idea {number}").format(number=number)
            rows.append(f'<div class="dot"><select id="d{number}" name="d{number}" aria-label="{_e(label)}">{options}</select>'
                        f'<label for="d{number}">{number}. {_e(text)}</label></div>')
        intro = tr("You have {budget} dots: put them on the ideas you support most (more than one on an idea if you like).")
        out.append(f'<form method="post" action="{action}/dots">{hidden}<p>{_e(intro.format(budget=asked.dot_budget))}</p>'
                   + "".join(rows) + f"<button>{_e(tr('Place my dots'))}</button></form>")
    if asked.questions:
        offered = True
        fields = []
        for n, question in enumerate(asked.questions):
            choices = "".join(
                f'<label class="rating"><input type="radio" name="q{n}" value="{v}" required> {v}</label>' for v in range(1, 6)
            )
            fields.append(f"<fieldset><legend>{_e(question)}</legend>{choices}</fieldset>")
        out.append(f'<form method="post" action="{action}/rate">{hidden}<p>{_e(tr("1 disagree … 5 agree"))}</p>'
                   + "".join(fields) + f"<button>{_e(tr('Send ratings'))}</button></form>")
        out.append(
            f'<form method="post" action="{action}/comment">{hidden}'
            f'<label for="comment">{_e(tr("A comment on the meeting"))}</label>'
            f'<textarea id="comment" name="text" rows="2" maxlength="500" required>{_e(device.kept.get("comment", ""))}</textarea>'
            f'<button name="kind" value="well">{_e(tr("+ went well"))}</button>'
            f'<button name="kind" value="change" class="quiet">{_e(tr("− to change"))}</button></form>'
        )
    if asked.turn == "now":
        offered = True
        out.append(
            f'<form method="post" action="{action}/checkin">{hidden}'
            f'<label for="answer">{_e(tr("It is your turn: type your check-in, or just say it aloud."))}</label>'
            f'<textarea id="answer" name="text" rows="2" maxlength="500" required>{_e(device.kept.get("checkin", ""))}</textarea>'
            f"<button>{_e(tr('Send my check-in'))}</button></form>"
        )
    elif asked.turn == "waiting":
        offered = True
        out.append(f"<p>{_e(tr('The check-in round is under way; this page offers a box when it is your turn.'))}</p>")
    if not offered:
        out.append(f"<p>{_e(tr('Nothing to send for this item. This page shows the next thing to do when the meeting moves on.'))}</p>")
    if device.name:
        raise_hand = tr("Raise my hand ({name})").format(name=device.name)
        out.append(f'<form method="post" action="{action}/hand">{hidden}<button class="quiet">{_e(raise_hand)}</button></form>')
    out.append(f'<p><a href="{action}">{_e(tr("Reload"))}</a></p>')
    return page(request, asked.item, "".join(out), state=room.state(device))


def _my_dots(room: Room, device: Device, item_id: int) -> dict[int, int]:
    """How many dots this phone has on each idea now (from its own memory of what it placed),
    or the ones it just tried to place, when they were refused."""
    if device.kept_dots is not None and device.kept_dots[0] == item_id:
        return Counter(device.kept_dots[1])
    placed = set(device.dots.get(item_id, []))
    if not placed:
        return {}
    ideas = room.session.store.brainwriting.ideas(item_id, struck=True)
    numbers = {idea.id: n for n, idea in enumerate(ideas, 1)}
    mine: dict[int, int] = {}
    for dot_id, entry_id in room.session.store.brainwriting.dot_entries(sorted(placed)):
        if entry_id in numbers and dot_id in placed:
            mine[numbers[entry_id]] = mine.get(numbers[entry_id], 0) + 1
    return mine


JOIN_WORDS = N_(
    "Join to send ideas, dots, votes and ratings from this phone. Ideas and votes are always anonymous; your name is only "
    "used to call on you when you raise your hand, and for your check-in."
)


def _join_page(request: web.Request, room: Room, tr: Translate) -> web.Response:
    people = sorted(room.session.roster, key=lambda p: p.name.casefold())
    options = "".join(f'<option value="{p.id}">{_e(p.name)}</option>' for p in people)
    body = (
        f"{_languages(request)}<h1>{_e(room.session.meeting.title)}</h1>"
        f"<p>{_e(tr(JOIN_WORDS))}</p>"
        f'<form method="post" action="/r/{_e(room.token)}/join">'
        f'<label for="person">{_e(tr("Who are you?"))}</label>'
        f'<select id="person" name="person"><option value="">{_e(tr("I would rather not say"))}</option>{options}</select>'
        f"<button>{_e(tr('Join'))}</button></form>"
    )
    return page(request, tr("Join the meeting"), body)


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


def _kept(device: Device, form: str, text: str, send: Callable[[], Outcome]) -> Outcome:
    """Keep what was typed when it is refused (even by the flood limit), to fill in again;
    forget it once it is saved."""
    device.kept[form] = text[:2000]
    outcome = send()
    if outcome.ok:
        del device.kept[form]
    return outcome


Typed = Callable[[Room, Device, dict[str, str]], Outcome]


async def _typed(request: web.Request, name: str, send: Typed, thanks: str = N_("Sent. Thank you.")) -> web.Response:
    """A form with a text someone typed: sent, and kept to fill in again if it is refused."""
    room, device, form = await _form(request)
    raise _back(request, room, _kept(device, name, form.get("text", ""), lambda: send(room, device, form)), thanks)


async def _idea(request: web.Request) -> web.Response:
    return await _typed(request, "idea", lambda room, device, form: room.idea(device, form.get("csrf", ""), form.get("text", "")),
                        N_("Your idea is in. Thank you."))


async def _dots(request: web.Request) -> web.Response:
    room, device, form = await _form(request)
    numbers: list[int] = []
    for key, value in form.items():
        if key.startswith("d") and key[1:].isdigit():
            if not value.isdigit() or int(value) > 99:
                raise _back(request, room, Outcome(error=N_("Choose how many dots from the list.")))
            numbers += [int(key[1:])] * int(value)
    outcome = room.dots(device, form.get("csrf", ""), numbers)
    device.kept_dots = None
    if not outcome.ok:
        asked = room.asked()  # as `room.dots` read it just now: a refusal changes nothing
        device.kept_dots = (asked.item_id, numbers)
        if asked.dot_budget and len(numbers) > asked.dot_budget:  # the refusal, in the phone's language
            over = translator(language(request))("You have {budget} dots and placed {count}: take some back, then send again.")
            outcome = Outcome(error=over.format(budget=asked.dot_budget, count=len(numbers)))
    raise _back(request, room, outcome, N_("Your dots are placed. You can move them until the vote ends."))


async def _vote(request: web.Request) -> web.Response:
    room, device, form = await _form(request)
    ballot = form.get("ballot", "")
    outcome = room.vote(device, form.get("csrf", ""), int(ballot) if ballot.isdigit() else 0, form.get("choice", ""))
    raise _back(request, room, outcome, N_("Your vote is counted. Thank you."))


async def _rate(request: web.Request) -> web.Response:
    room, device, form = await _form(request)
    questions = room.asked(fresh=True).questions
    values = [form.get(f"q{n}", "") for n in range(len(questions))]
    if not all(v.isdigit() for v in values):
        raise _back(request, room, Outcome(error=N_("Rate every statement, from 1 to 5.")))
    raise _back(request, room, room.rate(device, form.get("csrf", ""), [int(v) for v in values]))


async def _comment(request: web.Request) -> web.Response:
    return await _typed(request, "comment", lambda room, device, form: room.comment(
        device, form.get("csrf", ""), form.get("kind") == "well", form.get("text", "")))


async def _checkin(request: web.Request) -> web.Response:
    return await _typed(request, "checkin", lambda room, device, form: room.checkin(device, form.get("csrf", ""), form.get("text", "")),
                        N_("Your check-in is noted. Thank you."))


async def _hand(request: web.Request) -> web.Response:
    room, device, form = await _form(request)
    raise _back(request, room, room.hand(device, form.get("csrf", "")), N_("Your hand is up: the facilitator will call on you."))


_POSTS = {"join": _join, "idea": _idea, "dots": _dots, "vote": _vote, "rate": _rate, "comment": _comment,
          "checkin": _checkin, "hand": _hand}


# Live updates ------------------------------------------------------------------

async def _events(request: web.Request) -> web.StreamResponse:
    """Server-sent events: `changed` with the page's new state whenever it would show something
    else; a comment every few seconds otherwise. Ends when the room closes."""
    room = _room(request)
    device = room.device(request.cookies.get(COOKIE))
    response = web.StreamResponse(headers={"Content-Type": "text/event-stream", "Cache-Control": "no-store"})
    await response.prepare(request)
    last = request.query.get("state", "")
    try:
        while room.open and (device is None or device.id in room.devices):
            state = room.state(device)
            if state != last:
                last = state
                await response.write(f"event: changed\ndata: {state}\n\n".encode())
            else:
                await response.write(b": still here\n\n")
            await room.moved(KEEPALIVE)
    except (ConnectionResetError, OSError):
        pass  # the phone went away
    return response


# The projector and the screen reader ------------------------------------------------

async def _display(request: web.Request) -> web.Response:
    room = _room(request)
    tr = translator(language(request))
    view = room.view()
    clock = view.clock
    left = clock.current.remaining_seconds
    running = clock.status is Status.RUNNING
    state_words = {**_status_words(tr), Status.RUNNING: tr("Over time") if left < 0 else tr("Time left")}[clock.status]
    rows = "".join(
        f'<li class="{row.state}">{_e(row.title)} · {row.minutes} min</li>' for row in view.agenda
    )
    joined = segno.make(f"{request.url.origin()}/r/{room.token}", error="m").svg_inline(scale=6, dark="#000", light="#fff", omitsize=True)
    when = format_date(room.session.meeting.date, format="long", locale=language(request))
    typed = tr("or open {address} and type {code}").format(address=request.url.origin(), code=room.code)
    body = (
        "<section>"
        f'<p class="state" id="state">{_e(state_words)}</p>'
        f'<p class="clock{" over" if left < 0 else ""}" data-left="{int(left)}" data-running="{int(running)}" role="timer">'
        f"{_mmss(left)}</p>"
        f"<h1>{view.number}. {_e(view.item.title)}</h1>"
        f'<p class="prompt">{_e(view.item.prompt)}</p>'
        "</section><aside>"
        f'<div class="qr">{joined}<p class="join">{_e(tr("Scan to join from your phone"))}<br>{_e(typed)}</p></div>'
        f"<p>{_e(view.title)} · {_e(when)}</p><ol>{rows}</ol>"
        "</aside>"
    )
    head = '<noscript><meta http-equiv="refresh" content="10"></noscript>'
    return page(request, view.item.title, body, css=DISPLAY_CSS, state=room.state(None), head=head)


def _mmss(seconds: float) -> str:
    whole = int(abs(seconds))
    return f"{'-' if seconds < 0 else ''}{whole // 60:02}:{whole % 60:02}"


async def _follow(request: web.Request) -> web.Response:
    """The meeting for a screen reader: headings, a list, and one live region that announces
    changes politely (no ticking clock to interrupt)."""
    room = _room(request)
    tr = translator(language(request))
    view = room.view()
    state_words = {"current": tr("now"), "done": tr("done"), "skipped": tr("skipped"), "upcoming": tr("to come")}
    rows = "".join(f"<li>{_e(row.title)}, {row.minutes} min, {_e(state_words[row.state])}</li>" for row in view.agenda)
    ballot = room.ballot
    vote = f"<p>{_e(tr('Vote open on'))}: {_e(ballot.proposal)}</p>" if ballot is not None and ballot.open else ""
    body = (
        f"{_languages(request)}<h1>{_e(view.title)}</h1>"
        f'<section aria-live="polite" aria-atomic="true"><h2>{_e(tr("Now"))}: {view.number}. {_e(view.item.title)}</h2>'
        f"<p>{_e(_time_left(room, tr))}.</p>"
        + (f"<p>{_e(view.item.prompt)}</p>" if view.item.prompt else "")
        + vote
        + f"</section><h2>{_e(tr('Agenda'))}</h2><ol>{rows}</ol>"
    )
    return page(request, tr("Follow the meeting"), body, state=room.state(None))


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
        self._runner = web.AppRunner(make_app(self.room), access_log=None, shutdown_timeout=2.0)
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
