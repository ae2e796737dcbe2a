"""Minutes as a Word document with real headings, tables and lists, editable in Word and
LibreOffice: the outline laid out. The file is the same bytes for the same minutes (its parts
carry the minutes' own time, not the moment it was written), so approved minutes export alike."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from docx import Document
from docx.document import Document as DocumentObject
from docx.shared import Pt
from docx.text.paragraph import Paragraph as DocxParagraph

from facilitator.minutes.model import Minutes
from facilitator.minutes.outline import (
    Airtime,
    Bullets,
    Decision,
    Facts,
    Heading,
    Line,
    Outline,
    Paragraph,
    Span,
    Table,
    Timeline,
    outline,
)
from facilitator.text import clean, isolate


def _text(value: str) -> str:
    return isolate(clean(value))


def _runs(paragraph: DocxParagraph, line: Line) -> None:
    for span in line:
        run = paragraph.add_run(_text(span.text))
        if span.style in ("bold", "flag"):
            run.bold = True
        elif span.style == "italic":
            run.italic = True


def _bullets(doc: DocumentObject, lines: list[Line], style_id: str) -> None:
    # Looking a style up by name costs python-docx ~1.7 ms a paragraph (4.5 s for a big
    # meeting); setting the style id on the paragraph's XML directly costs almost nothing.
    for line in lines:
        paragraph = doc.add_paragraph()
        paragraph._p.style = style_id
        _runs(paragraph, line)


def _table(doc: DocumentObject, table: Table) -> None:
    grid = doc.add_table(rows=1, cols=len(table.head))
    grid.style = "Table Grid"
    for cell, title in zip(grid.rows[0].cells, table.head, strict=True):
        cell.paragraphs[0].add_run(_text(title)).bold = True
    for row in table.rows:
        for cell, line in zip(grid.add_row().cells, row, strict=True):
            _runs(cell.paragraphs[0], line)


def render_outline(doc: Outline) -> bytes:
    """The outline as DOCX bytes, its parts dated as the outline is."""
    when = doc.dated
    document = Document()
    document.styles["Normal"].font.size = Pt(11)
    bullet = document.styles["List Bullet"].style_id
    if when is not None:
        document.core_properties.created = document.core_properties.modified = when.replace(tzinfo=None)
    for block in doc.blocks:
        if isinstance(block, Heading):
            document.add_heading(_text(block.text), level=block.level - 1)
        elif isinstance(block, Facts):
            for label, value in block.rows:
                document.add_paragraph(_text(f"{label}: {value}"))
        elif isinstance(block, Paragraph):
            paragraph = document.add_paragraph()
            _runs(paragraph, block.line)
            if block.muted:
                for run in paragraph.runs:
                    run.italic = True
        elif isinstance(block, Bullets):
            _bullets(document, block.items, bullet)
        elif isinstance(block, Table):
            _table(document, block)
        elif isinstance(block, Decision):
            _runs(document.add_paragraph(), block.head)
            _bullets(document, [[Span(fact)] for fact in block.facts], bullet)
        else:
            assert isinstance(block, Timeline | Airtime)  # pictures: the tables beside them give the same figures
    buffer = io.BytesIO()
    document.save(buffer)
    return _steady(buffer.getvalue(), when)


def _steady(data: bytes, when: datetime | None) -> bytes:
    """The same zip, each part dated `when` (or 1980-01-01) instead of the moment it was written."""
    stamp = (when.timetuple()[:6] if when is not None and when.year >= 1980 else (1980, 1, 1, 0, 0, 0))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            copy = zipfile.ZipInfo(info.filename, date_time=stamp)
            copy.compress_type = zipfile.ZIP_DEFLATED
            copy.external_attr = info.external_attr
            target.writestr(copy, source.read(info.filename))
    return out.getvalue()


def render_docx(minutes: Minutes) -> bytes:
    """The minutes as a Word document."""
    return render_outline(outline(minutes))
