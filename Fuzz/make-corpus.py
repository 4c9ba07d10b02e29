#!/usr/bin/env python3
"""Writes the seed corpora under Fuzz/corpus/<target>/ from the project's own
examples: RPC transcript lines, the Ledger vectors, the district's rule set
and the CEL conformance cases, the sample sheets. Run from anywhere; it
replaces the seed files it writes (named seed-*) and leaves others alone,
so that inputs added by hand (regression-*) stay."""

import hashlib
import json
import os
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "Fuzz" / "corpus"


def write(target, items):
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("seed-*"):
        old.unlink()
    seen = set()
    for item in items:
        data = item.encode() if isinstance(item, str) else item
        digest = hashlib.sha1(data).hexdigest()[:16]
        if digest in seen:
            continue
        seen.add(digest)
        (folder / f"seed-{digest}").write_bytes(data)
    print(f"{target}: {len(seen)} seeds")


def transcript_lines():
    lines = []
    for path in sorted((ROOT / "Tests/JiazhouRPCTests/Transcripts").glob("*.jsonl")):
        for line in path.read_text().splitlines():
            if line.startswith("> "):
                lines.append(line[2:])
    return lines


def vectors(name):
    return json.loads((ROOT / "Ledger/vectors" / name).read_text())


def rpc():
    lines = transcript_lines()
    items = [line + "\n" for line in lines]
    # A few streams of several lines, one without its last newline.
    items.append("\n".join(lines[:4]) + "\n")
    items.append("\n".join(lines[4:7]))
    items.append("\n\r\n  \n" + lines[0] + "\r\n")
    write("rpc-line", items)


def canonical_json():
    items = []
    for case in vectors("canonical.json")["cases"]:
        for key in ("input", "canonical"):
            if isinstance(case.get(key), str):
                items.append(case[key])
    for entry in vectors("chain.json")["entries"]:
        items.append(entry["canonical"])
    items += ['{"a":[1,-2,9007199254740992,"\\u0000\\u001f\\"\\\\"]}', "[[[[[]]]]]", '"\\ud83d\\ude00"', "-0", "1.5e3", '{"a":1,"a":2}']
    write("canonical-json", items)


def entry():
    items = [entry["canonical"] for entry in vectors("chain.json")["entries"]]
    extra = ROOT / "Fuzz/corpus-src/entries.jsonl"
    if extra.exists():
        items += [line for line in extra.read_text().splitlines() if line]
    write("entry", items)


def expressions():
    items = []
    rules = (ROOT / "seeds/rules/shizhong.yaml").read_text()
    for match in re.finditer(r"^\s*(?:when|points):\s*(.+)$", rules, re.M):
        text = match.group(1).strip()
        if not re.fullmatch(r"\d+", text):
            items.append(text)
    for line in (ROOT / "Tests/JiazhouRulesTests/Conformance/cel-spec-simple.cases").read_text().splitlines():
        if line.startswith("expr "):
            items.append(line[5:])
    facts = '{"volunteer": {"tags": ["银龄"], "age": 67}, "activity": {"minutes": 90, "start": "2026-11-28T19:30:00+08:00"}}'
    items += [
        '"银龄" in volunteer.tags && activity.minutes >= 60\0' + facts,
        "size(volunteer.tags) * 10\0" + facts,
        "timestamp(activity.start).getHours('+08:00')\0" + facts,
        "[1, 2, 3].map(x, x * x).filter(y, y > 1)\0{}",
        "{'a': 1, 2: 'b'}[2] + 'c'\0{}",
        'activity.start.getDayOfWeek("Asia/Shanghai") in [0, 6] ? base * 20 / 100 : 0',
        "has(volunteer.stars) && volunteer.stars >= 2",
        "calendar.date.startsWith('2026-12') && !calendar.holiday",
        "volunteer.id.contains('V0003') || activity.scope.endsWith('/baiyang')",
        "['ab'].map(s, s + s).map(s, s + s)[0].size()",
    ]
    write("expression", items)


def rule_set():
    text = (ROOT / "seeds/rules/shizhong.yaml").read_text()
    small = "version: 2\nname: small\ncategories:\n  a:\n    label: A\n    points_per_hour: 6\nrules:\n  - id: r\n    label: R\n    when: minutes > 60\n    points: base / 2\n"
    write("rule-set", [text, small, "version: 1\nname: x\ncategories: {b: {label: B, points_per_hour: 1}}\nholidays: [2026-10-01]\nstars: [1, 2]\n"])


