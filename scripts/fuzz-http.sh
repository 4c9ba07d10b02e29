#!/usr/bin/env bash
# HTTP fuzzing with schemathesis (PyPI) against a live `jiazhou serve`: a
# release build serves a new ledger on loopback, and schemathesis generates
# requests for every operation of its own /openapi.json, as the operator
# (bearer token), with every check: no 5xx; every status, content type,
# header and body as documented; every request the document calls valid
# taken, and every one it calls invalid refused (scripts/schemathesis.toml
# says which statuses count as which); unsupported methods refused; a
# request without its token refused.
#
#   scripts/fuzz-http.sh                    # 100 examples per operation (CI: 500, about 2.5 min)
#   scripts/fuzz-http.sh 500                # more
#   FUZZ_HTTP_VENV=.venv scripts/fuzz-http.sh   # where schemathesis lives
#   FUZZ_HTTP_SYSTEM=1 scripts/fuzz-http.sh     # schemathesis on PATH (CI installs it)
#   FUZZ_HTTP_CONFIG=debug scripts/fuzz-http.sh # serve the debug build (after CI's tests, nothing to build)
#   FUZZ_HTTP_SEED=7 scripts/fuzz-http.sh       # another search (default: the fixed seed CI replays)
#
# Exit 0 when schemathesis found nothing; its report is printed, and kept in
# .build-fuzz-http/ (JUnit XML and the cassette of failing requests).
set -euo pipefail
cd "$(dirname "$0")/.."
EXAMPLES=${1:-100}
VENV=${FUZZ_HTTP_VENV:-/tmp/jiazhou-schemathesis}
OUT=$PWD/.build-fuzz-http
mkdir -p "$OUT"

SEED=${FUZZ_HTTP_SEED:-9}
# One version, the one the document and the server were made to pass (.ci/run installs the same).
SCHEMATHESIS_VERSION=4.32.5

if [ -n "${FUZZ_HTTP_SYSTEM:-}" ]; then
    SCHEMATHESIS=$(command -v schemathesis) || { echo "FUZZ_HTTP_SYSTEM: no schemathesis on PATH" >&2; exit 1; }
else
    SCHEMATHESIS=$VENV/bin/schemathesis
    if [ ! -x "$SCHEMATHESIS" ] || ! "$SCHEMATHESIS" --version | grep -q " $SCHEMATHESIS_VERSION\$"; then
        python3 -m venv "$VENV"
        "$VENV/bin/pip" install -q "schemathesis==$SCHEMATHESIS_VERSION" >&2
    fi
fi
"$SCHEMATHESIS" --version | grep -q " $SCHEMATHESIS_VERSION\$" || { echo "schemathesis $SCHEMATHESIS_VERSION is needed, not $("$SCHEMATHESIS" --version)" >&2; exit 1; }

CONFIG=${FUZZ_HTTP_CONFIG:-release}   # debug: after `swift build --build-tests`, nothing to build
swift build -j 1 -c "$CONFIG" --product jiazhou >&2
BIN=$PWD/.build/$CONFIG/jiazhou

WORK=$(mktemp -d)
SERVER=""
cleanup() {
    if [ -n "$SERVER" ]; then kill -TERM "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

DB=$WORK/fuzz.sqlite
"$BIN" init --db "$DB" >/dev/null
TOKEN=$("$BIN" token create --db "$DB" --principal operator:root 2>/dev/null)
# A few accounts, so that generated ids sometimes exist and reads and writes get past "unknown".
# schemathesis probes every route with bad tokens (ignored_auth) from the
# address its good token comes from: a burst that outlasts the run keeps the
# throttle from answering the rest 429, which would leave them untested.
"$BIN" serve --db "$DB" --host 127.0.0.1 --port 0 --log-level warning --auth-failures 1000000 2>"$WORK/serve.log" &
SERVER=$!
for _ in $(seq 1 100); do
    grep -q "listening on" "$WORK/serve.log" && break
    sleep 0.1
done
BASE=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$WORK/serve.log" | head -1)
[ -n "$BASE" ] || { cat "$WORK/serve.log" >&2; exit 1; }
post() {
    curl -fsS -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d "$2" "$BASE$1"
}
post /v1/accounts '{"account":"issuer:shizhong","scope":"shizhong","budget":1000000}'
post /v1/accounts '{"account":"volunteer:V000001","scope":"shizhong/tongjiang/baiyang"}'
post /v1/accounts '{"account":"merchant:M001","scope":"shizhong"}'

status=0
"$SCHEMATHESIS" --config-file scripts/schemathesis.toml run "$BASE/openapi.json" \
    --url "$BASE" \
    --header "Authorization: Bearer $TOKEN" \
    --checks all \
    --max-examples "$EXAMPLES" \
    --phases examples,coverage,fuzzing \
    --request-timeout 10 \
    --seed "$SEED" --generation-database none \
    --workers 1 \
    --report junit,vcr --report-dir "$OUT" \
    --no-color || status=$?

if grep -qiE 'panic|fatal error|internal error' "$WORK/serve.log"; then
    echo "the server logged an internal error:" >&2
    grep -iE 'panic|fatal error|internal error' "$WORK/serve.log" | head -20 >&2
    status=1
fi
if ! kill -0 "$SERVER" 2>/dev/null; then
    echo "the server died during the run:" >&2
    tail -20 "$WORK/serve.log" >&2
    status=1
fi
exit "$status"
