#!/usr/bin/env python3
"""Generate the sample activity sheets in seeds/activities/.

    python3 seeds/activities/generate.py

Three sheets as coordinators save them from Excel or WPS, made from
../volunteers.csv and ../world.json with the standard library and one fixed
seed, so every run rewrites them byte for byte, with expected.json (what the
sheet reader must find in each) and README.md (what each sheet is, and which
rows of the faulty one are wrong and why).

- cleanup-jiulongxiang-2026-12-05.csv: one clean-up morning in one grid,
  200 participants; UTF-8 with a byte order mark ("CSV UTF-8"), CRLF,
  comma-separated, Chinese headers.
- knock-campaign-2026-11-30.txt: a district campaign week, a few thousand
  rows over many activities; GB18030 ("文本文件(制表符分隔)" in a Chinese
  locale), CRLF, tab-separated, per-row activity columns, hours with
  decimals.
- errors-baiyang-2026-12-02.csv: a sheet with mistakes of every kind the
  reader reports; UTF-8 without a mark, LF.

Before writing anything it checks that every volunteer id in the two good
sheets exists in volunteers.csv and that no activity lists a volunteer twice;
any failure stops the script with a message and exit status 1.
"""

import csv
import datetime
import io
import json
import os
import sys
from random import Random

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = os.path.dirname(HERE)
SEED = 20261205
MINUTES_PER_ACTIVITY = 24 * 60  # Limits.minutesPerActivity

CLEANUP = "cleanup-jiulongxiang-2026-12-05.csv"
CAMPAIGN = "knock-campaign-2026-11-30.txt"
ERRORS = "errors-baiyang-2026-12-02.csv"


def fail(message):
    print("generate.py: " + message, file=sys.stderr)
    sys.exit(1)


