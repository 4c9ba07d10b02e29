#!/usr/bin/env bash
# The crash harness, longer than CI's run: kill -9 at random moments during a
# bulk `jiazhou award import`, pipelined `jiazhou rpc` writes and concurrent
# HTTP writes to `jiazhou serve` (loopback), then restart and check that
# verify passes, every acknowledged write is there with its seq and no batch
# or sheet is half there (Tests/JiazhouCLITests/CrashHarnessTests.swift).
# Also runs the two-process races. Prints the rounds run and any failure.
# Usage: scripts/crash-harness.sh [ROUNDS]   (default 25 per mode)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-25}

swift build --build-tests >&2
LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT
status=0
JIAZHOU_CRASH_ROUNDS=$ROUNDS swift test --skip-build --filter 'CrashHarnessTests|ProcessRaceTests' 2>&1 | tee "$LOG" >&2 || status=$?
echo
grep -E '^(crash harness|race):' "$LOG" || true
failures=$(grep -cE '^✘ Test .* recorded an issue' "$LOG" || true)
echo "rounds per mode: $ROUNDS; failures: $failures"
exit "$status"
