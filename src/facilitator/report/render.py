"""The series report as Markdown, as one self-contained HTML page with inline SVG charts, and as
one CSV file per table. Pure functions of the report; every typed text escaped per format."""

from __future__ import annotations

import csv
import io

from facilitator.minutes.html import CSS, text
from facilitator.minutes.markdown import md_cell, md_escape
from facilitator.minutes.next_steps import cell
from facilitator.report.model import SeriesReport
from facilitator.report.sections import Chart, Table, sections

FORMATS = ("md", "html", "csv")
COLOURS = ("#2b4f81", "#c4622d", "#2f6f4e", "#8a3f8f", "#9a7d0a", "#1f7a8c", "#7a4b2a", "#555555")


def _title(report: SeriesReport) -> str:
    return f"{report.series}: series report"


def _subtitle(report: SeriesReport) -> str:
    held = len(report.held)
    span = "no meeting held yet"
    if held:
        first, last = report.held[0].date.isoformat(), report.held[-1].date.isoformat()
        span = f"on {first}" if first == last else f"{first} to {last}"
    return f"As of {report.as_of.isoformat()}; {held} held meeting{'' if held == 1 else 's'}, {span}."


def render_markdown(report: SeriesReport) -> str:
    out = [f"# {md_escape(_title(report))}", "", md_escape(_subtitle(report)), ""]
    for section in sections(report):
        out += [f"## {section.title}", ""]
        for block in section.blocks:
            if isinstance(block, str):
                out += [md_escape(block), ""]
            elif isinstance(block, Table):
                out += _md_table(block)
    return "\n".join(out).rstrip("\n") + "\n"


def _md_table(table: Table) -> list[str]:
    def row(cells: list[str]) -> str:
        return "| " + " | ".join(md_cell(c) for c in cells) + " |"

    lines = [row(table.head), "|" + "|".join("---" for _ in table.head) + "|", *(row(table.shown(r)) for r in table.rows), ""]
    if table.legend:
        lines += [f"_{md_escape(table.legend)}_", ""]
    return lines


def render_html(report: SeriesReport) -> str:
    out = [
        '<!doctype html><html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{text(_title(report))}</title><style>{CSS}main {{ max-width: 1100px; }}</style>",
        "</head><body><main>",
        f"<h1>{text(_title(report))}</h1>",
        f'<p class="facts">{text(_subtitle(report))}</p>',
    ]
    for section in sections(report):
        out.append(f"<h2>{text(section.title)}</h2>")
        for block in section.blocks:
            if isinstance(block, str):
                out.append(f"<p>{text(block)}</p>")
            elif isinstance(block, Chart):
                out.append(f"<figure>{chart_svg(block)}<figcaption>{text(block.title)}.</figcaption></figure>")
            else:
                head = "".join(f"<th>{text(h)}</th>" for h in block.head)
                body = "".join("<tr>" + "".join(f"<td>{text(c)}</td>" for c in block.shown(row)) + "</tr>" for row in block.rows)
                out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
                if block.legend:
                    out.append(f'<p class="meta">{text(block.legend)}</p>')
    out.append("</main></body></html>\n")
    return "".join(out)


def chart_svg(chart: Chart) -> str:
    """Lines over the meetings (one point each, a gap where a meeting has no value), the value
    axis from 0 to `chart.top` with four grid lines, and a legend naming each line."""
    left, right, top, plot_h, plot_w = 44, 40, 12, 170, 640
    legend_h = 18 * len(chart.lines)
    width, height = left + plot_w + right, top + plot_h + 46 + legend_h
    n = len(chart.labels)
    step = plot_w / max(1, n - 1)

    def x(i: int) -> float:
        return left + (i * step if n > 1 else plot_w / 2)

    def y(value: float) -> float:
        return top + plot_h - plot_h * min(value, chart.top) / chart.top

    def figure(value: float) -> str:
        return f"{value:.0%}" if chart.unit == "%" else f"{value:g}"

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
        f"<title>{text(chart.title)}</title>"
    ]
    for k in range(5):
        value = chart.top * k / 4
        parts.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y(value):.1f}" y2="{y(value):.1f}" stroke="#dde2ea"/>')
        parts.append(f'<text x="{left - 6}" y="{y(value) + 4:.1f}" text-anchor="end">{figure(round(value, 2))}</text>')
    if chart.reference is not None:
        ry = y(chart.reference)
        parts.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{ry:.1f}" y2="{ry:.1f}" stroke="#888" stroke-dasharray="5 4"/>')
    every = max(1, -(-n // 12))  # at most 12 date labels
    for i, label in enumerate(chart.labels):
        if i % every == 0 or i == n - 1:
            parts.append(f'<text x="{x(i):.1f}" y="{top + plot_h + 16}" text-anchor="middle">{text(label)}</text>')
    for index, (name, values) in enumerate(chart.lines):
        colour = COLOURS[index % len(COLOURS)]
        run: list[str] = []
        runs = [run]
        for i, point in enumerate(values):
            if point is None:
                run = []
                runs.append(run)
                continue
            run.append(f"{x(i):.1f},{y(point):.1f}")
            if n <= 40:
                tip = f"<title>{text(name)}: {figure(point)}</title>"
                parts.append(f'<circle cx="{x(i):.1f}" cy="{y(point):.1f}" r="3" fill="{colour}">{tip}</circle>')
        parts += [f'<polyline points="{" ".join(r)}" fill="none" stroke="{colour}" stroke-width="2"/>' for r in runs if len(r) > 1]
        ly = top + plot_h + 36 + 18 * index
        parts.append(f'<rect x="{left}" y="{ly - 9}" width="14" height="4" fill="{colour}"/>')
        parts.append(f'<text x="{left + 20}" y="{ly - 4}">{text(name)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def render_csv(report: SeriesReport) -> dict[str, str]:
    """One CSV per table, by file name: the tables to load into a coalition's assessment tools."""
    files = {}
    for section in sections(report):
        for shown in section.tables:
            table = shown.whole or shown
            out = io.StringIO()
            writer = csv.writer(out)
            writer.writerow(table.head)
            writer.writerows([cell(value) for value in row] for row in table.rows)
            files[f"{table.name}.csv"] = out.getvalue()
    return files
