"""Minutes: one model built from the store, and renderers that are pure functions of it."""

from facilitator.minutes.markdown import md_escape, render_markdown
from facilitator.minutes.model import Minutes, build_minutes

__all__ = ["Minutes", "build_minutes", "md_escape", "render_markdown"]
