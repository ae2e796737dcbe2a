"""Agenda templates: the TOML files in `agendas/`, validated by pydantic.

A template names its items and their time boxes. Loading is all-or-nothing:
either a whole `AgendaTemplate` comes back or a list of `TemplateProblem`s,
each naming file, line and field, so a facilitator can fix a typo at once.
"""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from pathlib import Path
from typing import Annotated, Literal

import msgspec
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import ErrorDetails

from facilitator.documents import KINDS
from facilitator.models import AgendaItem, ItemKind, Meeting

DOCUMENT_KINDS = tuple(KINDS)


class TemplateItem(BaseModel):
    """One agenda item of a template."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, defer_build=True)

    title: Annotated[str, Field(min_length=1)]
    """What the item is called on the agenda."""
    kind: ItemKind
    """The activity, which decides how the live screen runs it."""
    minutes: Annotated[int, Field(gt=0, le=600, strict=True)]
    """The planned time box, in whole minutes."""
    prompt: str = ""
    """The question or instruction shown to the room while the item runs."""
    speaker_minutes: Annotated[float, Field(gt=0, le=30, strict=True)] = 1
    """Check-in rounds: each speaker's time box."""
    dots: Annotated[int, Field(ge=1, le=20, strict=True)] = 3
    """Brainwriting: dots each person may place when voting."""
    questions: list[Annotated[str, Field(min_length=1)]] = []
    """Evaluation: the statements people rate from 1 to 5 (defaults when empty)."""
    review: Annotated[bool, Field(strict=True)] = False
    """This item goes through what earlier meetings of the series left open (its panel lists them)."""
    document: Literal[*DOCUMENT_KINDS] | None = None  # type: ignore[valid-type]
    """The workshop document this item works on: its drafts (`/draft PART: TEXT`) are kept per
    series, and a decision adopted in it adopts the document as it stands."""
    document_title: Annotated[str, Field(min_length=1)] | None = None
    """Which one, when a series keeps several of a kind ("Goal 2: housing"); the kind's title otherwise."""
    part: str | None = None
    """The part this item drafts (`gap`, `measurable`...): `/draft TEXT` then needs no part named."""

    @model_validator(mode="after")
    def _part_of_the_document(self) -> TemplateItem:
        if self.part is not None:
            if self.document is None:
                raise ValueError("`part` needs `document`: the part of which document?")
            kind = KINDS[self.document]
            if kind.parts and self.part not in dict(kind.parts):
                raise ValueError(f"a {kind.title.lower()} has no part {self.part!r}; its parts are {', '.join(dict(kind.parts))}")
        return self


class AgendaTemplate(BaseModel):
    """A whole agenda template, as read from one TOML file."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, defer_build=True)

    title: Annotated[str, Field(min_length=1)]
    """The template's name as people say it."""
    description: str = ""
    """One or two sentences on when to use it."""
    minutes: Annotated[int | None, Field(gt=0, le=1440, strict=True)] = None
    """Default meeting length; the items' total when left out."""
    ground_rules: list[str] = []
    """Agreements read out at the start."""
    roles: list[str] = ["facilitator", "note-taker", "timekeeper"]
    """Meeting roles to fill before starting."""
    items: Annotated[list[TemplateItem], Field(min_length=1)]
    """The agenda, in order."""

    @property
    def total_minutes(self) -> int:
        return sum(item.minutes for item in self.items)

    @property
    def length_minutes(self) -> int:
        return self.minutes if self.minutes is not None else self.total_minutes


