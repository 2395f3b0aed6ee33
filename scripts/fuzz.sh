#!/usr/bin/env bash
# Short, bounded libFuzzer run over the extraction entry points (fuzz/):
#   scripts/fuzz.sh [SECONDS]   default 60; exits non-zero on any finding.
# FUZZ_SEED (default 1) fixes the run so CI is repeatable; vary it by hand.
# Needs clang (scripts/install-deps.sh --fuzz installs it). Crash inputs are
# left in build-fuzz/findings/ for fuzz/extract_fuzzer to replay.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
scripts/install-deps.sh --fuzz
CXX=clang++ cmake -S fuzz -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-fuzz -j "${JOBS:-$(nproc)}" --target extract_fuzzer
rm -rf build-fuzz/seeds && fuzz/make_seeds.sh build-fuzz/seeds
mkdir -p build-fuzz/corpus build-fuzz/findings
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp
build-fuzz/extract_fuzzer -seed="${FUZZ_SEED:-1}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=262144 \
  -artifact_prefix=build-fuzz/findings/ -print_final_stats=1 build-fuzz/corpus build-fuzz/seeds
