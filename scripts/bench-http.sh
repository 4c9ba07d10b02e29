#!/usr/bin/env bash
# Benchmarks the HTTP API of a release build on this machine, in one run:
#   - req/s of GET /healthz (the server alone) and of GET /v1/accounts/{id}
#     (bearer token, a ledger read and JSON; goal, issue 15: at least 0.6× /healthz),
#   - durable awards/s through POST /v1/awards from 64 connections (each
#     answered only once its commit group is on disk; goal: 5,000/s), p50/p99.
# Usage: [JIAZHOU_BIN=path] scripts/bench-http.sh [SECONDS]   (default 10 per measurement)
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-10}
CONNECTIONS=64

# JIAZHOU_BIN: another build to measure (an A/B run against an older binary).
if [ -n "${JIAZHOU_BIN:-}" ]; then
    BIN=$JIAZHOU_BIN
else
    swift build -c release --product jiazhou >&2
    BIN=$PWD/.build/release/jiazhou
fi
for tool in wrk curl; do
    if ! command -v "$tool" >/dev/null; then
        apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >&2
    fi
done

WORK=$(mktemp -d)
SERVER=""
cleanup() {
    if [ -n "$SERVER" ]; then kill -TERM "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

DB=$WORK/bench.sqlite
"$BIN" init --db "$DB" >/dev/null
TOKEN=$("$BIN" token create --db "$DB" --principal operator:root 2>/dev/null)
# Request logs off: at tens of thousands of requests a second they would measure stderr.
"$BIN" serve --db "$DB" --host 127.0.0.1 --port 0 --log-level warning 2>"$WORK/serve.log" &
SERVER=$!
for _ in $(seq 1 100); do
    grep -q "listening on" "$WORK/serve.log" && break
    sleep 0.1
done
BASE=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$WORK/serve.log" | head -1)
[ -n "$BASE" ] || { cat "$WORK/serve.log" >&2; exit 1; }

post() {  # post PATH BODY: as the operator; fails on any status but 200
    curl -fsS -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d "$2" "$BASE$1"
}
post /v1/accounts '{"account":"issuer:shizhong","scope":"shizhong","budget":1000000000000}'
for n in $(seq 1 $CONNECTIONS); do
    post /v1/accounts "{\"account\":\"volunteer:V$(printf %06d "$n")\",\"scope\":\"shizhong/tongjiang/baiyang\"}"
done

cat >"$WORK/awards.lua" <<LUA
-- One award per request, to the 64 volunteers in turn, each with its own
-- idempotency key (thread id + counter), so that every request is a write.
local threads = 0
function setup(thread)
    threads = threads + 1
    thread:set("id", threads)
end
function init(args)
    counter = 0
end
function request()
    counter = counter + 1
    local volunteer = string.format("volunteer:V%06d", counter % $CONNECTIONS + 1)
    -- A new day for each round of the volunteers, so that the default rules'
    -- daily caps never refuse an award (2026-01-05 onwards).
    local day = os.date("!%Y-%m-%d", 1767571200 + math.floor(counter / $CONNECTIONS) * 86400)
    local body = string.format('{"volunteer":"%s","activity":{"id":"bench-%d-%d","category":"environment","minutes":30,'
        .. '"start":"%sT08:30:00+08:00","scope":"shizhong/tongjiang/baiyang"}}', volunteer, id, counter, day)
    return wrk.format("POST", "/v1/awards", {
        ["Content-Type"] = "application/json", ["Authorization"] = "Bearer $TOKEN",
        ["Idempotency-Key"] = string.format("bench-%d-%d", id, counter) }, body)
end
LUA

run() {  # run NAME URL [wrk args…]: prints "NAME  req/s  p50  p99  errors"
    local name=$1 url=$2
    shift 2
    local out
    out=$(wrk -t2 -c$CONNECTIONS -d"${SECONDS_EACH}s" --latency "$@" "$url")
    local rps p50 p99 errors
    rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
    p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    errors=$(awk '/Non-2xx or 3xx responses:/ {print $5} /Socket errors:/ {print "socket:" $0}' <<<"$out" | tr '\n' ' ')
    printf '%-34s %10s req/s   p50 %-9s p99 %-9s %s\n' "$name" "$rps" "$p50" "$p99" "${errors:-0 errors}"
    echo "$rps" >"$WORK/$name.rps"
}

size() { curl -fsS "$BASE/v1/info" | sed -E 's/.*"size":([0-9]+).*/\1/'; }
metric() { curl -fsS "$BASE/metrics" | awk -v name="$1" '$1 == name {print $2}'; }

echo "jiazhou serve, release build, $CONNECTIONS connections, 2 wrk threads, ${SECONDS_EACH}s each, on $(nproc) cores shared with wrk"
run healthz "$BASE/healthz"
run account "$BASE/v1/accounts/volunteer:V000001" -H "Authorization: Bearer $TOKEN"
before=$(size)
groups_before=$(metric jiazhou_commit_group_requests_count)
requests_before=$(metric jiazhou_commit_group_requests_sum)
start=$(date +%s%N)
run awards "$BASE/v1/awards" -s "$WORK/awards.lua"
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
after=$(size)
written=$((after - before))
groups=$(awk -v a="$(metric jiazhou_commit_group_requests_count)" -v b="$groups_before" 'BEGIN { print a - b }')
grouped=$(awk -v a="$(metric jiazhou_commit_group_requests_sum)" -v b="$requests_before" 'BEGIN { print a - b }')
echo
awk -v a="$(cat "$WORK/account.rps")" -v h="$(cat "$WORK/healthz.rps")" \
    'BEGIN { printf "GET /v1/accounts/{id} = %.0f%% of /healthz (goal >= 60%%)\n", 100 * a / h }'
awk -v w="$written" -v ms="$elapsed_ms" 'BEGIN { printf "durable awards: %d entries written in %.1f s of wall time = %.0f/s (goal >= 5000/s)\n", w, ms / 1000, w * 1000 / ms }'
awk -v n="$grouped" -v g="$groups" 'BEGIN { printf "commit groups: %d, %.1f awards each on average (one transaction and fsync each)\n", g, n / g }'
"$BIN" verify --db "$DB" >/dev/null && echo "verify: ok ($after entries)"
