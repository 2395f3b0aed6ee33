#!/bin/sh
# bench/report.py on fixed results: a finished omindex run gives plain
# figures; one that run.sh -L stopped gives lower bounds ("≥"), never a
# speed ratio as if it had finished. Exit 77 (skipped) without python3.
set -u
command -v python3 >/dev/null 2>&1 || { echo "skipped: no python3"; exit 77; }
report=$(dirname "$0")/../report.py
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
printf 'size\t1000\npdf_pages\t3530\nomindex_s\t20.0\nomindex_rss_kb\t102400\nomindex_rerun_s\t0.01\ningest_j1_s\t8.0\ningest_j2_s\t6.4\n' \
  >"$work/results-1000.tsv"
# Stopped after 1,800 s with 25,000 of 100,000 files; then a later invocation
# of ours. omindex_s is what /usr/bin/time saw of the stopped run.
printf 'size\t100000\npdf_pages\t352001\nomindex_s\t1800.3\nomindex_rss_kb\t1048576\nomindex_rc\t124\nomindex_limit_s\t1800\nomindex_files\t25000\ningest_j1_s\t600.0\n' \
  >"$work/results-100000.tsv"
out=$(python3 "$report" "$work" --svg "$work/t.svg") || { echo "report.py failed"; exit 1; }
fail=0
expect() {
  printf '%s\n' "$out" | grep -qF -- "$1" || { echo "missing: $1"; fail=1; }
}
expect '| 1,000 | 3,530 | Omega omindex | 20.0 | 176 | 50.0 | 100 | 0.01 |'
expect '| 1,000 | 2.50 | 1.25 |'
expect '| 100,000 | 352,001 | Omega omindex, stopped after 25,000 files | ≥ 1,800.0 | – | 13.9 | 1,024 | – |'
# 1800 / 600 = 3; at its pace so far 100,000 files take 7,200 s: 7200 / 600 = 12.
expect '| 100,000 | ≥ 3.00 (≥ 12.00 at its pace so far) |'
if printf '%s\n' "$out" | grep -q '| 100,000 | 3.00 |'; then echo "stopped run given as a plain ratio"; fail=1; fi
grep -q '<polygon' "$work/t.svg" || { echo "no lower-bound marker in the plot"; fail=1; }
[ "$(grep -c '<polygon' "$work/t.svg")" = 1 ] || { echo "expected one lower-bound marker"; fail=1; }
exit $fail
