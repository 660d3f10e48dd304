#!/usr/bin/env python3
"""Opens the exports the way their readers do, for crates/engine/tests/exports.rs and the e2e tests.

    open-exports.py docx FILE.docx   python-docx: paragraphs (style, text), tables (cells),
                                     and any Word fields in the document (there must be none)
    open-exports.py qdc FILE.qdc XSD lxml: valid against the REFI-QDA schema?, its codes and sets

Prints JSON. Needs python-docx and lxml (scripts/setup.sh test installs them).
"""
import json
import sys
import zipfile


def docx(path):
    try:
        import docx as python_docx
    except ImportError:
        sys.exit("python-docx is missing: run scripts/setup.sh test (pip install python-docx)")
    doc = python_docx.Document(path)
    paragraphs = [[p.style.name if p.style is not None else None, p.text] for p in doc.paragraphs]
    tables = [[[cell.text for cell in row.cells] for row in t.rows] for t in doc.tables]
    # Fields are w:fldSimple or w:instrText (with w:fldChar); report text must never make one.
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    fields = xml.count("<w:fldSimple") + xml.count("<w:instrText") + xml.count("<w:fldChar")
    section = doc.sections[0]
    return {
        "paragraphs": paragraphs,
        "tables": tables,
        "fields": fields,
        "page_mm": [round(section.page_width.mm), round(section.page_height.mm)],
    }


def qdc(path, xsd):
    try:
        from lxml import etree
    except ImportError:
        sys.exit("lxml is missing: run scripts/setup.sh test (pip install lxml)")
    schema = etree.XMLSchema(etree.parse(xsd))
    tree = etree.parse(path)
    valid = schema.validate(tree)
    ns = {"q": "urn:QDA-XML:codebook:1.0"}
    codes = []

    def walk(element, depth):
        for code in element.findall("q:Code", ns):
            description = code.find("q:Description", ns)
            codes.append({
                "name": code.get("name"),
                "guid": code.get("guid"),
                "codable": code.get("isCodable"),
                "depth": depth,
                "description": description.text if description is not None else None,
            })
            walk(code, depth + 1)

    walk(tree.getroot().find("q:Codes", ns), 0)
    sets = [
        {"name": s.get("name"), "members": [m.get("guid") for m in s.findall("q:MemberCode", ns)]}
        for s in tree.getroot().findall("q:Sets/q:Set", ns)
    ]
    return {
        "valid": valid,
        "errors": [str(e) for e in schema.error_log],
        "root": tree.getroot().tag,
        "codes": codes,
        "sets": sets,
    }


if __name__ == "__main__":
    kind = sys.argv[1] if len(sys.argv) > 1 else ""
    if kind == "docx" and len(sys.argv) == 3:
        print(json.dumps(docx(sys.argv[2])))
    elif kind == "qdc" and len(sys.argv) == 4:
        print(json.dumps(qdc(sys.argv[2], sys.argv[3])))
    else:
        sys.exit(__doc__)
