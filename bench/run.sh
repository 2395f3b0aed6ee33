#!/bin/bash
# Benchmarks scrutiny against its anchors on one generated corpus per size, in
# one run (docs/benchmarks.md): bare text extraction (pdftotext per file, and
# poppler-cpp in one process), Xapian Omega's omindex + quest, and our
# `scrutiny ingest` (--jobs 1 and 2), no-change re-runs, query latency, themes,
# retag, index sizes and peak RSS.
#
#   bench/run.sh [-b BUILD_DIR] [-w WORK_DIR] [-s SEED] [-o] [-a] [-J "1 2"] [-T "..."] SIZE...
#     -o  ours only (skip the anchors)      -a  anchors only (skip ours)
#     -q  queries only (indexes already built in WORK_DIR)
#     -J  the --jobs values to ingest with (default "1 2"; the first one's
#         index is the one measured for size, themes, retag and queries)
#     -T  the anchors to run (default "pdftotext poppler_floor omindex")
#     -L  stop omindex after this many seconds (at 100k it would run for
#         hours). A stopped run records omindex_limit_s and omindex_files
#         (the files it had indexed, from its -v lines) instead of a time:
#         a lower bound; its re-run, size and queries are then skipped
#     -c  a real corpus: the documents in DIR (e.g. ../shared/ofsted-reports)
#         instead of a generated one; SIZE then only labels the run (give the
#         number of documents, and a WORK_DIR of its own)
# Results: WORK_DIR/results-SIZE.tsv (metric<TAB>value, appended; the last
# value of a metric wins), logs in WORK_DIR/log-SIZE/. Summary: bench/report.py.
set -u
here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$here")
build=$src/build-bench
work=/tmp/scrutiny-bench
seed=42
do_ours=1 do_anchors=1 only_queries=0 real_corpus=""
jobs_list="1 2" anchors="pdftotext poppler_floor omindex" omindex_limit=""
while getopts "b:w:s:oaqJ:T:c:L:" opt; do
  case $opt in
    b) build=$OPTARG ;; w) work=$OPTARG ;; s) seed=$OPTARG ;;
    J) jobs_list=$OPTARG ;; T) anchors=$OPTARG ;; L) omindex_limit=$OPTARG ;; c) real_corpus=$(cd "$OPTARG" && pwd) || exit 2 ;;
    o) do_anchors=0 ;; a) do_ours=0 ;; q) only_queries=1 ;;
    *) exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || set -- 1000
scrutiny=$build/scrutiny
[ -x "$scrutiny" ] || scrutiny=$build/cli/scrutiny
gen=$build/bench/gen_corpus
floor=$build/bench/extract_floor
qbench=$build/bench/query_bench
queries=$here/data/queries.tsv
mkdir -p "$work"

# measure NAME CMD...: wall seconds and peak RSS (KiB) of CMD into the results.
measure() {
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$log/$name.time" "$@" >"$log/$name.out" 2>"$log/$name.err"
  local rc=$?
  read -r secs rss < <(tail -1 "$log/$name.time")
  printf '%s_s\t%s\n%s_rss_kb\t%s\n%s_rc\t%s\n' "$name" "$secs" "$name" "$rss" "$name" "$rc" >>"$results"
  echo "  $name: ${secs}s, ${rss} KiB peak, exit $rc"
}
record() { printf '%s\t%s\n' "$1" "$2" >>"$results"; }

# Percentiles (ms) of one time per line on stdin: "p50 p95 p99".
percentiles() {
  sort -n | awk '{v[NR]=$1} END {
    split("0.50 0.95 0.99", ps, " ");
    for (i = 1; i <= 3; i++) { r = int(ps[i] * NR + 0.999999); if (r < 1) r = 1; printf "%.1f ", v[r] * 1000 }
    print "" }'
}

