#!/usr/bin/env python3
"""Builds the PDF and DOCX fixtures in tests/fixtures/formats/ from the text fixtures.

    pip install python-docx          # 1.2.0
    apt-get install libreoffice-writer-nogui fonts-crosextra-carlito
    python3 tests/make-format-fixtures.py

Each report becomes a Word document made the way people make them (python-docx: Heading
styles, List Bullet items, a running header, a "Page N of M" footer, a table, a
two-column section, curly quotes), and LibreOffice (headless) prints it to PDF. The
seed letter keeps the page break that splits "Changes in / culture" in the original.
The DOCX of the seed letter also carries a tracked deletion and insertion (w:del /
w:ins), which the PDF does not (LibreOffice would print the deletion struck through).

The generated files are committed; the tests never run this script.
"""

import copy
import os
import re
import shutil
import subprocess
import sys
import tempfile

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

ROOT = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(ROOT, "fixtures", "formats")


def plain(s):
    """Markdown inline -> text; straight quotes -> curly ones, as Word types them."""
    s = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", s)
    s = s.replace("**", "").replace("__", "")
    s = re.sub(r"(\w)'(\w)", "\\1\u2019\\2", s)  # children's -> children’s
    s = re.sub(r"(\w)'", "\\1\u2019", s)
    s = re.sub(r"'(\w)", "\u2018\\1", s)
    s = re.sub(r'"(\w)', "\u201c\\1", s)
    s = s.replace('"', "\u201d")
    return s.strip()


def is_heading(line):
    words = line.split()
    if line.startswith(("Dear", "Yours")) or any(c.isdigit() for c in line):
        return False
    return line.endswith("?") or (len(words) <= 8 and not line.endswith((".", ",")))


def blocks(text):
    """(kind, text) per block: heading, bullet, para, stack (address lines), break."""
    out = []
    para = []

    grade = re.compile(r"^(.+?):\s*(Outstanding|Good|Requires improvement|Inadequate)\s*$")

    def flush():
        if not para:
            return
        lines = [plain(l) for l in para]
        if len(lines) >= 2 and all(grade.match(l) for l in lines):
            out.append(("table", [grade.match(l).groups() for l in lines]))
        elif len(lines) >= 2 and (
            any(l.endswith("  ") for l in para) or sum(map(len, lines)) / len(lines) < 60
        ):
            out.append(("stack", "\n".join(lines)))
        elif len(lines) == 1 and is_heading(lines[0]):
            out.append(("heading", lines[0]))
        else:
            out.append(("para", " ".join(lines)))
        para.clear()

    for raw in text.splitlines():
        line = raw.rstrip("\n")
        s = line.strip()
        if not s:
            flush()
            continue
        m = re.match(r"^(#{1,6})\s+(.*)$", s)
        if m:
            flush()
            out.append(("heading", plain(m.group(2))))
            continue
        if s.startswith("- "):
            flush()
            out.append(("bullet", plain(s[2:])))
            continue
        para.append(line)
    flush()
    return out


def field(paragraph, instr):
    """A Word field (PAGE, NUMPAGES) as w:fldSimple."""
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instr)
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    run.append(t)
    fld.append(run)
    paragraph._p.append(fld)


def columns(section, n):
    cols = section._sectPr.find(qn("w:cols"))
    if cols is None:
        cols = OxmlElement("w:cols")
        section._sectPr.append(cols)
    cols.set(qn("w:num"), str(n))
    cols.set(qn("w:space"), "567")  # 1 cm gutter


def tracked_change(paragraph):
    """Appends a tracked deletion and insertion to a paragraph (Word's w:del / w:ins)."""
    for tag, text, ttag in (("w:del", " DELETEDWORDS", "w:delText"), ("w:ins", " Inserted words.", "w:t")):
        change = OxmlElement(tag)
        change.set(qn("w:id"), "9" if tag == "w:del" else "10")
        change.set(qn("w:author"), "Inspector")
        change.set(qn("w:date"), "2021-06-18T09:00:00Z")
        run = OxmlElement("w:r")
        t = OxmlElement(ttag)
        t.set(qn("xml:space"), "preserve")
        t.text = text
        run.append(t)
        change.append(run)
        paragraph._p.append(change)