def read_volunteers():
    with open(os.path.join(SEEDS, "volunteers.csv"), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def read_world():
    with open(os.path.join(SEEDS, "world.json"), encoding="utf-8") as f:
        return json.load(f)


def sheet_text(rows, delimiter, line_end):
    """Rows of cells as a spreadsheet writes them: a cell holding the
    delimiter, a quote or a line break is quoted, its quotes doubled."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=line_end, quoting=csv.QUOTE_MINIMAL)
    writer.writerows(rows)
    return out.getvalue()


# --------------------------------------------------------------------------
# The clean-up: 九龙巷社区 grid 3, Saturday morning, 200 people from 海棠街道.

REMARKS = ["", "", "", "", "", "", "", "", "带队", "自带工具", "迟到半小时",
           "负责分发手套, 垃圾袋",        # a comma inside: quoted
           "上午清扫\n下午巡查",           # Alt+Enter in Excel: a line break inside the cell
           "组长说\"辛苦了\""]             # quotes inside: doubled


def build_cleanup(rng, volunteers):
    street = [v for v in volunteers if v["scope"].startswith("shizhong/haitang/")]
    people = sorted(rng.sample(street, 200), key=lambda v: v["volunteer"])
    rows = [["序号", "志愿者编号", "姓名", "服务时长(分钟)", "备注"]]
    minutes = []
    for number, v in enumerate(people, 1):
        m = rng.choice([90, 120, 120, 150, 150, 180])
        minutes.append(m)
        rows.append([str(number), v["volunteer"], v["name"], str(m), rng.choice(REMARKS)])
    text = sheet_text(rows, ",", "\r\n")
    return b"\xef\xbb\xbf" + text.encode("utf-8"), {
        "file": CLEANUP, "encoding": "UTF-8", "evidence": "byte order mark", "delimiter": "comma",
        "headerRow": 1, "dataRows": 200, "validRows": 200, "minutes": sum(minutes), "activities": 0,
        "volunteers": [v["volunteer"] for v in people], "problems": [],
        "firstRow": {"row": 2, "volunteer": "volunteer:" + people[0]["volunteer"], "minutes": minutes[0], "activity": None},
    }


# --------------------------------------------------------------------------
# The campaign: "敲门行动" home visits, every community, Monday to Sunday.

def build_campaign(rng, volunteers, world):
    rows = [["活动编号", "活动类别", "开始时间", "标签", "志愿者编号", "姓名", "时长（小时）"]]
    total_minutes, activities, ids = 0, 0, set()
    for street in world["streets"]:
        for community in street["communities"]:
            prefix = "shizhong/%s/%s/" % (street["id"], community["id"])
            local = [v for v in volunteers if v["scope"].startswith(prefix)]
            for day in range(7):
                date = "2026/11/%d" % (30 + day) if day == 0 else "2026/12/%d" % day
                hour = rng.choice([9, 9, 10, 14, 15, 19])
                tags = rng.choice(["一老一小", "一老一小、银龄", "", "银龄"]) if hour < 18 else "夜间"
                activity = "2026-%s-%s-knock" % ("11-30" if day == 0 else "12-%02d" % day, community["id"])
                people = sorted(rng.sample(local, rng.randint(25, 45)), key=lambda v: v["volunteer"])
                activities += 1
                for v in people:
                    hours = rng.choice(["1", "1.5", "1.5", "2", "2", "2.5", "0.5"])
                    total_minutes += round(float(hours) * 60)
                    ids.add(v["volunteer"])
                    rows.append([activity, "上门服务", "%s %d:00" % (date, hour), tags, v["volunteer"], v["name"], hours])
    text = sheet_text(rows, "\t", "\r\n")
    first = rows[1]
    start = datetime.datetime.strptime(first[2], "%Y/%m/%d %H:%M").replace(tzinfo=datetime.timezone(datetime.timedelta(hours=8)))
    return text.encode("gb18030"), {
        "file": CAMPAIGN, "encoding": "GB18030", "evidence": "not UTF-8", "delimiter": "tab",
        "headerRow": 1, "dataRows": len(rows) - 1, "validRows": len(rows) - 1, "minutes": total_minutes,
        "activities": activities, "volunteers": None, "problems": [],
        "firstRow": {"row": 2, "volunteer": "volunteer:" + first[4], "minutes": round(float(first[6]) * 60), "activity": {
            "id": first[0], "category": first[1], "start": start.isoformat(), "tags": [t for t in first[3].split("、") if t] or None}},
    }, rows


# --------------------------------------------------------------------------
# The faulty sheet: 白杨社区 elder care, with one mistake of each kind.

def build_errors(rng, volunteers):
    local = [v for v in volunteers if v["scope"].startswith("shizhong/tongjiang/baiyang/")]
    people = sorted(rng.sample(local, 24), key=lambda v: v["volunteer"])
    header = ["志愿者编号", "姓名", "服务时长(分钟)", "备注"]
    rows = [[v["volunteer"], v["name"], str(rng.choice([60, 90, 120])), ""] for v in people]
    problems = []  # (row, column letter or None, reason, why)

    def fault(index, cells, reason, column, why):
        rows[index] = cells
        problems.append((index + 2, column, reason, why))

    p = people
    fault(2, ["张伟", p[2]["name"], "90", ""], "bad_volunteer", "A", "a name typed in the id column")
    fault(4, ["V 000" + p[4]["volunteer"][-3:], p[4]["name"], "60", ""], "bad_volunteer", "A",
          "a space inside the id")
    fault(5, ["merchant:jiulongxiang-cafe", "九龙巷咖啡", "60", ""], "bad_volunteer", "A",
          "a shop's account, not a volunteer")
    fault(7, ["", p[7]["name"], "90", "没带卡"], "missing_value", "A", "no id")
    fault(9, [p[9]["volunteer"], p[9]["name"], "0", "只来签到"], "minutes_out_of_range", "C", "zero minutes")
    fault(11, [p[11]["volunteer"], p[11]["name"], "-60", ""], "minutes_out_of_range", "C", "negative minutes")
    fault(13, [p[13]["volunteer"], p[13]["name"], "6000", ""], "minutes_out_of_range", "C",
          "6,000 minutes: more than a day")
    fault(14, [p[14]["volunteer"], p[14]["name"], "90分钟", ""], "bad_minutes", "C", "a unit typed in the cell")
    fault(15, [p[15]["volunteer"], p[15]["name"], "1.5", ""], "bad_minutes", "C",
          "hours (1.5) in the minutes column")
    fault(16, [p[16]["volunteer"], p[16]["name"], "", ""], "missing_value", "C", "no minutes")
    fault(18, [p[3]["volunteer"], p[3]["name"], "60", "下午又来"], "duplicate_volunteer", "A",
          "listed again (first in row 5)")
    fault(19, [p[19]["volunteer"], p[19]["name"]], "ragged_row", None, "two cells where the header has four")
    fault(21, [p[21]["phone"], p[21]["name"], "60", ""], "bad_volunteer", "A",
          "the volunteer's mobile number in the id column: personal data, never an id")
    # An unquoted comma in the remark pushes a value past the last column.
    rows[20] = [p[20]["volunteer"], p[20]["name"], "120", "带了水", "还有药"]
    problems.append((22, "E", "ragged_row", "a comma in the remark without quotes: a fifth cell"))
    # Well formed, but nobody has this id: the reader passes it, the ledger refuses it (unknown_account).
    rows[22] = ["V999999", "查无此人", "60", ""]
    text = sheet_text([header] + rows, ",", "\n")
    valid = [r for i, r in enumerate(rows) if i + 2 not in {pr[0] for pr in problems}]
    return text.encode("utf-8"), {
        "file": ERRORS, "encoding": "UTF-8", "evidence": "valid UTF-8", "delimiter": "comma",
        "headerRow": 1, "dataRows": len(rows), "validRows": len(valid), "minutes": sum(int(r[2]) for r in valid),
        "activities": 0, "volunteers": [r[0] for r in valid],
        "problems": [{"row": r, "column": c, "reason": reason} for r, c, reason, _ in sorted(problems, key=lambda p: p[0])],
        "firstRow": {"row": 2, "volunteer": "volunteer:" + rows[0][0], "minutes": int(rows[0][2]), "activity": None},
    }, problems


# --------------------------------------------------------------------------

def check_known(ids, known, sheet):
    unknown = sorted(set(ids) - known)
    if unknown:
        fail("%s names volunteers not in volunteers.csv: %s" % (sheet, ", ".join(unknown[:5])))


def validate(volunteers, cleanup, campaign_rows):
    known = {v["volunteer"] for v in volunteers}
    check_known(cleanup["volunteers"], known, CLEANUP)
    if len(set(cleanup["volunteers"])) != len(cleanup["volunteers"]):
        fail(CLEANUP + " lists a volunteer twice")
    seen = set()
    for row in campaign_rows[1:]:
        activity, volunteer, hours = row[0], row[4], row[6]
        check_known([volunteer], known, CAMPAIGN)
        if (activity, volunteer) in seen:
            fail("%s lists %s twice in %s" % (CAMPAIGN, volunteer, activity))
        seen.add((activity, volunteer))
        minutes = float(hours) * 60
        if minutes != int(minutes) or not 1 <= minutes <= MINUTES_PER_ACTIVITY:
            fail("%s: %s hours is not a whole number of minutes in range" % (CAMPAIGN, hours))


def readme(cleanup, campaign, errors, problems):
    lines = [
        "# seeds/activities/ — sample sheets for bulk awards",
        "",
        "Activity sheets as coordinators save them from Excel or WPS, for the demo",
        "and for the sheet reader's tests (`Tests/JiazhouSheetsTests/SeedSheetTests.swift`",
        "reads each and compares with `expected.json`). Everyone in them is",
        "synthetic: ids and names come from `../volunteers.csv`. Regenerate with",
        "`python3 seeds/activities/generate.py` (standard library, fixed seed, byte",
        "for byte the same); it checks first that every id in the two good sheets",
        "exists in `volunteers.csv` and that no activity lists a volunteer twice.",
        "",
        "| file | what it is | format | rows |",
        "|---|---|---|---|",
        "| `%s` | a clean-up morning in 九龙巷社区 grid 3, Saturday 2026-12-05: one activity, 200 participants from 海棠街道 | UTF-8 with a byte order mark (Excel's \"CSV UTF-8\"), comma, CRLF; headers 序号, 志愿者编号, 姓名, 服务时长(分钟), 备注 | %d, all valid: %d minutes |"
        % (CLEANUP, cleanup["validRows"], cleanup["minutes"]),
        "| `%s` | the district's \"敲门行动\" (knock on the door) home-visit week, 2026-11-30 to 12-06: %d activities, one per community a day | GB18030 (\"文本文件(制表符分隔)\" saved in a Chinese locale), tab, CRLF; headers 活动编号, 活动类别, 开始时间 (`2026/12/1 9:00`, local time), 标签 (`一老一小、银龄`), 志愿者编号, 姓名, 时长（小时） (`1.5`) | %d, all valid: %d minutes |"
        % (CAMPAIGN, campaign["activities"], campaign["validRows"], campaign["minutes"]),
        "| `%s` | an elder-care afternoon in 白杨社区 with mistakes of every kind | UTF-8 without a mark, comma, LF; headers 志愿者编号, 姓名, 服务时长(分钟), 备注 | %d, of which %d valid |"
        % (ERRORS, errors["dataRows"], errors["validRows"]),
        "",
        "In the clean-up sheet, 序号 and 备注 are columns the reader does not know",
        "(ignored, and said so); 姓名 is read and discarded — names never enter the",
        "ledger. A few remarks hold a comma, a line break or quotes, quoted as",
        "Excel quotes them. In the campaign sheet the category is written as",
        "coordinators write it, 上门服务, the label of the rule set's `home_visit`.",
        "",
        "## What is wrong in `%s`" % ERRORS,
        "",
        "Row numbers are the spreadsheet's: the header is row 1.",
        "",
        "| row | column | reason | why |",
        "|---|---|---|---|",
    ]
    for row, column, reason, why in sorted(problems):
        lines.append("| %d | %s | `%s` | %s |" % (row, column or "—", reason, why))
    lines += [
        "",
        "Row 24 (`V999999`) is well formed, so the reader accepts it; no such",
        "volunteer exists, so the award refuses it as `unknown_account`. The sheet",
        "reader checks what a sheet can show; the ledger checks who exists.",
        "",
    ]
    return "\n".join(lines)


def main():
    volunteers = read_volunteers()
    world = read_world()
    cleanup_bytes, cleanup = build_cleanup(Random(SEED), volunteers)
    campaign_bytes, campaign, campaign_rows = build_campaign(Random(SEED + 1), volunteers, world)
    errors_bytes, errors, problems = build_errors(Random(SEED + 2), volunteers)
    validate(volunteers, cleanup, campaign_rows)
    check_known([v for v in errors["volunteers"] if v != "V999999"], {v["volunteer"] for v in volunteers}, ERRORS)

    for name, data in [(CLEANUP, cleanup_bytes), (CAMPAIGN, campaign_bytes), (ERRORS, errors_bytes)]:
        with open(os.path.join(HERE, name), "wb") as f:
            f.write(data)
    expected = {"sheets": [cleanup, campaign, errors]}
    with open(os.path.join(HERE, "expected.json"), "w", encoding="utf-8", newline="\n") as f:
        f.write(json.dumps(expected, ensure_ascii=False, indent=1) + "\n")
    with open(os.path.join(HERE, "README.md"), "w", encoding="utf-8", newline="\n") as f:
        f.write(readme(cleanup, campaign, errors, problems))
    print("activities: %s %d rows; %s %d rows in %d activities; %s %d rows, %d problems"
          % (CLEANUP, cleanup["dataRows"], CAMPAIGN, campaign["dataRows"], campaign["activities"],
             ERRORS, errors["dataRows"], len(problems)))


if __name__ == "__main__":
    main()
