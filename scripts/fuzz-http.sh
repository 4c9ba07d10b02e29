#!/usr/bin/env bash
# HTTP fuzzing with schemathesis (PyPI) against a live `jiazhou serve`: a
# release build serves a new ledger on loopback, and schemathesis generates
# requests for every operation of its own /openapi.json, as the operator
# (bearer token), checking that no response is a 5xx and that every status,
# content type, header and body matches the document.
#
#   scripts/fuzz-http.sh                    # 100 examples per operation
#   scripts/fuzz-http.sh 500                # more
#   FUZZ_HTTP_VENV=.venv scripts/fuzz-http.sh   # where schemathesis lives
#   FUZZ_HTTP_CONFIG=debug scripts/fuzz-http.sh # serve the debug build
#
# Exit 0 when schemathesis found nothing; its report is printed, and kept in
# .build-fuzz-http/ (JUnit XML and the cassette of failing requests).
set -euo pipefail
cd "$(dirname "$0")/.."
EXAMPLES=${1:-100}
VENV=${FUZZ_HTTP_VENV:-/tmp/jiazhou-schemathesis}
OUT=$PWD/.build-fuzz-http
mkdir -p "$OUT"

if [ ! -x "$VENV/bin/schemathesis" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q 'schemathesis>=4,<5' >&2
fi

CONFIG=${FUZZ_HTTP_CONFIG:-release}   # debug: reuse the test build
swift build -c "$CONFIG" --product jiazhou >&2
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
"$BIN" serve --db "$DB" --host 127.0.0.1 --port 0 --log-level warning 2>"$WORK/serve.log" &
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
"$VENV/bin/schemathesis" run "$BASE/openapi.json" \
    --url "$BASE" \
    --header "Authorization: Bearer $TOKEN" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance \
    --max-examples "$EXAMPLES" \
    --phases examples,coverage,fuzzing \
    --request-timeout 10 \
    --seed 9 \
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
