#!/usr/bin/env bash
# Builds the libFuzzer targets (Fuzz/Package.swift) and runs each for N
# seconds (default 30) from its seed corpus in Fuzz/corpus/<target>/.
# Fails if any target crashes, leaks, times out or runs out of memory; the
# input that did it is kept in Fuzz/artifacts/<target>/ and the log beside it.
#
#   Fuzz/run.sh                 # every target, 30 s each
#   Fuzz/run.sh 300             # every target, 5 minutes each
#   Fuzz/run.sh 60 expression   # one target (by its corpus name)
#   FUZZ_JOBS=2 Fuzz/run.sh     # two targets at a time (default: 1)
#   FUZZ_SEED=1 Fuzz/run.sh 20  # the same mutations every run (CI), not a new search
#
# New inputs that reach new code go to a scratch copy of the corpus, not to
# the committed seeds: merge the interesting ones by hand (README, "Fuzzing").
set -euo pipefail
cd "$(dirname "$0")"

seconds="${1:-30}"
only="${2:-}"
export SWIFT_BACKTRACE=enable=no
# ASan: leaks are failures; libFuzzer's own -rss_limit_mb bounds memory.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1:handle_abort=1}"
# Swift globals initialised once are not leaks (lsan.supp says why).
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$PWD/lsan.supp:print_suppressions=0}"

# target  corpus  max_len: a request line over the 1 KiB framer limit in the
# harness; a canonical entry; an expression is at most 4 KiB plus facts; a
# rule set; a sheet of a few hundred rows; a small .xlsx or worksheet part; a note;
# an add-checkpoint body (a proof of up to 63 lines and a cosigned note); a tile path.
targets=(
    "FuzzRPCLine rpc-line 4096"
    "FuzzCanonicalJSON canonical-json 4096"
    "FuzzEntry entry 4096"
    "FuzzExpression expression 6144"
    "FuzzRuleSet rule-set 16384"
    "FuzzSheet sheet 16384"
    "FuzzWorkbook workbook 16384"
    "FuzzSignedNote signed-note 2048"
    "FuzzWitnessBody witness-body 8192"
    "FuzzTilePath tile-path 256"
)

build_started=$(date +%s)
swift build -c release \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing \
    -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld
echo "fuzz build: $(($(date +%s) - build_started)) s"
bin="$(swift build -c release --show-bin-path)"

scratch="$(mktemp -d /tmp/jiazhou-fuzz.XXXXXX)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p artifacts

run_one() {
    local target="$1" corpus="$2" max_len="$3"
    local work="$scratch/$corpus" out="artifacts/$corpus"
    mkdir -p "$work" "$out"
    cp corpus/"$corpus"/* "$work"/
    local log="$out/last-run.log"
    if "$bin/$target" "$work" \
        -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=2048 \
        -detect_leaks=1 -print_final_stats=1 -artifact_prefix="$out/" ${FUZZ_SEED:+-seed="$FUZZ_SEED"} >"$log" 2>&1; then
        local runs
        runs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}')
        echo "$target: ok, ${runs:-?} executions in ${seconds} s, corpus $(ls "corpus/$corpus" | wc -l) -> $(ls "$work" | wc -l)"
        return 0
    fi
    echo "$target: FAILED; log $PWD/$log"
    grep -E 'ERROR|property violated|Fatal error|SUMMARY|Test unit written' "$log" | head -20 || true
    return 1
}

failed=0
jobs_max="${FUZZ_JOBS:-1}"
pids=()
for line in "${targets[@]}"; do
    read -r target corpus max_len <<<"$line"
    [ -n "$only" ] && [ "$only" != "$corpus" ] && [ "$only" != "$target" ] && continue
    if [ "$jobs_max" -gt 1 ]; then
        run_one "$target" "$corpus" "$max_len" &
        pids+=($!)
        if [ "${#pids[@]}" -ge "$jobs_max" ]; then
            wait "${pids[0]}" || failed=1
            pids=("${pids[@]:1}")
        fi
    else
        run_one "$target" "$corpus" "$max_len" || failed=1
    fi
done
for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
if [ "$failed" -ne 0 ]; then
    echo "fuzzing found a problem: the inputs are in Fuzz/artifacts/" >&2
    exit 1
fi
echo "fuzzing: every target ran ${seconds} s without a crash, leak or timeout"
