"""The document model as a Word file a person can keep editing.

Real heading styles (so Word's navigation and table of contents work), a
table-of-contents field that Word and LibreOffice fill in, tables with a
repeated header row and a caption, charts as PNG pictures, and the source
under every table.
"""

from __future__ import annotations

import io

from django.utils import translation

from samordna import charts
from samordna.reports.document import CHARTS, Document, Paragraph, Section, Table


def render(document: Document) -> bytes:
    """The document as Word, in the document's language (its charts' words and numbers)."""
    with translation.override(document.language):
        return _render(document)


def _render(document: Document) -> bytes:
    from docx import Document as Word
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    word = Word()
    core = word.core_properties
    core.title = f"{document.title} – {document.subtitle}"
    core.language = "sv-SE"
    word.add_heading(document.title, level=0)
    word.add_paragraph(document.subtitle)
    for key, value in document.meta:
        paragraph = word.add_paragraph()
        paragraph.add_run(f"{key}: ").bold = True
        paragraph.add_run(value)
    word.add_heading("Innehåll", level=1)
    toc = word.add_paragraph()
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), 'TOC \\o "1-3" \\h \\z \\u')
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "Högerklicka och välj Uppdatera fält för att visa innehållsförteckningen."
    run.append(text)
    field.append(run)
    toc._p.append(field)

    def add_section(section: Section, level: int) -> None:
        word.add_heading(section.title, level=min(level, 9))
        for block in section.blocks:
            if isinstance(block, Paragraph):
                style = {"bullet": "List Bullet"}.get(block.style)
                paragraph = word.add_paragraph(block.text, style=style)
                if block.links:
                    sources = ", ".join(label for label, _url in block.links)
                    paragraph.add_run(f" (källor: {sources})").font.size = Pt(8)
                if block.style == "subheading":
                    for run_ in paragraph.runs:
                        run_.bold = True
                if block.style == "lead":
                    for run_ in paragraph.runs:
                        run_.italic = True
            elif isinstance(block, Table):
                add_table(block)
            elif isinstance(block, CHARTS):
                caption = word.add_paragraph(block.title, style="Caption")
                caption.alignment = WD_ALIGN_PARAGRAPH.LEFT
                figure = charts.figure_of(block)
                picture = charts.draw.png(figure)
                word.add_picture(io.BytesIO(picture), width=Cm(16))
                word.paragraphs[-1].runs[-1]._r.xpath("./w:drawing//wp:docPr")[0].set(
                    "descr", f"{figure.title}: {figure.description}"
                )
                if block.source:
                    source(block.source)
        for child in section.sections:
            add_section(child, level + 1)

    def source(text_: str) -> None:
        paragraph = word.add_paragraph()
        run_ = paragraph.add_run(text_)
        run_.font.size = Pt(8)
        run_.italic = True

    def add_table(table: Table) -> None:
        word.add_paragraph(table.caption, style="Caption")
        grid = word.add_table(rows=1, cols=len(table.columns))
        grid.style = "Table Grid"
        header = grid.rows[0]
        properties = header._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        properties.append(repeat)
        for cell, title in zip(header.cells, table.columns, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(title).bold = True
        if table.groups:  # a row of column groups above, each merged over its columns
            over = grid.rows[0]
            grid.add_row()
            properties = grid.rows[1]._tr.get_or_add_trPr()
            repeat = OxmlElement("w:tblHeader")
            repeat.set(qn("w:val"), "true")
            properties.append(repeat)
            for cell, title in zip(grid.rows[1].cells, table.columns, strict=True):
                cell.paragraphs[0].add_run(title).bold = True
            start = 1
            for cell in over.cells:
                cell.text = ""
            corner = over.cells[0].merge(grid.rows[1].cells[0])
            corner.text = ""
            corner.paragraphs[0].add_run(table.columns[0]).bold = True
            for label, span in table.groups:
                merged = over.cells[start].merge(over.cells[start + span - 1])
                merged.text = ""
                merged.paragraphs[0].add_run(label).bold = True
                start += span
        grid.autofit = True
        for row in table.rows:
            cells = grid.add_row().cells
            for index, value in enumerate(row):
                paragraph = cells[index].paragraphs[0]
                paragraph.add_run(value.text).bold = index == 0
                if value.marker:
                    paragraph.add_run(value.marker).bold = True
                if value.numeric:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for row_ in grid.rows:  # small enough that a figure never wraps inside its cell
            for cell in row_.cells:
                for run_ in cell.paragraphs[0].runs:
                    run_.font.size = Pt(8.5 if len(table.columns) > 6 else 10)
        for note in table.notes:
            source(note)
        if table.source:
            source(table.source)

    for section in document.sections:
        add_section(section, 1)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()