# repeat_ms NAME N CMD...: CMD run N times; p50/p95/p99 of its wall time (ms)
# into the results. /usr/bin/time's 10 ms resolution cannot time a
# `themes` that takes 10-30 ms.
repeat_ms() {
  local name=$1 n=$2; shift 2
  local t0 t1 i a b c
  read -r a b c < <(for ((i = 0; i < n; i++)); do
    t0=$(date +%s.%N); "$@" >/dev/null 2>&1; t1=$(date +%s.%N)
    echo "$t1 - $t0" | bc
  done | percentiles)
  printf '%s_p50_ms\t%s\n%s_p95_ms\t%s\n%s_p99_ms\t%s\n' "$name" "$a" "$name" "$b" "$name" "$c" >>"$results"
  echo "  $name x$n: p50 $a p95 $b p99 $c ms"
}

# One whole command per query, wall time of each: TOOL prefix, then the query.
command_latency() {
  local name=$1; shift
  local t0 t1
  while IFS=$'\t' read -r kind q flags; do
    [ "${kind:0:1}" = "#" ] && continue
    [ "$kind" = facets ] && [ "$name" = quest ] && continue
    t0=$(date +%s.%N)
    if [ "$name" = quest ]; then
      quest -d "$omega_db" "$q" >/dev/null 2>&1
    else
      # shellcheck disable=SC2086
      "$scrutiny" search --db "$ours_db" $flags $([ "$kind" = facets ] && echo --facets) "$q" >/dev/null 2>&1
    fi
    t1=$(date +%s.%N)
    echo "$t1 - $t0" | bc
  done <"$queries" | percentiles
}