def build(src, header, two_column_after, page_break_at=None, table=None, track=False):
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Carlito"
    style.font.size = Pt(11)
    section = doc.sections[0]
    hp = section.header.paragraphs[0]
    hp.text = header
    fp = section.footer.paragraphs[0]
    fp.add_run("Page ")
    field(fp, "PAGE")
    fp.add_run(" of ")
    field(fp, "NUMPAGES")

    items = blocks(open(src, encoding="utf-8").read())
    bullets_seen = 0
    in_columns = False
    tracked = False
    for kind, text in items:
        if kind == "heading":
            if in_columns:
                doc.add_section(WD_SECTION.CONTINUOUS)
                columns(doc.sections[-1], 1)
                in_columns = False
            doc.add_heading(text, level=2)
            if table and text.lower().startswith(table[0].lower()):
                t = doc.add_table(rows=0, cols=2)
                t.style = "Table Grid"
                for area, grade in table[1]:
                    cells = t.add_row().cells
                    cells[0].text = area
                    cells[1].text = grade
            continue
        if kind == "bullet":
            bullets_seen += 1
            if bullets_seen == two_column_after and not in_columns:
                doc.add_section(WD_SECTION.CONTINUOUS)
                columns(doc.sections[-1], 2)
                in_columns = True
            if in_columns and bullets_seen >= two_column_after + 6:
                doc.add_section(WD_SECTION.CONTINUOUS)
                columns(doc.sections[-1], 1)
                in_columns = False
            if page_break_at and text.endswith(page_break_at):
                p = doc.add_paragraph(text, style="List Bullet")
                p.add_run().add_break(WD_BREAK.PAGE)
                continue
            doc.add_paragraph(text, style="List Bullet")
            continue
        if kind == "table":
            t = doc.add_table(rows=0, cols=2)
            t.style = "Table Grid"
            for area, grade in text:
                cells = t.add_row().cells
                cells[0].text = area
                cells[1].text = grade
            continue
        if kind == "stack":
            p = doc.add_paragraph()
            lines = text.split("\n")
            for i, line in enumerate(lines):
                r = p.add_run(line)
                if i + 1 < len(lines):
                    r.add_break()
            continue
        p = doc.add_paragraph(text)
        if track and not tracked and len(text) > 200:
            tracked_change(p)
            tracked = True
    return doc


def convert(docx_path, pdf_dir):
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", pdf_dir, docx_path],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def main():
    if not shutil.which("soffice"):
        sys.exit("needs LibreOffice: apt-get install libreoffice-writer-nogui")
    os.makedirs(OUT, exist_ok=True)
    jobs = [
        (
            "luton-before",
            os.path.join(ROOT, "fixtures", "luton-2021-2023", "before.txt"),
            "Ofsted focused visit \u2013 Luton Borough Council \u2013 June 2021",
            8,
            "Changes in",
            None,
        ),
        (
            "school-before",
            os.path.join(ROOT, "fixtures", "school-2019-2023", "before.txt"),
            "School inspection report \u2013 2019",
            99,
            None,
            None,
        ),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        for name, src, header, two_col, page_break, table in jobs:
            # The PDF is printed from a copy without tracked changes.
            clean = build(src, header, two_col, page_break, table, track=False)
            clean_path = os.path.join(tmp, name + ".docx")
            clean.save(clean_path)
            convert(clean_path, tmp)
            shutil.copy(os.path.join(tmp, name + ".pdf"), os.path.join(OUT, name + ".pdf"))
            build(src, header, two_col, page_break, table, track=True).save(os.path.join(OUT, name + ".docx"))
    for f in sorted(os.listdir(OUT)):
        print(f, os.path.getsize(os.path.join(OUT, f)))


if __name__ == "__main__":
    main()
