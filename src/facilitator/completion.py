"""Tab completion in the capture bar: command names, roster names after `@` and in `/speak`,
`/late`, `/left`, `/hand`, and the kinds of workshop document after `adopts:`. Pure functions of
the typed text and the roster."""

from __future__ import annotations

import re

from facilitator.capture import COMMANDS, spec_named
from facilitator.documents import KINDS


def handle(name: str) -> str:
    """A roster name as one @-token: letters and digits only (`Amara Okafor` -> `AmaraOkafor`)."""
    return "".join(ch for ch in name if ch.isalnum())


def name_matches(query: str, name: str) -> bool:
    """Does a typed name (or its start) pick out this roster name? Case and spaces do not matter."""
    wanted = handle(query).casefold()
    if not wanted:
        return False
    words = [handle(w).casefold() for w in name.split()]
    return any("".join(words[i:]).startswith(wanted) for i in range(len(words)))


def _common_prefix(options: list[str]) -> str:
    first, last = min(options, key=str.casefold), max(options, key=str.casefold)
    size = 0
    while size < min(len(first), len(last)) and first[size].casefold() == last[size].casefold():
        size += 1
    return first[:size]


def complete(text: str, roster: list[str]) -> str | None:
    """The bar's text after Tab, or None when there is nothing to complete.

    Completes a command name, a name after `@`, or the name after `/speak`,
    `/late` and `/left`. With several matches it fills in what they share.
    """
    if text.startswith("/") and " " not in text:
        typed = text[1:].lower()
        options = [spec.name for spec in COMMANDS if spec.name.startswith(typed)]
        return _filled("/", typed, options, " ") if options else None
    word, _, rest = text[1:].partition(" ")
    spec = spec_named(word) if text.startswith("/") else None
    if spec is not None and spec.takes_name and "@" not in rest:
        options = [name for name in roster if name_matches(rest, name)] if rest.strip() else list(roster)
        if not options:
            return None
        head = text[: len(text) - len(rest)]
        return _filled(head, rest, options, "")
    adopts = re.search(r"(?<!\S)adopts:(\S*)$", text, re.IGNORECASE)
    if adopts:
        options = [kind for kind in KINDS if kind.startswith(adopts.group(1).lower())]
        return _filled(text[: adopts.start(1)], adopts.group(1), options, " ") if options else None
    token = re.search(r"(?<!\S)@(\S*)$", text)
    if token:
        options = [handle(name) for name in roster if name_matches(token.group(1), name) or not token.group(1)]
        if not options:
            return None
        return _filled(text[: token.start(1)], token.group(1), options, " ")
    return None


def _filled(head: str, typed: str, options: list[str], after_one: str) -> str | None:
    """Replace what was typed by the one match, or by what all matches share if that adds anything."""
    if len(options) == 1:
        return head + options[0] + after_one
    shared = _common_prefix(options)
    return head + shared if len(shared) > len(typed.strip()) else None
