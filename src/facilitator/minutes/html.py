"""Minutes as one self-contained HTML page: inline CSS, inline SVG pictures, no requests.

The outline laid out. Every text goes through `text()`, which escapes HTML, replaces what no
document should carry (control characters, lone surrogates) and isolates bidirectional
controls, so no element can come from content and nothing typed reorders the text around it.
"""

from __future__ import annotations

import html

from facilitator.minutes.model import Minutes
from facilitator.minutes.outline import (
    Bullets,
    Decision,
    Facts,
    Heading,
    Line,
    Outline,
    Paragraph,
    Table,
    Timeline,
    outline,
)
from facilitator.text import clean, isolate

CSS = """
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1b1b; margin: 0; }
main { max-width: 860px; margin: 0 auto; padding: 24px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 28px 0 8px; border-bottom: 2px solid #d8dde6; padding-bottom: 2px; }
h3 { font-size: 16px; margin: 18px 0 4px; }
.facts { color: #444; margin: 0 0 8px; }
.meta { color: #555; font-style: italic; margin: 0 0 6px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; }
th, td { border: 1px solid #c9d0da; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #eef1f5; }
.flag { font-weight: bold; }
.decision { border-left: 4px solid #2f6f4e; padding: 2px 10px; margin: 8px 0; }
figure { margin: 8px 0 12px; }
figcaption { color: #555; font-size: 13px; }
svg text { font: 12px system-ui, sans-serif; fill: #1b1b1b; }
@media print { main { padding: 0; } h2 { break-after: avoid; } figure, table, .decision { break-inside: avoid; } }
"""


def text(value: str | None) -> str:
    """Typed text made literal for HTML."""
    return html.escape(isolate(clean(value or "")), quote=True)


def lines(value: str | None) -> str:
    """Typed text in the body, where a line break typed or pasted into a note stays one (a browser
    would run the lines together); not in titles or the charts' labels, which are one line."""
    return text(value).replace("\n", "<br>")


def _spans(line: Line) -> str:
    out = []
    for span in line:
        escaped = lines(span.text)
        if span.style == "bold":
            out.append(f"<strong>{escaped}</strong>")
        elif span.style == "italic":
            out.append(f"<em>{escaped}</em>")
        elif span.style == "flag":
            out.append(f'<span class="flag">{escaped}</span>')
        else:
            out.append(escaped)
    return "".join(out)


def _list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>" if items else ""


def timeline_svg(rows: list[tuple[str, float, float, str]]) -> str:
    """Planned and actual minutes per item as paired bars, each labelled with its number."""
    longest = max([1.0] + [max(planned, ran) for _, planned, ran, _ in rows])
    label_w, bar_w, row_h = 230, 470, 34
    height = 24 + row_h * len(rows)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{label_w + bar_w + 90}" height="{height}" '
        f'viewBox="0 0 {label_w + bar_w + 90} {height}"><title>Planned and actual minutes per agenda item</title>',
        f'<text x="{label_w}" y="14">light bar: planned · dark bar: actual (minutes)</text>',
    ]
    for row, (name, planned, ran, said) in enumerate(rows):
        y = 24 + row * row_h
        short = name if len(name) <= 34 else name[:33] + "…"
        parts.append(f'<text x="0" y="{y + 17}">{text(short)}</text>')
        for offset, value, fill, shown in ((0, planned, "#b9c7dc", f"planned {planned:g}"), (14, ran, "#2b4f81", said)):
            width = max(1.0, bar_w * value / longest) if value else 0
            parts.append(f'<rect x="{label_w}" y="{y + offset}" width="{width:.1f}" height="11" fill="{fill}"/>')
            parts.append(f'<text x="{label_w + width + 6:.1f}" y="{y + offset + 10}">{text(shown)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def airtime_svg(rows: list[tuple[str, float, int]], title: str) -> str:
    """Horizontal bars of speaking minutes, each with its name and figure written out."""
    longest = max([0.1] + [minutes for _, minutes, _ in rows])
    label_w, bar_w, row_h = 230, 430, 20
    height = 8 + row_h * len(rows)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{label_w + bar_w + 110}" height="{height}" '
        f'viewBox="0 0 {label_w + bar_w + 110} {height}"><title>{text(title)}</title>'
    ]
    for row, (name, minutes, turns) in enumerate(rows):
        y = 4 + row * row_h
        short = name if len(name) <= 34 else name[:33] + "…"
        width = max(1.0, bar_w * minutes / longest)
        parts.append(f'<text x="0" y="{y + 12}">{text(short)}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 2}" width="{width:.1f}" height="12" fill="#2f6f4e"/>')
        figure = f'{minutes:g} min, {turns} turn{"" if turns == 1 else "s"}'
        parts.append(f'<text x="{label_w + width + 6:.1f}" y="{y + 12}">{figure}</text>')
    parts.append("</svg>")
    return "".join(parts)


def render_outline(doc: Outline) -> str:
    out = [
        '<!doctype html><html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{text(doc.title)} — minutes</title><style>{CSS}</style></head><body><main>",
    ]
    for block in doc.blocks:
        if isinstance(block, Heading):
            out.append(f"<h{block.level}>{text(block.text)}</h{block.level}>")
        elif isinstance(block, Facts):
            out.append('<p class="facts">' + "<br>".join(f"{text(label)}: {text(value)}" for label, value in block.rows) + "</p>")
        elif isinstance(block, Paragraph):
            out.append(f'<p class="meta">{_spans(block.line)}</p>' if block.muted else f"<p>{_spans(block.line)}</p>")
        elif isinstance(block, Bullets):
            out.append(_list([_spans(item) for item in block.items]))
        elif isinstance(block, Table):
            head = "".join(f"<th>{text(h)}</th>" for h in block.head)
            body = "".join("<tr>" + "".join(f"<td>{_spans(cell)}</td>" for cell in row) + "</tr>" for row in block.rows)
            out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
        elif isinstance(block, Decision):
            out.append(f'<div class="decision"><p>{_spans(block.head)}</p>{_list([lines(fact) for fact in block.facts])}</div>')
        elif isinstance(block, Timeline):
            out.append(f"<figure>{timeline_svg(block.rows)}<figcaption>Planned against actual minutes for each item.</figcaption></figure>")
        else:
            out.append(f"<figure>{airtime_svg(block.rows, block.title)}<figcaption>{text(block.title)}.</figcaption></figure>")
    out.append("</main></body></html>\n")
    return "".join(out)


def render_html(minutes: Minutes) -> str:
    """The minutes as one self-contained HTML page."""
    return render_outline(outline(minutes))
