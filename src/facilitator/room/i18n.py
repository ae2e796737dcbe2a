"""The room's pages in the participant's language: English, or Spanish from a gettext catalogue
(`locale/es/LC_MESSAGES/room.po`, compiled in memory by Babel when first needed, so the
repository holds no binary files). The browser's Accept-Language chooses; a link switches.
Messages are marked `tr("...")` in `web.py` and `N_("...")` where they are written before a
page is chosen; `tests/test_room_language.py` checks the catalogue covers every one."""

from __future__ import annotations

import ast
import gettext
from collections.abc import Callable
from functools import cache
from io import BytesIO
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from babel.support import Translations

from facilitator.room.core import CHOICES

LANGUAGES = {"en": "English", "es": "Español"}
LOCALE_DIR = Path(__file__).parent / "locale"
Translate = Callable[[str], str]


@cache
def translations(language: str) -> gettext.NullTranslations:
    if language == "en":
        return gettext.NullTranslations()
    with (LOCALE_DIR / language / "LC_MESSAGES" / "room.po").open("rb") as po:
        catalog = read_po(po, locale=language)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain="room")


def translator(language: str) -> Translate:
    return translations(language if language in LANGUAGES else "en").gettext


def negotiate(accept_language: str) -> str:
    """The first of our languages the browser asks for (`es-MX,es;q=0.9,en;q=0.8`), else English."""
    asked: list[tuple[float, str]] = []
    for part in accept_language.split(","):
        tag, _, quality = part.strip().partition(";q=")
        try:
            weight = float(quality) if quality else 1.0
        except ValueError:
            continue
        if tag and tag != "*":
            asked.append((weight, tag))
    preferred = [tag for _, tag in sorted(asked, key=lambda pair: -pair[0])]
    try:
        chosen = Locale.negotiate(preferred, list(LANGUAGES), sep="-")
    except (UnknownLocaleError, ValueError):
        chosen = None
    return chosen.language if chosen is not None else "en"


SOURCES = ("room/web.py", "room/core.py", "session/participants.py")
"""The modules whose `tr("...")` and `N_("...")` messages reach a phone."""


def marked_messages() -> list[str]:
    """Every message marked in `SOURCES`, in order, once. Read from the syntax tree, which sees
    calls inside f-strings (Babel's extractor on Python 3.11 does not)."""
    root = Path(__file__).parent.parent
    found: dict[str, None] = {}
    for source in SOURCES:
        for node in ast.walk(ast.parse((root / source).read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("tr", "N_")
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                found[node.args[0].value] = None
    found.update((label, None) for choices in CHOICES.values() for _, label in choices)
    return list(found)


def update_catalogue(language: str = "es") -> list[str]:
    """Add the marked messages missing from a language's catalogue (untranslated, for a person
    to translate); returns them. `python -m facilitator.room.i18n` runs it."""
    path = LOCALE_DIR / language / "LC_MESSAGES" / "room.po"
    with path.open("rb") as po:
        catalog = read_po(po, locale=language)
    missing = [message for message in marked_messages() if message not in catalog]
    for message in missing:
        catalog.add(message)
    if missing:
        with path.open("wb") as po:
            write_po(po, catalog, width=100)
    return missing


if __name__ == "__main__":
    for message in update_catalogue():
        print("to translate:", message)
