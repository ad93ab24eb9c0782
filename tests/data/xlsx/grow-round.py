#!/usr/bin/env python3
"""Grows a round workbook (the one `round download` or GET
/rounds/FY/offline/CODE.xlsx gives) into a big one whose keys repeat, with
the standard library only:

    grow-round.py IN.xlsx OUT.xlsx ROWS [TEXT_BYTES]

appends ROWS rows after the sheet's last one, the k-th a copy of the
(k mod n)-th of its n entry rows (key, version, digest and all), so every
key is given again and again. With TEXT_BYTES each new row's 実績・状況
cell holds that many random letters and digits instead (seeded: the same file every
run), which compress poorly: 20,000 rows of 530 make an 8 MB workbook.
The upload must refuse every appended row as a key given twice."""
import base64
import copy
import random
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
Q = '{%s}' % MAIN
SHEET = 'xl/worksheets/sheet1.xml'


def split_ref(ref):
    m = re.match(r'([A-Z]+)(\d+)$', ref)
    return m.group(1), int(m.group(2))


def main():
    src, dst, rows = sys.argv[1], sys.argv[2], int(sys.argv[3])
    text_bytes = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    ET.register_namespace('', MAIN)
    zin = zipfile.ZipFile(src)
    ws = ET.fromstring(zin.read(SHEET))
    data = ws.find(Q + 'sheetData')
    all_rows = data.findall(Q + 'row')
    # the header names the columns: key (A) and 実績・状況 (its own column)
    head, results_col = None, None
    sst = []
    if 'xl/sharedStrings.xml' in zin.namelist():
        for si in ET.fromstring(zin.read('xl/sharedStrings.xml')).iter(Q + 'si'):
            sst.append(''.join(t.text or '' for t in si.iter(Q + 't')))

    def text(c):
        v = c.find(Q + 'v')
        if c.get('t') == 's' and v is not None:
            return sst[int(v.text)]
        return ''.join(t.text or '' for t in c.iter(Q + 't'))

    for r in all_rows:
        for c in r.findall(Q + 'c'):
            if text(c) == 'key':
                head = int(r.get('r'))
            if text(c).startswith('実績・状況'):
                results_col = split_ref(c.get('r'))[0]
        if head:
            break
    entries = [r for r in all_rows if int(r.get('r')) > head and
               any(split_ref(c.get('r'))[0] == 'A' for c in r.findall(Q + 'c'))]
    if not entries:
        raise SystemExit('grow-round.py: no entry rows in ' + src)
    rng = random.Random(14)
    last = int(all_rows[-1].get('r'))
    for k in range(rows):
        n = last + 1 + k
        row = copy.deepcopy(entries[k % len(entries)])
        row.set('r', str(n))
        for c in row.findall(Q + 'c'):
            c.set('r', '%s%d' % (split_ref(c.get('r'))[0], n))
        if text_bytes:
            cells = row.findall(Q + 'c')
            key = lambda col: (len(col), col)
            c = next((c for c in cells if split_ref(c.get('r'))[0] == results_col), None)
            if c is None:
                c = ET.Element(Q + 'c', {'r': '%s%d' % (results_col, n)})
                row.insert(len([x for x in cells if key(split_ref(x.get('r'))[0]) <
                                key(results_col)]), c)
            for child in list(c):
                c.remove(child)
            c.set('t', 'inlineStr')
            t = ET.SubElement(ET.SubElement(c, Q + 'is'), Q + 't')
            t.text = base64.b64encode(rng.randbytes(text_bytes)).decode()[:text_bytes]
        data.append(row)
    dim = ws.find(Q + 'dimension')
    if dim is not None:
        dim.set('ref', re.sub(r'\d+$', str(last + rows), dim.get('ref')))
    with zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            if item.filename == SHEET:
                zout.writestr(item.filename, ET.tostring(ws, xml_declaration=True,
                                                         encoding='UTF-8'),
                              zipfile.ZIP_DEFLATED)
            else:
                zout.writestr(item, zin.read(item.filename))


if __name__ == '__main__':
    main()
