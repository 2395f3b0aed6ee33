#!/usr/bin/env bash
# README command 2: install what is missing, build, run the whole test suite.
#   scripts/test.sh             release build in build/, all tests
#   scripts/test.sh --sanitize  ASan+UBSan build in build-asan/, all tests
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
if [[ "${1:-}" == "--sanitize" ]]; then
  export BUILD_DIR=build-asan
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  export LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp
  scripts/build.sh -DSCRUTINY_SANITIZE=ON -DSCRUTINY_WERROR=ON
else
  export BUILD_DIR=build
  scripts/build.sh -DSCRUTINY_WERROR=ON
fi
cd "$BUILD_DIR"
ctest --output-on-failure -j "${JOBS:-$(nproc)}"
