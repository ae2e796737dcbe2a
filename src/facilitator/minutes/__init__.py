"""Minutes: one model built from the store, and renderers that are pure functions of it."""

from facilitator.minutes.markdown import md_escape, render_markdown
from facilitator.minutes.model import Minutes, build_minutes

FORMATS = ("md", "html", "docx", "json", "pdf")


def render(minutes: Minutes, fmt: str) -> str | bytes:
    """The minutes in one of `FORMATS`; DOCX and PDF are bytes, the rest text. Heavy renderers load on demand."""
    if fmt == "md":
        return render_markdown(minutes)
    if fmt == "html":
        from facilitator.minutes.html import render_html

        return render_html(minutes)
    if fmt == "docx":
        from facilitator.minutes.docx import render_docx

        return render_docx(minutes)
    if fmt == "pdf":
        from facilitator.minutes.pdf import render_pdf

        return render_pdf(minutes)
    if fmt == "json":
        from facilitator.minutes.jsonout import render_json

        return render_json(minutes)
    raise ValueError(f"unknown minutes format {fmt!r}; use one of {', '.join(FORMATS)}")


__all__ = ["FORMATS", "Minutes", "build_minutes", "md_escape", "render", "render_markdown"]
