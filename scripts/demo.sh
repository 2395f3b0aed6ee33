#!/usr/bin/env bash
# README command 1: install what is missing, build, ingest the bundled corpus
# into a fresh demo index and answer an example search.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
DB=${SCRUTINY_DB:-build/demo-index}
rm -rf "$DB"
build/cli/scrutiny ingest --db "$DB" corpus/
echo
build/cli/scrutiny search --db "$DB" "${1:-care leavers}"
