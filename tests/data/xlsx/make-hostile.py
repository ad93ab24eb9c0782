#!/usr/bin/env python3
"""Writes the zip bombs tests/unit/test_xlsx.c reads (python3 make-hostile.py
in this folder): bomb.xlsx, a workbook whose sheet is 16 MiB of white space
deflated to a few KiB and says so in its headers; bomb-lying.xlsx, the same
with both headers claiming the sheet is 100 bytes."""
import struct
import zipfile

WB = ('<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
      '<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
RELS = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
SHEET = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
         + ' ' * (16 << 20) + '<sheetData/></worksheet>')


def write(path):
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr('xl/workbook.xml', WB)
        z.writestr('xl/_rels/workbook.xml.rels', RELS)
        z.writestr('xl/worksheets/sheet1.xml', SHEET)


def lie(path):
    data = bytearray(open(path, 'rb').read())
    name = b'xl/worksheets/sheet1.xml'
    # local header: signature, then the uncompressed size at offset 22
    i = data.find(b'PK\x03\x04')
    while i >= 0:
        if data[i + 30:i + 30 + len(name)] == name:
            struct.pack_into('<I', data, i + 22, 100)
        i = data.find(b'PK\x03\x04', i + 4)
    # central directory: uncompressed size at offset 24
    i = data.find(b'PK\x01\x02')
    while i >= 0:
        if data[i + 46:i + 46 + len(name)] == name:
            struct.pack_into('<I', data, i + 24, 100)
        i = data.find(b'PK\x01\x02', i + 4)
    open(path, 'wb').write(data)


write('bomb.xlsx')
write('bomb-lying.xlsx')
lie('bomb-lying.xlsx')
