#!/usr/bin/env bash
# Builds the libFuzzer target for the content parser and runs it for SECONDS (default 60).
#
#   scripts/fuzz.sh [SECONDS] [extra libFuzzer flags...]
#
# Reads the seed corpus in fuzz/seeds/ (kept in git), writes new corpus entries to
# fuzz/corpus-run/ and crash inputs to fuzz/artifacts/ (both git-ignored). Replay a crash with
# the printed reproduction command. SITEGEN_FUZZ_ASAN=0 builds without AddressSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_TO_RUN="${1:-60}"
shift || true
case "$SECONDS_TO_RUN" in
    '' | *[!0-9]*) echo "usage: scripts/fuzz.sh [SECONDS] [libFuzzer flags...]" >&2; exit 2 ;;
esac

scripts/setup.sh --build
SANITIZERS=(--sanitize fuzzer)
if [ "${SITEGEN_FUZZ_ASAN:-1}" != "0" ]; then SANITIZERS+=(--sanitize address); fi
# -DSITEGEN_FUZZ leaves out the replayer's @main: libFuzzer provides main(). swiftc 6.3.1 does
# not reliably add coverage for -sanitize=fuzzer when it also gets -O or -g (SwiftPM passes
# both), so coverage is asked for by name, as clang's -fsanitize=fuzzer does. And it does not
# regenerate an object whose Swift IR is unchanged when only such LLVM-level flags change, so
# that is turned off. libFuzzer's "Loaded 1 modules (N inline 8-bit counters)" should then be
# well over 10,000 (18,498 for SitegenCore when this was written). libyaml and libcmark are
# system libraries and are not instrumented: only the Swift code guides the fuzzer.
BUILD=(swift build -c release --scratch-path .build-fuzz --product SitegenFuzz
    "${SANITIZERS[@]}" -Xswiftc -DSITEGEN_FUZZ
    -Xswiftc -sanitize-coverage=edge,indirect-calls,trace-cmp,inline-8bit-counters,pc-table
    -Xswiftc -Xfrontend -Xswiftc -disable-incremental-llvm-codegen)
echo "fuzz: ${BUILD[*]}" >&2
"${BUILD[@]}"
FUZZER="$(swift build -c release --scratch-path .build-fuzz --show-bin-path)/SitegenFuzz"

mkdir -p fuzz/corpus-run fuzz/artifacts
# The first folder receives new entries; the seeds are only read.
RUN=("$FUZZER" fuzz/corpus-run fuzz/seeds
    -dict=fuzz/content.dict
    -max_total_time="$SECONDS_TO_RUN"
    -max_len=4096
    -timeout=10
    -artifact_prefix=fuzz/artifacts/
    -print_final_stats=1
    "$@")
echo "fuzz: ${RUN[*]}" >&2
status=0
# Swift's own crash backtracer reads memory that AddressSanitizer guards; let libFuzzer report.
SWIFT_BACKTRACE=enable=no "${RUN[@]}" || status=$?
if [ "$status" -ne 0 ]; then
    echo "fuzz: the fuzzer stopped with status $status; inputs are in fuzz/artifacts/" >&2
    echo "fuzz: replay one with: SWIFT_BACKTRACE=enable=no $FUZZER fuzz/artifacts/<file>" >&2
fi
exit "$status"
