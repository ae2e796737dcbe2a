"""The series report: a coalition's meetings taken together (attendance, sectors, voices,
follow-through, decisions, evaluations and the parking lot), built once and rendered as
Markdown, HTML or CSV."""

from facilitator.report.build import build_report
from facilitator.report.model import SeriesReport
from facilitator.report.render import FORMATS, render_csv, render_html, render_markdown

__all__ = ["FORMATS", "SeriesReport", "build_report", "render_csv", "render_html", "render_markdown"]
