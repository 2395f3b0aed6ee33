#!/bin/bash
# Whole-command latency of two scrutiny binaries, alternately, on one index:
# each query of the fixed set (bench/data/queries.tsv) runs once per round
# through OLD and then NEW, so both meet the same machine state.
#
#   bench/ab_commands.sh OLD_BINARY NEW_BINARY INDEX [ROUNDS]
# Prints p50 / p95 / p99 in ms for each binary (docs/benchmarks.md).
set -u
[ $# -ge 3 ] || { echo "usage: $0 OLD_BINARY NEW_BINARY INDEX [ROUNDS]" >&2; exit 2; }
old=$1 new=$2 db=$3 rounds=${4:-1}
queries=$(cd "$(dirname "$0")" && pwd)/data/queries.tsv
times=$(mktemp -d)
trap 'rm -rf "$times"' EXIT
for _ in $(seq "$rounds"); do
  while IFS=$'\t' read -r kind query flags; do
    [ "${kind:0:1}" = "#" ] && continue
    for which in old new; do
      bin=$old; [ $which = new ] && bin=$new
      t0=$(date +%s%N)
      # shellcheck disable=SC2086
      "$bin" search --db "$db" $flags $([ "$kind" = facets ] && echo --facets) "$query" >/dev/null 2>&1
      t1=$(date +%s%N)
      echo $(((t1 - t0) / 1000)) >>"$times/$which"
    done
  done <"$queries"
done
percentiles() {
  sort -n "$1" | awk '{v[NR] = $1} END {
    split("0.50 0.95 0.99", ps, " ");
    for (i = 1; i <= 3; i++) { r = int(ps[i] * NR + 0.999999); printf "%.1f ", v[r] / 1000 }
    print "ms (p50 p95 p99, " NR " runs)" }'
}
echo "old: $(percentiles "$times/old")"
echo "new: $(percentiles "$times/new")"
