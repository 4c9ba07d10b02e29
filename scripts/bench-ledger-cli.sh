#!/usr/bin/env bash
# The same work kept by jiazhou and parsed by the plain-text accounting tools a
# small programme might use instead (issue 15), in one run on this machine:
# 50 activities of 1,000 participants, one a day, 30 minutes each (50,000
# awards).
#   - jiazhou: `init`, 1,000 volunteers opened and the 50 sheets awarded over
#     `jiazhou rpc` (award.batch: priced, hashed, signed, fsynced), `verify`;
#   - ledger-cli and hledger: a journal of the same 50,000 postings, parsed and
#     balanced (`bal`), which is all they do.
# Prints each time and ledger-cli's time over jiazhou's (goal: at least 3).
# Usage: [JIAZHOU_BIN=path] scripts/bench-ledger-cli.sh
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -n "${JIAZHOU_BIN:-}" ]; then
    BIN=$JIAZHOU_BIN
else
    swift build -c release --product jiazhou >&2
    BIN=$PWD/.build/release/jiazhou
fi
for tool in ledger hledger; do
    if ! command -v "$tool" >/dev/null; then
        apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >&2
    fi
done

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

python3 - "$WORK" <<'PY'
import json, sys, datetime
work = sys.argv[1]
volunteers = [f"volunteer:V{n:06d}" for n in range(1, 1001)]
days = [datetime.date(2026, 1, 5) + datetime.timedelta(days=d) for d in range(50)]
with open(f"{work}/calls.jsonl", "w") as out:
    def call(n, method, **params):
        out.write(json.dumps({"jsonrpc": "2.0", "id": n, "method": method, "params": {"actor": "operator:root", **params}},
                             ensure_ascii=False, separators=(",", ":")) + "\n")
    call(0, "account.open", key="open-issuer", account="issuer:shizhong", scope="shizhong", budget=10**12)
    for n, v in enumerate(volunteers, 1):
        call(n, "account.open", key=f"open-{v}", account=v, scope="shizhong/tongjiang/baiyang")
    for d, day in enumerate(days):
        call(10_000 + d, "award.batch", key=f"sheet-{day}",
             activity={"id": f"A{day:%Y%m%d}", "category": "environment", "minutes": 30,
                       "start": f"{day}T08:30:00+08:00", "scope": "shizhong/tongjiang/baiyang", "title": "社区清洁日"},
             participants=[{"volunteer": v} for v in volunteers])
with open(f"{work}/awards.journal", "w") as out:
    for day in days:
        for v in volunteers:
            out.write(f"{day:%Y/%m/%d} 社区清洁日 A{day:%Y%m%d}\n    {v}    3 PTS\n    issuer:shizhong\n\n")
PY

seconds() { python3 -c 'import time; print(time.monotonic())'; }
elapsed() { python3 -c "print(f'{$2 - $1:.2f}')"; }

start=$(seconds)
"$BIN" init --db "$WORK/ledger.sqlite" >/dev/null
"$BIN" rpc --db "$WORK/ledger.sqlite" <"$WORK/calls.jsonl" >"$WORK/replies.jsonl"
"$BIN" verify --db "$WORK/ledger.sqlite" >"$WORK/verify.txt"
jiazhou=$(elapsed "$start" "$(seconds)")
if grep -q '"error"' "$WORK/replies.jsonl"; then
    echo "jiazhou refused a call:" >&2
    grep -m3 '"error"' "$WORK/replies.jsonl" | cut -c1-400 >&2
    exit 1
fi
awarded=$(grep -o '"points_total":[0-9]*' "$WORK/replies.jsonl" | wc -l)
[ "$awarded" -eq 50 ] || { echo "expected 50 sheets awarded, got $awarded" >&2; exit 1; }

start=$(seconds)
ledger -f "$WORK/awards.journal" bal >"$WORK/ledger.txt"
ledger_cli=$(elapsed "$start" "$(seconds)")
start=$(seconds)
hledger -f "$WORK/awards.journal" bal >"$WORK/hledger.txt"
hledger_time=$(elapsed "$start" "$(seconds)")

echo "50,000 awards (50 activities × 1,000 participants), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "jiazhou: init + 1,001 account.open + 50 award.batch over rpc + verify   ${jiazhou} s   ($(head -1 "$WORK/verify.txt"))"
echo "ledger-cli $(ledger --version | head -1 | awk '{print $2}' | tr -d ,): parse + bal of the same postings          ${ledger_cli} s"
echo "hledger $(hledger --version | awk '{print $2}' | tr -d ,): parse + bal of the same postings            ${hledger_time} s"
python3 -c "print(f'ledger-cli time / jiazhou time = {$ledger_cli / $jiazhou:.2f}× (goal ≥ 3×)')"
