#!/usr/bin/env python3
"""Edits cells of a workbook's first sheet as a person would in Excel,
with the standard library only (zipfile, xml.etree): each edit replaces or
adds a cell holding a new shared string, as Excel writes them.

    edit-sheet.py IN.xlsx OUT.xlsx EDITS

EDITS is a file of lines CELL<TAB>TEXT (B7<TAB>line one\\nline two; \\n is
a line break inside the cell, \\\\ a backslash). ElementTree writes its own
namespace prefixes (ns0:c), which the reader must accept like Excel's."""
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
Q = '{%s}' % MAIN


def col_index(ref):
    m = re.match(r'([A-Z]+)(\d+)$', ref)
    c = 0
    for ch in m.group(1):
        c = c * 26 + ord(ch) - 64
    return c, int(m.group(2))


def unescape(s):
    return re.sub(r'\\(.)', lambda m: '\n' if m.group(1) == 'n' else m.group(1), s)


def main():
    src, dst, edits_path = sys.argv[1:4]
    edits = []
    for line in open(edits_path, encoding='utf-8'):
        line = line.rstrip('\n')
        if line:
            ref, text = line.split('\t', 1)
            edits.append((ref, unescape(text)))
    zin = zipfile.ZipFile(src)
    sheet_name = 'xl/worksheets/sheet1.xml'
    sst = ET.fromstring(zin.read('xl/sharedStrings.xml'))
    ws = ET.fromstring(zin.read(sheet_name))
    data = ws.find(Q + 'sheetData')
    for ref, text in edits:
        si = ET.SubElement(sst, Q + 'si')
        t = ET.SubElement(si, Q + 't')
        t.text = text
        if text != text.strip() or '\n' in text:
            t.set('{http://www.w3.org/XML/1998/namespace}space', 'preserve')
        index = len(sst.findall(Q + 'si')) - 1
        col, rowno = col_index(ref)
        row = None
        for r in data.findall(Q + 'row'):
            if int(r.get('r')) == rowno:
                row = r
        if row is None:
            row = ET.Element(Q + 'row', {'r': str(rowno)})
            rows = data.findall(Q + 'row')
            pos = len([r for r in rows if int(r.get('r')) < rowno])
            data.insert(pos, row)
        cell = None
        for c in row.findall(Q + 'c'):
            if c.get('r') == ref:
                cell = c
        if cell is None:
            cell = ET.Element(Q + 'c', {'r': ref})
            cells = row.findall(Q + 'c')
            pos = len([c for c in cells if col_index(c.get('r'))[0] < col])
            row.insert(pos, cell)
        for child in list(cell):
            cell.remove(child)
        cell.set('t', 's')
        ET.SubElement(cell, Q + 'v').text = str(index)
    sst.set('uniqueCount', str(len(sst.findall(Q + 'si'))))
    with zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            if item.filename == sheet_name:
                zout.writestr(item, ET.tostring(ws, xml_declaration=True, encoding='UTF-8'))
            elif item.filename == 'xl/sharedStrings.xml':
                zout.writestr(item, ET.tostring(sst, xml_declaration=True, encoding='UTF-8'))
            else:
                zout.writestr(item, zin.read(item.filename))


main()
