#!/usr/bin/env python3
"""Makes the .xlsx fixtures of Tests/JiazhouSheetsTests/Fixtures (issue 18).

Sheets made by tools nobody here wrote: openpyxl (PyPI) writes most of them,
LibreOffice headless (Debian's libreoffice-calc) converts some, and a few are
put together with zipfile where a case is about the archive or the XML itself.
The fixtures are committed; run this again only to change them:

    pip install openpyxl && apt-get install -y libreoffice-calc
    python3 scripts/make-sheet-fixtures.py
"""
import datetime as dt
import os
import shutil
import subprocess
import tempfile
import zipfile

import openpyxl
from openpyxl.styles import Alignment, Font
from openpyxl.utils.datetime import CALENDAR_MAC_1904

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "JiazhouSheetsTests", "Fixtures")
FIXED = dt.datetime(2026, 11, 23, 12, 0, 0)  # every archive member's time, so that a rerun writes the same bytes


def signin_sheet(path):
    """A grid worker's sign-in sheet: a merged title, sign-in and sign-out
    times, durations with units, a hidden row, a totals row, notes under it."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "签到表"
    ws.merge_cells("A1:G1")
    ws["A1"] = "白杨社区环境整治志愿服务签到表"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append(["序号", "志愿者编号", "姓名", "签到时间", "签退时间", "服务时长", "备注"])
    day = dt.date(2026, 11, 23)
    rows = [
        ("V000007", "邓一", dt.time(8, 30), dt.time(10, 30), "2小时", ""),
        ("V000013", "谢二", dt.time(8, 30), dt.time(10, 0), "90分钟", "迟到"),
        ("V000023", "张三", dt.datetime(2026, 11, 23, 8, 0), dt.datetime(2026, 11, 23, 9, 30), "1.5h", None),
        ("V000025", "汤四", dt.time(9, 0), dt.time(10, 30), "1小时30分", None),
        ("V000031", "李五", dt.time(8, 0), dt.time(10, 30), "2:30", None),
    ]
    for number, (volunteer, name, signin, signout, duration, note) in enumerate(rows, start=1):
        if isinstance(signin, dt.time):
            signin, signout = dt.datetime.combine(day, signin), dt.datetime.combine(day, signout)
        ws.append([number, volunteer, name, signin, signout, duration, note])
    for row in ws.iter_rows(min_row=3, min_col=4, max_col=5):
        for cell in row:
            cell.number_format = "yyyy-mm-dd hh:mm"
    ws.row_dimensions[5].hidden = True  # hidden rows are read like any other
    ws.append(["合计", None, None, None, None, "9小时", None])
    ws.append([])
    ws.append(["备注：雨天改在社区活动室"])
    ws.append(["制表人：王五"])
    ws["H2"].font = Font(bold=True)  # a styled empty cell past the last column
    wb.save(path)


def kinds_sheet(path):
    """Numbers, booleans, a date typed as text, a formula without a cached
    value (openpyxl writes formulas and never calculates them), a second
    worksheet to choose by name."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "名单"
    ws.append(["志愿者编号", "时长(分钟)", "开始时间", "已核对"])
    ws.append(["V000101", 90, "2026/11/23 8:30", True])
    ws.append(["V000102", 60.0, dt.datetime(2026, 11, 23, 14, 0), False])
    ws.append(["V000103", "=60+30", "2026-11-24 09:00", True])
    ws["C3"].number_format = "yyyy/m/d h:mm"
    other = wb.create_sheet("第二周")
    other.append(["志愿者编号", "时长(小时)"])
    other.append(["V000201", 1.5])
    wb.save(path)


def date1904_sheet(path):
    wb = openpyxl.Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.append(["志愿者编号", "分钟", "开始时间"])
    ws.append(["V000301", 45, dt.datetime(2026, 11, 23, 8, 30)])
    ws["C2"].number_format = "yyyy-mm-dd hh:mm"
    wb.save(path)


def write_zip(path, parts, compression=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=FIXED.timetuple()[:6])
            info.compress_type = compression
            archive.writestr(info, data)


CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:sheets><x:sheet name="Sheet1" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>"""
WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/></Relationships>"""