class TemplateProblem(msgspec.Struct, frozen=True):
    """One thing wrong with a template file, located for the person fixing it."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


class TemplateError(Exception):
    """A template file that cannot be used; `problems` says why."""

    def __init__(self, problems: list[TemplateProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


_TOML_POSITION = re.compile(r"\(at line (\d+), column \d+\)")
_TABLE_HEADER = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.\-]+)\s*\]\]?")


def _line_of(source: str, loc: tuple[str | int, ...]) -> int:
    """Find the line that a pydantic error location points at.

    tomllib keeps no positions, so we walk the text: the n-th `[[items]]`
    header for an item, then the `key =` line within that table.
    """
    lines = source.splitlines()
    start, end = 0, len(lines)
    rest = list(loc)
    if len(rest) >= 2 and rest[0] == "items" and isinstance(rest[1], int):
        headers = [i for i, line in enumerate(lines) if re.match(r"^\s*\[\[\s*items\s*\]\]", line)]
        if rest[1] < len(headers):
            start = headers[rest[1]]
            following = [i for i in range(start + 1, len(lines)) if _TABLE_HEADER.match(lines[i])]
            end = following[0] if following else len(lines)
            rest = rest[2:]
            if not rest:
                return start + 1
    else:
        tables = [i for i, line in enumerate(lines) if _TABLE_HEADER.match(line)]
        end = tables[0] if tables else len(lines)
    if rest and isinstance(rest[0], str):
        key = re.compile(rf"^\s*{re.escape(rest[0])}\s*=")
        for i in range(start, end):
            if key.match(lines[i]):
                return i + 1
    return start + 1


def _field_name(loc: tuple[str | int, ...]) -> str:
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts[-1] = f"{parts[-1]}[{part + 1}]" if parts else f"[{part + 1}]"
        else:
            parts.append(part)
    return ".".join(parts) or "(file)"


def problem_words(error: ErrorDetails) -> str:
    if error["type"] == "extra_forbidden":
        return "unknown key (check the spelling)"
    if error["type"] == "missing":
        return "required but missing"
    if error["type"] == "enum":
        return f"unknown kind {error['input']!r}; use one of: " + ", ".join(k.value for k in ItemKind)
    if error["type"] in ("greater_than", "less_than_equal", "int_type", "float_type", "string_type", "bool_type", "list_type"):
        return f"{error['msg'].lower()} (got {error['input']!r})"
    return str(error["msg"])


def parse_template(source: str, path: str = "<template>") -> AgendaTemplate:
    """Validate template text; raise `TemplateError` listing every problem."""
    source = source.removeprefix("\ufeff")  # a byte-order mark is not part of the TOML
    try:
        data = tomllib.loads(source)
    except RecursionError:
        raise TemplateError([TemplateProblem(path, 1, "(toml)", "nested too deeply to be an agenda template")]) from None
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_POSITION.search(str(exc))
        line = int(found.group(1)) if found else 1
        message = _TOML_POSITION.sub("", str(exc)).strip()
        raise TemplateError([TemplateProblem(path, line, "(toml)", message)]) from None
    try:
        return AgendaTemplate.model_validate(data)
    except ValidationError as exc:
        problems = [
            TemplateProblem(path, _line_of(source, err["loc"]), _field_name(err["loc"]), problem_words(err))
            for err in exc.errors()
        ]
        raise TemplateError(problems) from None


def load_template(path: Path) -> AgendaTemplate:
    """Read and validate one template file (saved with or without a byte-order mark, as Windows
    editors often add one)."""
    try:
        source = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TemplateError(
            [TemplateProblem(str(path), 1, "(file)", f"not UTF-8 text (byte {exc.start}); save it as UTF-8")]
        ) from None
    except OSError as exc:
        raise TemplateError([TemplateProblem(str(path), 1, "(file)", exc.strerror or str(exc))]) from None
    return parse_template(source, str(path))


def templates_dir() -> Path:
    """Where the built-in templates are: inside the wheel, or the source tree's `agendas/`."""
    packaged = Path(str(resources.files("facilitator"))) / "agendas"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "agendas"


def user_templates_dir() -> Path:
    """Where templates saved from a meeting go (Setup, agenda tab): the user's data folder."""
    from facilitator.paths import data_dir

    return data_dir() / "agendas"


def builtin_templates() -> dict[str, Path]:
    """Template names (file stems) mapped to their files, sorted by name: the built-in ones, then
    those saved from meetings (a saved one never hides a built-in one of the same name)."""
    found = {path.stem: path for path in sorted(templates_dir().glob("*.toml"))}
    saved = user_templates_dir()
    if saved.is_dir():
        for path in sorted(saved.glob("*.toml")):
            found.setdefault(path.stem, path)
    return found


def template_of(meeting: Meeting, items: list[AgendaItem]) -> AgendaTemplate:
    """A meeting's agenda (in its order), ground rules and length as a template."""
    return AgendaTemplate(
        title=meeting.title,
        description=f"Saved from {meeting.title} ({meeting.date.isoformat()}).",
        minutes=meeting.length_minutes,
        ground_rules=list(meeting.ground_rules),
        items=[
            TemplateItem(
                title=item.title, kind=item.kind, minutes=item.planned_minutes, prompt=item.prompt,
                speaker_minutes=item.speaker_seconds / 60, dots=item.dot_budget, questions=list(item.questions),
                review=item.review, document=item.document, document_title=item.document_title, part=item.part,
            )
            for item in items if item.approves_meeting_id is None  # a next meeting gets its own approval item
        ],
    )


def write_template(template: AgendaTemplate, path: Path) -> None:
    """Write a template as TOML (tomli-w), what the defaults already say left out; then read it back
    as `templates check` would, and keep the file only if it loads. Raises OSError or TemplateError."""
    import tomli_w

    data = template.model_dump(mode="json", exclude_defaults=True)
    data["items"] = [
        {key: value for key, value in item.items() if value is not None} for item in data.get("items", [])
    ]
    text = tomli_w.dumps(data)
    parse_template(text, str(path))  # what we write must load again
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def find_template(name: str) -> AgendaTemplate:
    """A built-in template by name, or by the start of its name or of a word of it when only one
    fits (`kickoff` for partner-kickoff), or a template file by path."""
    known = builtin_templates()
    if name in known:
        return load_template(known[name])
    candidate = Path(name)
    if candidate.suffix == ".toml" and candidate.exists():
        return load_template(candidate)
    wanted = name.casefold()
    fitting = [key for key in known if any(part.startswith(wanted) for part in (key, *key.split("-")))]
    if len(fitting) == 1:
        return load_template(known[fitting[0]])
    if fitting:
        raise LookupError(f"{name!r} could be {', '.join(fitting)}; type more of the name")
    raise LookupError(f"no template named {name!r}; known: {', '.join(known) or 'none'}")
