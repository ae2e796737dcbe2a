"""What comes from the terminal reaches the app whole: bytes that are not UTF-8 become U+FFFD
instead of ending the app, and a bracketed paste is text to insert, whatever it holds.

Textual's Linux driver decodes input with a strict UTF-8 decoder and parses it with
`XTermParser`, both looked up by name in its module when its input thread starts, so handing it
our own two is enough (Textual is pinned to one minor version; the tests drive both).
"""

from __future__ import annotations

import codecs
import functools
from collections.abc import Callable, Iterable

from textual import events
from textual._xterm_parser import XTermParser
from textual.message import Message

PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"
# Inside a paste, the characters Textual's parser would not pass through as text are carried
# past it in a form it leaves alone: a noncharacter (which terminals never send) and a tag.
_MARK = "\ufdd0"
_CARRIED = {"\x1b": _MARK + "\ufdd1", "\x00": _MARK + "\ufdd2", _MARK: _MARK + "\ufdd3"}
_RESTORED = {carried: original for original, carried in _CARRIED.items()}


class PasteKeepingParser(XTermParser):
    """Textual's parser, except that a bracketed paste arrives exactly as pasted.

    Textual reads an ESC inside a paste as the start of a key sequence: `/park A␛B C` was
    scrambled into `^B C/park A`, and a pasted command became a note. Here every ESC and NUL
    between the paste's start and end markers is carried past the parser and put back in the
    `Paste` event. Input read in pieces is handled: a piece that ends with what may be the start
    of the end marker waits for the next one.
    """

    def __init__(self, debug: bool = False) -> None:
        super().__init__(debug)
        self._pasting = False
        self._held = ""
        """The end of the last piece, inside a paste, that may begin the end marker."""
        self._tail = ""
        """The last few characters outside a paste, to find a start marker split across pieces."""

    def feed(self, data: str) -> Iterable[Message]:
        carried = self._carried(data)
        if data and not carried:
            return []  # all of it held back (an empty feed would tell the parser the input ended)
        return [self._restored(message) for message in super().feed(carried)]

    def _carried(self, data: str) -> str:
        out: list[str] = []
        text, self._held = self._held + data, ""
        at = 0
        while at < len(text):
            if not self._pasting:
                seen = self._tail + text[at:]
                found = seen.find(PASTE_START)
                if found < 0:
                    out.append(text[at:])
                    self._tail = seen[-(len(PASTE_START) - 1):]
                    break
                start = at + found - len(self._tail) + len(PASTE_START)  # just after the marker, in `text`
                out.append(text[at:start])
                at, self._pasting, self._tail = start, True, ""
                continue
            end = text.find(PASTE_END, at)
            if end < 0:
                body = text[at:]
                escape = body.rfind("\x1b")
                if escape >= 0 and PASTE_END.startswith(body[escape:]) and data:
                    self._held, body = body[escape:], body[:escape]  # the end marker may be arriving in pieces
                out.append(_carry(body))
                break
            out.append(_carry(text[at:end]) + PASTE_END)
            at, self._pasting = end + len(PASTE_END), False
        return "".join(out)

    @staticmethod
    def _restored(message: Message) -> Message:
        if isinstance(message, events.Paste) and _MARK in message.text:
            message.text = _restore(message.text)
        return message


def _carry(text: str) -> str:
    return "".join(_CARRIED.get(char, char) for char in text) if any(char in _CARRIED for char in text) else text


def _restore(text: str) -> str:
    out, at = [], 0
    while (found := text.find(_MARK, at)) >= 0:
        out.append(text[at:found])
        out.append(_RESTORED.get(text[found : found + 2], text[found : found + 2]))
        at = found + 2
    out.append(text[at:])
    return "".join(out)


def keep_terminal_input_whole() -> None:
    """Install the forgiving decoder and the paste-keeping parser in Textual's Linux driver."""
    from textual.drivers import linux_driver

    def replacing(encoding: str) -> Callable[[], codecs.IncrementalDecoder]:
        return functools.partial(codecs.getincrementaldecoder(encoding), errors="replace")

    linux_driver.getincrementaldecoder = replacing  # type: ignore[assignment]
    linux_driver.XTermParser = PasteKeepingParser  # type: ignore[misc]
