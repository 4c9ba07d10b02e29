#!/usr/bin/env python3
"""Makes signin-baiyang-2026-12-06.xlsx: a grid worker's sign-in sheet (签到表)
as Excel or WPS keeps one, for `jiazhou award import` (issue 18).

A merged title row, sign-in and sign-out times as Excel date-times, the
duration typed with its unit the way people write it (2小时, 90分钟, 1.5h,
1小时30分, 2:30), the category by its label, a hidden row, a totals row
(合计) and notes under the table. The volunteers are the first of Baiyang's
in ../volunteers.csv; each duration agrees with its sign-in and sign-out.

    pip install openpyxl && python3 seeds/activities/make-signin-xlsx.py
"""
import csv
import datetime as dt
import os

import openpyxl
from openpyxl.styles import Alignment, Font

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "signin-baiyang-2026-12-06.xlsx")
DAY = dt.date(2026, 12, 6)
# (sign-in, minutes, how the duration is written)
SHIFTS = [
    ((8, 30), 120, "2小时"), ((8, 30), 90, "90分钟"), ((8, 0), 90, "1.5h"), ((9, 0), 90, "1小时30分"),
    ((8, 0), 150, "2:30"), ((8, 30), 120, "2 h"), ((9, 0), 60, "60 min"), ((8, 30), 180, "3小时"),
    ((10, 0), 45, "45分钟"), ((8, 30), 150, "2小时30分钟"), ((8, 0), 120, "2小时"), ((9, 30), 90, "1.5小时"),
]


def main():
    with open(os.path.join(HERE, "..", "volunteers.csv"), encoding="utf-8") as f:
        baiyang = [row for row in csv.DictReader(f) if row["scope"].startswith("shizhong/tongjiang/baiyang/")]
    wb = openpyxl.Workbook()
    fixed = dt.datetime(2026, 12, 6, 12, 0)
    wb.properties.created = wb.properties.modified = fixed
    ws = wb.active
    ws.title = "签到表"
    ws.merge_cells("A1:H1")
    ws["A1"] = "白杨社区“清洁家园”环境整治志愿服务签到表（2026年12月6日）"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append(["序号", "志愿者编号", "姓名", "签到时间", "签退时间", "服务时长", "类别", "备注"])
    for cell in ws[2]:
        cell.font = Font(bold=True)
    total = 0
    for number, (volunteer, (start, minutes, written)) in enumerate(zip(baiyang, SHIFTS), start=1):
        signin = dt.datetime.combine(DAY, dt.time(*start))
        signout = signin + dt.timedelta(minutes=minutes)
        ws.append([number, volunteer["volunteer"], volunteer["name"], signin, signout, written, "环境整治", None])
        total += minutes
    for row in ws.iter_rows(min_row=3, max_row=2 + len(SHIFTS), min_col=4, max_col=5):
        for cell in row:
            cell.number_format = "yyyy-mm-dd hh:mm"
    ws.row_dimensions[6].hidden = True
    ws.append(["合计", None, f"{len(SHIFTS)}人", None, None, f"{total // 60}小时{total % 60}分", None, None])
    ws.append([])
    ws.append(["备注：上午清扫小区楼道和绿化带，雨天改在社区活动室整理物资。"])
    ws.append(["制表人：白杨社区网格员"])
    for column, width in zip("ABCDEFGH", [6, 12, 10, 18, 18, 12, 10, 16]):
        ws.column_dimensions[column].width = width
    wb.save(OUT)


if __name__ == "__main__":
    main()