for size in "$@"; do
  corpus=${real_corpus:-$work/corpus-$size}
  log=$work/log-$size
  results=$work/results-$size.tsv
  omega_db=$work/omega-$size
  ours_db=$work/ours-$size-j${jobs_list%% *}
  mkdir -p "$log"
  echo "== $size documents ($(date -u +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg))"
  if [ $only_queries = 0 ]; then
    # Results accumulate (report.py keeps the last value of each metric), so
    # anchors and ours may be measured by separate invocations on one corpus.
    record size "$size"
    record run_started "$(date -u +%FT%TZ)"
    record load_before "$(cut -d' ' -f1 /proc/loadavg)"
    if [ -n "$real_corpus" ]; then
      record corpus "$real_corpus"
      record pdf_files "$(find "$corpus" -type f -iname '*.pdf' | wc -l)"
      record html_files "$(find "$corpus" -type f \( -iname '*.html' -o -iname '*.htm' \) | wc -l)"
      record pdf_pages "$(find "$corpus" -type f -iname '*.pdf' -exec pdfinfo {} \; 2>/dev/null |
        awk '/^Pages:/ {s += $2} END {print s}')"
    else
      if [ ! -f "$corpus/corpus.tsv" ]; then
        measure generate "$gen" --out "$corpus" --count "$size" --seed "$seed" \
          --source-text "$src/../shared/seeds" --source-text "$here/data/sentences.txt"
      fi
      record pdf_files "$(awk -F'\t' 'NR > 1 && $2 == "pdf"' "$corpus/corpus.tsv" | wc -l)"
      record html_files "$(awk -F'\t' 'NR > 1 && $2 == "html"' "$corpus/corpus.tsv" | wc -l)"
      record pdf_pages "$(awk -F'\t' 'NR > 1 {s += $3} END {print s}' "$corpus/corpus.tsv")"
    fi
    record corpus_kb "$(du -sk "$corpus" | cut -f1)"
    find "$corpus" -type f -exec cat {} + >/dev/null  # same warm page cache for every tool

    if [ $do_anchors = 1 ]; then
      case " $anchors " in *" pdftotext "*)
        measure pdftotext sh -c "find '$corpus' -name '*.pdf' | sort | while read -r f; do pdftotext -q \"\$f\" -; done >/dev/null" ;;
      esac
      case " $anchors " in *" poppler_floor "*)
        measure poppler_floor "$floor" "$corpus"
        measure poppler_floor_cms "$floor" --colour-management "$corpus" ;;
      esac
      case " $anchors " in *" omindex "*)
        rm -rf "$omega_db"
        if [ -n "$omindex_limit" ]; then
          measure omindex timeout "$omindex_limit" omindex -v --db "$omega_db" --url / "$corpus"
        else
          measure omindex omindex --db "$omega_db" --url / "$corpus"
        fi
        if [ -n "$omindex_limit" ] && [ "$(awk -F'\t' '$1 == "omindex_rc" {v = $2} END {print v}' "$results")" = 124 ]; then
          record omindex_limit_s "$omindex_limit"
          record omindex_files "$(grep -c '^Indexing ' "$log/omindex.out")"
          echo "  omindex stopped at ${omindex_limit}s: $(grep -c '^Indexing ' "$log/omindex.out") files indexed"
          rm -rf "$omega_db"  # partial: no re-run, size or queries from it
        else
          record omindex_limit_s ""  # finished: clears a stop an earlier invocation recorded
          measure omindex_rerun omindex --db "$omega_db" --url / "$corpus"
          record omega_db_kb "$(du -sk "$omega_db" | cut -f1)"
        fi ;;
      esac
    fi
    if [ $do_ours = 1 ]; then
      for jobs in $jobs_list; do
        db=$work/ours-$size-j$jobs
        rm -rf "$db"
        measure "ingest_j$jobs" "$scrutiny" ingest --db "$db" --jobs "$jobs" --quiet "$corpus"
        measure "ingest_j${jobs}_rerun" "$scrutiny" ingest --db "$db" --jobs "$jobs" --quiet "$corpus"
      done
      record ours_db_kb "$(du -sk "$ours_db" | cut -f1)"
      # The index-wide count (two-space indent), not the last run's (a re-run: 0).
      record ours_passages "$("$scrutiny" status --db "$ours_db" --format json 2>/dev/null |
        grep '^  "passages"' | grep -o '[0-9]*' | head -1)"
      measure themes "$scrutiny" themes --db "$ours_db"
      measure themes_json "$scrutiny" themes --db "$ours_db" --format json
      repeat_ms cmd_themes 20 "$scrutiny" themes --db "$ours_db"
      repeat_ms cmd_status 20 "$scrutiny" status --db "$ours_db"
      measure retag "$scrutiny" retag --db "$ours_db"
      # Last: the queries below then run on the compacted index, as a
      # nightly job that compacts after ingest would serve them.
      measure compact "$scrutiny" compact --db "$ours_db"
      record ours_db_compact_kb "$(du -sk "$ours_db" | cut -f1)"
    fi
  fi
  # Query latency: library level (database opened once) and whole commands.
  if [ $do_ours = 1 ] && [ -d "$ours_db" ]; then
    "$qbench" --db "$ours_db" --queries "$queries" --timelines 1 >"$log/query_bench.tsv" 2>"$log/query_bench.err"
    awk -F'\t' 'NR > 1 {print "lib_" $1 "_p50_ms\t" $3 "\nlib_" $1 "_p95_ms\t" $4 "\nlib_" $1 "_p99_ms\t" $5}' \
      "$log/query_bench.tsv" >>"$results"
    read -r a b c < <(command_latency scrutiny)
    record cmd_search_p50_ms "$a"; record cmd_search_p95_ms "$b"; record cmd_search_p99_ms "$c"
    echo "  search (library): $(grep -E '^(top10|facets|timeline)' "$log/query_bench.tsv" | tr '\t' ' ' | tr '\n' ';')"
  fi
  if [ $do_anchors = 1 ] && [ -d "$omega_db" ]; then
    "$qbench" --omega "$omega_db" --queries "$queries" >"$log/omega_bench.tsv" 2>"$log/omega_bench.err"
    awk -F'\t' 'NR > 1 {print "omega_lib_" $1 "_p50_ms\t" $3 "\nomega_lib_" $1 "_p95_ms\t" $4 "\nomega_lib_" $1 "_p99_ms\t" $5}' \
      "$log/omega_bench.tsv" >>"$results"
    read -r a b c < <(command_latency quest)
    record cmd_quest_p50_ms "$a"; record cmd_quest_p95_ms "$b"; record cmd_quest_p99_ms "$c"
    echo "  quest (command): p50 $a p95 $b p99 $c ms"
  fi
  record load_after "$(cut -d' ' -f1 /proc/loadavg)"
done
