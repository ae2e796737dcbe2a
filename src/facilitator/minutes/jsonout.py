"""Minutes as JSON with a versioned, documented schema (`facilitator schema` prints it)."""

from __future__ import annotations

import json
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict

from facilitator.minutes.model import Minutes

SCHEMA_VERSION: Literal[1] = 1


class MinutesDocument(BaseModel):
    """One meeting's minutes as exported by Facilitator."""

    model_config = ConfigDict(use_attribute_docstrings=True, title="Facilitator minutes")

    schema_version: Literal[1] = SCHEMA_VERSION
    """Raised whenever a field changes meaning or is removed; new optional fields do not raise it."""
    minutes: Minutes
    """The meeting: header, attendance, agenda as it ran, captures, decisions, next steps, participation."""


_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def render_json(minutes: Minutes) -> str:
    """The minutes as JSON; text exactly as typed, bidirectional controls written as escapes
    (`\\u202e`: the same data), so that shown as text they cannot reorder the file around them."""
    text = MinutesDocument(minutes=minutes).model_dump_json(indent=2) + "\n"
    return _BIDI.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def json_schema() -> str:
    schema = MinutesDocument.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://facilitator.invalid/schema/minutes-{SCHEMA_VERSION}.json"
    return json.dumps(schema, indent=2) + "\n"
