#!/usr/bin/env bash
# The pages' tests in a real browser (Tests/Browser): Debian's chromium driven
# by Playwright, against a real `jiazhou serve` over a ledger made with the CLI.
# Installs nothing; needs a built binary, chromium, and pip's playwright and pytest
# (.ci/run installs them). Screenshots (390x844) go to Tests/Browser/artifacts/.
#
#   scripts/browser-tests.sh                 # .build/debug/jiazhou
#   JIAZHOU_BIN=.build/release/jiazhou scripts/browser-tests.sh -k public
set -euo pipefail
cd "$(dirname "$0")/.."
export JIAZHOU_BIN="${JIAZHOU_BIN:-$PWD/.build/debug/jiazhou}"
[ -x "$JIAZHOU_BIN" ] || { echo "no jiazhou binary at $JIAZHOU_BIN: swift build first" >&2; exit 2; }
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || { echo "no chromium: apt-get install chromium" >&2; exit 2; }
exec python3 -m pytest -q -p no:cacheprovider Tests/Browser "$@"