def sheet_xml(rows):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>'
            + rows + "</x:sheetData></x:worksheet>")


def handmade_sheets():
    """Forms that openpyxl does not write: a prefixed namespace, an absolute
    target, inline strings with runs, formula strings with cached values,
    errors, ISO dates (t="d"), cells without references."""
    rows = (
        '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>volunteer</x:t></x:is></x:c>'
        '<x:c r="B1" t="inlineStr"><x:is><x:r><x:t>min</x:t></x:r><x:r><x:t>utes</x:t></x:r></x:is></x:c>'
        '<x:c r="C1" t="inlineStr"><x:is><x:t>start</x:t></x:is></x:c><x:c r="D1" t="inlineStr"><x:is><x:t>remark</x:t></x:is></x:c></x:row>'
        '<x:row r="2"><x:c t="str"><x:f>"V0004"&amp;"01"</x:f><x:v>V000401</x:v></x:c><x:c><x:f>60+30</x:f><x:v>90</x:v></x:c>'
        '<x:c t="d"><x:v>2026-11-23T08:30:00</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c></x:row>'
        '<x:row r="4"><x:c r="A4" t="inlineStr"><x:is><x:t>V000402</x:t></x:is></x:c><x:c r="B4"><x:v>4.5E1</x:v></x:c></x:row>'
    )
    base = {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": RELS, "xl/workbook.xml": WORKBOOK,
            "xl/_rels/workbook.xml.rels": WORKBOOK_RELS}
    write_zip(os.path.join(OUT, "handmade.xlsx"), {**base, "xl/worksheets/sheet1.xml": sheet_xml(rows)})
    # 24 MiB of spaces in one part: about 24 KiB deflated, a ratio of 1000.
    bomb = sheet_xml("") .replace("<x:sheetData>", "<x:sheetData>" + " " * (24 * 1024 * 1024))
    write_zip(os.path.join(OUT, "zip-bomb.xlsx"), {**base, "xl/worksheets/sheet1.xml": bomb})
    # A document type declaration with entities: the billion laughs, refused unread.
    laughs = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
              '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1">'
              '<x:c t="inlineStr"><x:is><x:t>&b;</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>')
    write_zip(os.path.join(OUT, "entities.xlsx"), {**base, "xl/worksheets/sheet1.xml": laughs})
    write_zip(os.path.join(OUT, "not-a-workbook.xlsx"), {"readme.txt": "a ZIP archive, but no workbook"})


def libreoffice_copies(sources):
    """The same sheets saved again by LibreOffice: its own shared strings,
    styles and number formats, and formulas calculated with cached values."""
    with tempfile.TemporaryDirectory() as work:
        for name in sources:
            subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{work}/profile", "--convert-to",
                            "xlsx:Calc MS Excel 2007 XML", "--outdir", work, os.path.join(OUT, name)], check=True,
                           stdout=subprocess.DEVNULL)
            shutil.copy(os.path.join(work, name), os.path.join(OUT, name.replace(".xlsx", "-libreoffice.xlsx")))


def libreoffice_csv(name):
    """LibreOffice's CSV of an .xlsx that our writer made (report.xlsx, written
    by `JIAZHOU_WRITE_FIXTURES=1 swift test --filter SheetTableTests`): that
    it opens at all, and what it reads, is the test of the writer."""
    with tempfile.TemporaryDirectory() as work:
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{work}/profile", "--convert-to",
                        "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", work, os.path.join(OUT, name)], check=True,
                       stdout=subprocess.DEVNULL)
        shutil.copy(os.path.join(work, name.replace(".xlsx", ".csv")), os.path.join(OUT, name.replace(".xlsx", "-libreoffice.csv")))


def main():
    os.makedirs(OUT, exist_ok=True)
    signin_sheet(os.path.join(OUT, "signin.xlsx"))
    kinds_sheet(os.path.join(OUT, "kinds.xlsx"))
    date1904_sheet(os.path.join(OUT, "date1904.xlsx"))
    handmade_sheets()
    libreoffice_copies(["signin.xlsx", "kinds.xlsx"])
    if os.path.exists(os.path.join(OUT, "report.xlsx")):
        libreoffice_csv("report.xlsx")


if __name__ == "__main__":
    main()