def sheet():
    folder = ROOT / "seeds/activities"
    items = [
        (folder / "errors-baiyang-2026-12-02.csv").read_bytes(),
        (folder / "cleanup-jiulongxiang-2026-12-05.csv").read_bytes()[:2048],
    ]
    knock = (folder / "knock-campaign-2026-11-30.txt").read_bytes()  # GB18030, tab-separated
    items.append(knock[: knock.find(b"\r\n", 2048) + 2])
    items.append("\ufeff志愿者编号\t服务时长(分钟)\nV000001\t60\n".encode("utf-16-le"))
    items.append("volunteer,minutes,activity,start\nV000001,60,a-1,2026-11-23 08:30\nV000002,\"1,5\",a-1,x\n".encode())
    write("sheet", items)


def workbook():
    """FuzzWorkbook's first byte: even for a whole .xlsx, odd for a worksheet part."""
    fixtures = ROOT / "Tests/JiazhouSheetsTests/Fixtures"
    items = [b"\x00" + (fixtures / name).read_bytes() for name in ("handmade.xlsx", "kinds.xlsx", "not-a-workbook.xlsx")]
    items.append(b"\x00" + (ROOT / "seeds/activities/signin-baiyang-2026-12-06.xlsx").read_bytes())
    main = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    items.append(("\x01<worksheet " + main + "><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
                  "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>2</v></c><c r=\"B2\" t=\"s\"><v>3</v></c></row>"
                  "<row r=\"3\"><c t=\"inlineStr\"><is><t>V000002</t></is></c><c s=\"2\"><v>0.0625</v></c><c s=\"1\"><v>46349.35</v></c></row>"
                  "<row r=\"5\"><c t=\"inlineStr\"><is><t>合计</t></is></c><c><f>SUM(B2:B3)</f></c><c t=\"b\"><v>1</v></c><c t=\"e\"><v>#N/A</v></c></row>"
                  "</sheetData></worksheet>").encode())
    items.append(("\x01<worksheet " + main + "><sheetData><row><c t=\"inlineStr\"><is><t>volunteer</t></is></c><c t=\"inlineStr\"><is><t>签到时间</t></is></c>"
                  "<c t=\"inlineStr\"><is><t>签退时间</t></is></c></row><row><c t=\"str\"><f>A1</f><v>V000003</v></c><c s=\"1\"><v>46349.3</v></c>"
                  "<c t=\"d\"><v>2026-11-23T10:00:00</v></c></row></sheetData></worksheet>").encode())
    write("workbook", items)


def signed_note():
    data = vectors("checkpoint.json")
    items = [data["checkpoint"]["note"], data["checkpoint"]["body"], data["key"]["verifier_key"] + "\n"]
    for group in ("notes_that_verify", "notes_that_must_not_verify", "notes_parse_only"):
        items += [case["note"] for case in data[group]]
    sm = vectors("sm.json").get("sm2_note", {})
    for value in sm.values() if isinstance(sm, dict) else []:
        if isinstance(value, str) and "\u2014" in value:
            items.append(value)
    write("signed-note", items)


def witness_body():
    """add-checkpoint bodies (c2sp.org/tlog-witness): old 0, a proof, the same size, the spec's example."""
    data = vectors("cosignature.json")
    note, cosigned = data["checkpoint"]["note"], data["cosigned_note"]
    proof = "PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=\njrJZDmY8Y7SyJE0MWLpLozkIVMSMZcD5kvuKxPC3swk=\n"
    example = (
        "old 20852014\n" + proof + "5+pKlUdi2LeF/BcMHBn+Ku6yhPGNCswZZD1X/6QgPd8=\n/6WVhPs2CwSsb5rYBH5cjHV/wSmA79abXAwhXw3Kj/0=\n\n"
        "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n"
        "\u2014 example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n"
    )
    write("witness-body", ["old 0\n\n" + note, "old 0\n\n" + cosigned, "old 4\n" + proof + "\n" + note, "old 8\n\n" + note, example])


if __name__ == "__main__":
    rpc()
    canonical_json()
    entry()
    expressions()
    rule_set()
    sheet()
    workbook()
    signed_note()
    witness_body()
