#!/usr/bin/env bash
# The benchmark of issue 7, in one run: a release build of collective on synthetic sites, the cmark CLI and Hugo over
# the same narratives, with wall time and peak memory for each, the ratios the issue targets, and a Markdown table in
# .build/bench/results.md. See docs/performance.md.
#
#   scripts/bench.sh            full run (250-initiative site at 1×, 2×, 4×; 1M-row data-heavy site)
#   scripts/bench.sh --quick    the same steps on a 25-initiative site and a 100,000-row data-heavy site
#
# Options:
#   --quick             smaller sites (for trying the harness; the targets are about the full run)
#   --no-scale          skip the 2× and 4× builds
#   --regenerate        write the synthetic sites again even if they are up to date
#   --skip-build        use the existing release binary instead of running `swift build -c release`
#   --bin PATH          the collective binary to time (default .build/release/collective)
#   --timeout SECONDS   give up on one timed command after this long (default 900)
#   --runs N            time every step N times (default 3); report the median wall time and the largest peak memory
#   --profile           also `perf record` a collective build of the 1× large site; top functions: logs/perf-top.txt
#   --keep-caches       do not drop the page cache before each timed command (the default drops it and reads the
#                       step's inputs back, so every command starts from the same memory state; needs root or sudo)
#   -h, --help          this text
set -uo pipefail  # not -e: a failing step is reported in the table, and the run goes on.
cd "$(dirname "$0")/.."
ROOT=$PWD

QUICK=0; SCALE=1; REGENERATE=0; SKIP_BUILD=0; PROFILE=0; TIMEOUT=900; RUNS=3; SAME_STATE=1
BIN=$ROOT/.build/release/collective
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --no-scale) SCALE=0 ;;
    --regenerate) REGENERATE=1 ;;
    --skip-build) SKIP_BUILD=1 ;;
    --profile) PROFILE=1 ;;
    --keep-caches) SAME_STATE=0 ;;
    --bin) shift; BIN=$(realpath -m "$1") ;;
    --timeout) shift; TIMEOUT=$1 ;;
    --runs) shift; RUNS=$1 ;;
    -h|--help) sed -n '2,/^set /p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

if [ "$QUICK" = 1 ]; then INITIATIVES=25; HEAVY_ROWS=100000; else INITIATIVES=250; HEAVY_ROWS=1000000; fi
BENCH=$ROOT/.build/bench
[ "$QUICK" = 1 ] && BENCH=$ROOT/.build/bench-quick
LOGS=$BENCH/logs
RESULTS=$BENCH/results.tsv
RUNS_TSV=$BENCH/runs.tsv
WEIGHTS=$BENCH/weights.tsv
KINDS=$BENCH/weight-kinds.tsv
mkdir -p "$LOGS"
: > "$RESULTS"; : > "$RUNS_TSV"; : > "$WEIGHTS"; : > "$KINDS"
say() { printf '\n== %s  [%d s into the run]\n' "$*" "$SECONDS"; }
drop_page_cache() {
  if [ -w /proc/sys/vm/drop_caches ]; then echo 3 > /proc/sys/vm/drop_caches
  else sudo -n sh -c 'echo 3 > /proc/sys/vm/drop_caches' 2>/dev/null; fi
}

# ---------------------------------------------------------------------------------------------------------------
# Tools: cmark, hugo and GNU time from Debian when missing (sudo only when not root).
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
APT_UPDATED=0
need() {  # need COMMAND PACKAGE
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "Installing $2 through apt-get…"
  if [ "$APT_UPDATED" = 0 ]; then $SUDO apt-get update -qq; APT_UPDATED=1; fi
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$2" >/dev/null
}
need cmark cmark
need hugo hugo
need python3 python3
[ -x /usr/bin/time ] || need /usr/bin/time time
if [ "$SAME_STATE" = 1 ] && ! { sync; drop_page_cache; }; then
  echo "bench.sh: cannot drop the page cache (needs root or password-less sudo): each step starts from what the"
  echo "          steps before it left in memory, and its figures move with that (see docs/performance.md)."
  SAME_STATE=0
fi
if [ "$SAME_STATE" = 1 ]; then
  MEMORY_STATE="every timed command started from a dropped page cache with its inputs read back"
else
  MEMORY_STATE="page cache not dropped between steps (--keep-caches or no root)"
fi

# ---------------------------------------------------------------------------------------------------------------
say "Release build"
BUILD_OK=1
if [ "$SKIP_BUILD" = 0 ]; then
  if ! swift build -c release > "$LOGS/swift-build.log" 2>&1; then
    BUILD_OK=0
    tail -20 "$LOGS/swift-build.log"
    echo "bench.sh: the release build failed (log: $LOGS/swift-build.log); collective rows will read 'not measured'."
  fi
fi
[ -x "$BIN" ] || { BUILD_OK=0; echo "bench.sh: no binary at $BIN; collective rows will read 'not measured'."; }
[ "$BUILD_OK" = 1 ] && echo "collective: $BIN"

# ---------------------------------------------------------------------------------------------------------------
say "Synthetic sites (generated once, kept in $BENCH, regenerated when Benchmarks/generate.py changes)"
GEN_HASH=$(sha1sum Benchmarks/generate.py | cut -c1-12)
generate() {  # generate NAME ARGS... → $BENCH/NAME/content   ($EXTRA_STAMP: more inputs the site depends on)
  local name=$1; shift
  local dir=$BENCH/$name stamp="$GEN_HASH $*${EXTRA_STAMP:+ $EXTRA_STAMP}"
  if [ "$REGENERATE" = 0 ] && [ -f "$dir/stamp" ] && [ "$(cat "$dir/stamp")" = "$stamp" ]; then
    echo "$name: up to date"
    return 0
  fi
  rm -rf "$dir"; mkdir -p "$dir"
  local start=$SECONDS
  if python3 Benchmarks/generate.py "$@" --out "$dir/content" > "$dir/stats.json"; then
    echo "$stamp" > "$dir/stamp"
    echo "$name: $(cat "$dir/stats.json") ($((SECONDS - start)) s)"
    # Once per generation: the files against the documented layout, independently of `collective check`.
    python3 Benchmarks/verify.py "$dir/content" 2>&1 | tail -6 | sed 's/^/    /'
  else
    echo "bench.sh: generating $name failed" >&2; return 1
  fi
}
# The small site is a copy of content/: copy again whenever a file there changes.
EXTRA_STAMP=$(find content -type f -printf '%s %T@ %p\n' 2>/dev/null | LC_ALL=C sort | sha1sum | cut -c1-12) \
  generate small small --from content
generate large-1x large --initiatives "$INITIATIVES" --scale 1
if [ "$SCALE" = 1 ]; then
  generate large-2x large --initiatives "$INITIATIVES" --scale 2
  generate large-4x large --initiatives "$INITIATIVES" --scale 4
fi
generate data-heavy data-heavy --rows "$HEAVY_ROWS"
# The Hugo site is made of the 1× site's narratives: regenerate it whenever that site was.
if [ ! -f "$BENCH/hugo/stamp" ] || [ "$(cat "$BENCH/hugo/stamp")" != "$(cat "$BENCH/large-1x/stamp")" ]; then
  rm -rf "$BENCH/hugo"; mkdir -p "$BENCH/hugo"
  python3 Benchmarks/generate.py hugo --from "$BENCH/large-1x/content" --out "$BENCH/hugo/site" > "$BENCH/hugo/stats.json" \
    && cp "$BENCH/large-1x/stamp" "$BENCH/hugo/stamp"
  echo "hugo: $(cat "$BENCH/hugo/stats.json")"
fi

bytes_of() { find "$@" -type f -printf '%s\n' 2>/dev/null | awk '{s+=$1} END {print s+0}'; }
html_count() { find "$1" -name '*.html' 2>/dev/null | wc -l; }
NARRATIVE_LIST=$LOGS/narratives.txt
(cd "$BENCH/large-1x/content/initiatives" && ls -1 -- */reports/*.md | LC_ALL=C sort) > "$NARRATIVE_LIST"
NARRATIVES=$(wc -l < "$NARRATIVE_LIST")
NARRATIVE_BYTES=$(cd "$BENCH/large-1x/content/initiatives" && tr '\n' '\0' < "$NARRATIVE_LIST" | xargs -0 cat | wc -c)

# ---------------------------------------------------------------------------------------------------------------
# measure LABEL PAGES_KIND INPUT_BYTES PREPARE -- COMMAND…   (runs in the current directory)
# Runs PREPARE (shell code, may be empty) and then COMMAND, --runs times; every run is a line of runs.tsv (with
# $ROUND, when the caller times several commands in turn, round by round), and the label's summary line of
# results.tsv is its median run and its largest peak memory (unless NO_SUMMARY=1: the caller summarizes later). Wall
# time from the shell clock (ms resolution); peak RSS from GNU time (-v), which wraps `timeout`, so the figure is the
# largest resident set of the command. PAGES_KIND is a number, or dir:PATH to count the .html files there (a build
# that writes no page is not a measurement), or `none` for a step that writes no page by design (the write probe).
# Standard output goes to logs/LABEL.out, or to $SINK if set.
measure() {
  local label=$1 pages=$2 input=$3 prepare=$4; shift 5
  local run count
  for (( run = 1; run <= RUNS; run++ )); do
    [ -n "$prepare" ] && eval "$prepare"
    run_once "$label" "$@"
    case "$pages" in dir:*) count=$(html_count "${pages#dir:}") ;; none) count=0 ;; *) count=$pages ;; esac
    [ "$RUN_STATUS" = ok ] && [ "$count" = 0 ] && [ "$pages" != none ] && RUN_STATUS="no pages written"
    printf '%-24s %8s s  %6s pages  peak %6s MB  CPU %5s  %s\n' "$label" "$RUN_WALL" "$count" \
      "$(( RUN_RSS / 1024 ))" "$RUN_CPU" "$RUN_STATUS"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "${ROUND:-$run}" "$RUN_WALL" "$count" "$input" \
      "$RUN_RSS" "$RUN_STATUS" "$RUN_CPU" "$RUN_USER" "$RUN_SYS" >> "$RUNS_TSV"
    [ "$RUN_STATUS" != ok ] && break
  done
  [ "${NO_SUMMARY:-0}" = 1 ] || summarize "$label"
}
summarize() {  # LABEL — its line of results.tsv from its runs in runs.tsv: the median run by wall time (the lower
  # middle one for an even count) with its CPU figures, the largest peak memory, every run's wall time; a failed run
  # makes the label's status that failure.
  awk -F'\t' -v OFS='\t' -v label="$1" '
    $1 == label { n++; wall[n] = $3; line[n] = $0; if ($6 > rss) rss = $6; walls = walls (walls ? " " : "") $3
                  if ($7 != "ok" && bad == "") bad = $7 }
    END {
      if (!n) exit
      for (i = 1; i <= n; i++) order[i] = i
      for (i = 2; i <= n; i++) for (j = i; j > 1 && wall[order[j]] + 0 < wall[order[j - 1]] + 0; j--) {
        t = order[j]; order[j] = order[j - 1]; order[j - 1] = t }
      split(line[order[int((n + 1) / 2)]], m, "\t")
      print label, m[3], m[4], m[5], rss, (bad == "" ? "ok" : bad), m[8], m[9], m[10], walls
    }' "$RUNS_TSV" >> "$RESULTS"
}
# Every timed command starts from the same memory state (unless --keep-caches): the page cache dropped, then what
# the step reads read back into it (its executable and shared libraries, and $STEP_READS: files whose bytes it
# reads; $STEP_TREES: folders of which it only looks at names and sizes). Without this, each step inherits whatever
# the steps before it left in memory: with many GB of earlier outputs cached, the kernel must reclaim memory for every
# page written. The same large build took 1.5 s of kernel time after a drop and 4.8-5.3 s with 16 GB cached, and the
# copy of the same output 1.6 s and 5.1 s in the first and last rounds of one run (docs/performance.md, "Memory
# state"). A CI job on a fresh machine starts with little cached, as here.
same_state() {  # EXECUTABLE
  [ "$SAME_STATE" = 1 ] || return 0
  drop_page_cache
  local exe path
  exe=$(command -v "$1")
  { echo "$exe"; ldd "$exe" 2>/dev/null | awk '$3 ~ /^\// {print $3} $1 ~ /^\// {print $1}'; } | sort -u \
    | while read -r path; do cat "$path" > /dev/null 2>&1; done
  # tar reads every byte it archives (it skips the reading only when it writes to /dev/null itself, hence the cat).
  local IFS=$'\n'  # the lists are one path per line
  for path in ${STEP_READS:-}; do [ -e "$path" ] && tar cf - "$path" 2>/dev/null | cat > /dev/null; done
  for path in ${STEP_TREES:-}; do [ -e "$path" ] && find "$path" -printf '%s\n' > /dev/null 2>&1; done
  cat /usr/bin/time "$(command -v timeout)" > /dev/null
  return 0
}
run_once() {  # LABEL COMMAND… → RUN_WALL, RUN_RSS (KB), RUN_CPU, RUN_STATUS
  local label=$1; shift
  local tlog=$LOGS/$label.time t0 t1 status
  # Untimed: write out what the previous step left in the page cache, so no step pays for the one before it
  # (the large build leaves 1.7 GB to write back, which otherwise runs on the same two cores during the next step).
  sync
  same_state "$1"
  t0=$(date +%s%N)
  /usr/bin/time -v -o "$tlog" timeout -k 10 "$TIMEOUT" "$@" > "${SINK:-$LOGS/$label.out}" 2> "$LOGS/$label.err"
  status=$?
  t1=$(date +%s%N)
  RUN_WALL=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", (b - a) / 1e9}')
  RUN_RSS=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tlog"); RUN_RSS=${RUN_RSS:-0}
  RUN_CPU=$(awk -F': ' '/Percent of CPU/ {print $2}' "$tlog")
  RUN_USER=$(awk -F': ' '/User time/ {print $2}' "$tlog")
  RUN_SYS=$(awk -F': ' '/System time/ {print $2}' "$tlog")
  case "$status" in
    0) RUN_STATUS=ok ;;
    124|137) RUN_STATUS="timed out after ${TIMEOUT} s" ;;
    *) RUN_STATUS="exit $status"; tail -5 "$LOGS/$label.err" | sed 's/^/    /' ;;
  esac
}
not_measured() {  # LABEL WHY
  printf '%s\t\t\t\t\t%s\n' "$1" "$2" >> "$RESULTS"
  printf '%-24s not measured: %s\n' "$1" "$2"
}

# Every place the build cache may live (next to the output or the content): cleaned before a full build.
# Previous outputs are moved aside, not deleted, before a timed full build, and deleted only when the timings are
# over. Deleting tens of thousands of files just before a build makes the build itself slow on ext4, for reasons
# that have nothing to do with the tool: for a minute (six while the inode table is unwritten) the allocator skips
# every recently freed inode, one buffer-cache lookup each (`recently_deleted` in fs/ext4/ialloc.c), so creating
# the new files costs time proportional to how many were just deleted. Measured: the 2× site built in 33 s of wall
# (33 s of it kernel time) right after its previous output was deleted, against 2× the 1× time when it was not.
# A CI job on a fresh checkout has no such backlog; Hugo's output is moved aside the same way.
TRASH=$BENCH/trash
set_aside() {  # PATH…
  local p
  mkdir -p "$TRASH"
  for p in "$@"; do [ -e "$p" ] && mv "$p" "$TRASH/$(date +%s%N)-$(basename "$p")"; done
  return 0
}
clean_site() {  # SITE_DIR — no previous output, no build cache, no spare (.collective-cache/_site.spare)
  set_aside "$1/_site" "$1/_site."* "$1/.collective-cache" "$1/content/.collective-cache"
}
collective_build() {  # LABEL SITE_DIR PREPARE — run from the site folder, so a cache relative to the working directory
  local label=$1 site=$2 prepare=$3  #                 stays with its site
  # It reads the content, the theme and the build cache's entries, and looks at the previous output and the spare.
  local STEP_READS="$site/content"$'\n'"$ROOT/templates"$'\n'"$site/.collective-cache/_site"
  local STEP_TREES="$site/_site"$'\n'"$site/.collective-cache/_site.spare"
  (cd "$site" && measure "$label" "dir:$site/_site" "$(bytes_of "$site/content")" "$prepare" -- \
      "$BIN" build --content content --templates "$ROOT/templates" --output _site)
}
write_probe() {  # LABEL SITE_DIR — timed like the build it follows, with no build: `dd` of as many bytes as that
  # build wrote, into one file in the page cache (no fsync, like the build), --runs times, each from the same memory
  # state as a build (same_state). What this machine alone charges for taking in that output. On this VM that cost is
  # neither steady nor proportional to the bytes: fresh guest memory is faulted in from the host, and a 6.4 GB `dd`
  # costs several times more per MB than a 1.6 GB one (docs/performance.md, "The machine"). It is most of what makes
  # the 2× and 4× builds look non-linear, which is why each scale has its own probe.
  local label=$1 bytes mb
  bytes=$(du -sb "$2/_site" 2>/dev/null | cut -f1); mb=$(( ${bytes:-0} / 1048576 ))
  [ "$mb" -gt 0 ] || { not_measured "$label" "no output to size"; return; }
  if [ "$(( $(df --output=avail -B1M "$BENCH" | tail -1) - 1024 ))" -lt "$mb" ]; then
    not_measured "$label" "not enough free disk for $mb MB"; return
  fi
  local STEP_READS="" STEP_TREES=""
  (cd "$BENCH" && SINK=/dev/null measure "$label" none "$bytes" 'rm -f "$BENCH/write-probe"' -- \
      dd if=/dev/zero of="$BENCH/write-probe" bs=1M count="$mb" status=none)
  rm -f "$BENCH/write-probe"; sync
}
output_size() {  # LABEL DIR — untimed: the bytes of a finished output (a row with no time, read by report.py)
  local bytes; bytes=$(du -sb "$2" 2>/dev/null | cut -f1)
  [ "${bytes:-0}" -gt 0 ] && printf '%s\t0\t0\t%s\t0\tok\t\t\t\n' "$1" "$bytes" >> "$RESULTS"
}
copy_floor() {  # LABEL SITE_DIR — timed: copying the finished site, on both cores, with no build at all (`cp -r` of
  # each top-level folder, two at a time). Whatever a build computes, writing the same files costs at least this
  # much here; it is the floor under the ratios to cmark and Hugo, measured in the same run as they are.
  local label=$1 site=$2 bytes
  bytes=$(du -sb "$site/_site" 2>/dev/null | cut -f1)
  [ "${bytes:-0}" -gt 0 ] || { not_measured "$label" "no output to copy"; return; }
  mkdir -p "$TRASH"
  local STEP_READS="$site/_site"$'\n'"$(command -v cp)"$'\n'"$(command -v xargs)"
  (cd "$site/_site" && measure "$label" "$(html_count .)" "$bytes" "" -- \
      sh -c 'd=$1/$(date +%s%N)-copy; mkdir "$d" && ls -A | xargs -d "\n" -P 2 -I{} cp -r -- {} "$d/"' copy "$TRASH")
}
page_weight() {  # LABEL DIR — untimed: the size of every .html page (scripts/page-weight.py) → weights.tsv, and
  local label=$1 report  #   of each kind of page (reports, briefs, overviews, ...) → weight-kinds.tsv
  report=$(python3 scripts/page-weight.py "$2" --kinds)
  grep '^page-weight-kind:' <<< "$report" | awk -v label="$label" '{
      for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      printf "%s\t%s\t%s\t%s\t%s\t%s\n", label, v["kind"], v["pages"], v["median"], v["largest"], v["total"]
    }' >> "$KINDS"
  head -1 <<< "$report" | awk -v label="$label" '{
      for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      printf "%s\t%s\t%s\t%s\t%s\t%s\n", label, v["pages"], v["median"], v["p90"], v["largest"], v["largest_path"]
    }' >> "$WEIGHTS"
  printf '%-24s %s\n' "$label" "$(sed -n 2p <<< "$report")"
}
check_site() {  # NAME — untimed `collective check`, so a failing build is explained
  local site=$BENCH/$1 status
  (cd "$site" && timeout "$TIMEOUT" "$BIN" check --content content --templates "$ROOT/templates") > "$LOGS/check-$1.log" 2>&1
  status=$?
  local errors; errors=$(grep -c ': error:' "$LOGS/check-$1.log")
  echo "check $1: exit $status, $errors errors, $(grep -c ': warning:' "$LOGS/check-$1.log") warnings (log: $LOGS/check-$1.log)"
  [ "$errors" = 0 ] || grep ': error:' "$LOGS/check-$1.log" | head -5 | sed 's/^/    /'
}

time_cmark() {  # cmark CLI over the same narratives, one process (label cmark)
  # cmark reads every file named on its command line into one parser and renders one document; the file names go on
  # the command line of a single process (no xargs, which could split them). cmark is single-threaded: one core.
  # (Not pinned with taskset: on a shared machine a pinned core may be the busy one.)
  if [ "$(wc -c < "$NARRATIVE_LIST")" -lt $(( $(getconf ARG_MAX) / 2 )) ]; then
    local files; mapfile -t files < "$NARRATIVE_LIST"
    local STEP_READS="$BENCH/large-1x/content/initiatives"
    (cd "$BENCH/large-1x/content/initiatives" && SINK=/dev/null measure cmark "$NARRATIVES" "$NARRATIVE_BYTES" "" -- \
        cmark "${files[@]}")
  else
    [ "${ROUND:-1}" = 1 ] && not_measured cmark "file list longer than ARG_MAX/2"
  fi
}
time_hugo() {  # Hugo over the same narratives with the one-page layout (label hugo), previous output moved aside
  local STEP_READS="$BENCH/hugo/site"
  (cd "$BENCH/hugo/site" && measure hugo "dir:$BENCH/hugo/public" "$NARRATIVE_BYTES" \
      'set_aside "$BENCH/hugo/public" "$BENCH/hugo/site/resources"' -- hugo --quiet -d "$BENCH/hugo/public")
}

# ---------------------------------------------------------------------------------------------------------------
# Other work on the machine skews every figure: record how busy it was.
if [ -f "$BENCH/trash.deleted" ]; then
  SETTLE=$(( $(cat "$BENCH/trash.deleted") + 390 - $(date +%s) ))
  if [ "$SETTLE" -gt 0 ]; then
    say "waiting ${SETTLE} s: the previous run deleted its outputs less than 6.5 minutes ago (ext4 recently_deleted)"
    sleep "$SETTLE"
  fi
fi
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
if [ "$BUILD_OK" = 1 ]; then
  say "collective check on the generated sites (untimed)"
  for s in small large-1x data-heavy; do check_site "$s"; done

  say "collective, small site (the sample content)"
  collective_build small-full "$BENCH/small" 'clean_site "$BENCH/small"'
  page_weight small "$BENCH/small/_site"

  say "collective, large site, with what it is compared with, in rounds"
  L=$BENCH/large-1x
  # The two ratios of the targets divide the large build by commands timed in the same round, one right after the
  # other (fresh build, the copy of that build's output, cmark, Hugo; then the next round), so each ratio compares
  # figures of the same minute on this VM; its cost for fresh memory moves the copy and the build alike by a factor of
  # two or more from one minute to the next. Each round's ratios are in runs.tsv; the targets take their median.
  for (( round = 1; round <= RUNS; round++ )); do
    ROUND=$round RUNS=1 NO_SUMMARY=1 collective_build large-full "$L" 'clean_site "$L"'
    if [ "$round" = 1 ]; then
      page_weight large "$L/_site"
      output_size large-output "$L/_site"
    fi
    ROUND=$round RUNS=1 NO_SUMMARY=1 copy_floor large-copy "$L"
    ROUND=$round RUNS=1 NO_SUMMARY=1 time_cmark
    ROUND=$round RUNS=1 NO_SUMMARY=1 time_hugo
  done
  for l in large-full large-copy cmark hugo; do summarize "$l"; done
  output_size hugo-output "$BENCH/hugo/public"
  write_probe large-full-write "$L"
  # A full build again, now with the spare a previous build leaves (no build cache, so every page is rendered and
  # written; the replaced site's files are overwritten in place). The fresh build above is the one CI makes.
  (cd "$L" && "$BIN" build --content content --templates "$ROOT/templates" --output _site > /dev/null 2>&1)
  collective_build large-full-spare "$L" 'set_aside "$L/.collective-cache/_site" "$L/content/.collective-cache"'
  # Reading, validating and computing the whole large site without rendering or writing a page.
  (cd "$L" && STEP_READS="$L/content"$'\n'"$ROOT/templates" measure large-check "$NARRATIVES" "$(bytes_of "$L/content")" "" -- \
      "$BIN" check --content content --templates "$ROOT/templates")

  # One narrative changed: append a sentence to one report, rebuild with the previous build's cache (with --runs N,
  # each run appends one more sentence, so each is again a rebuild after one change).
  NARRATIVE=$L/content/initiatives/$(sed -n "$(( NARRATIVES / 2 ))p" "$NARRATIVE_LIST")
  CSV=$(dirname "$(dirname "$NARRATIVE")")/results.csv
  cp "$NARRATIVE" "$LOGS/narrative.orig"; cp "$CSV" "$LOGS/results.orig"
  restore() { cp "$LOGS/narrative.orig" "$NARRATIVE"; cp "$LOGS/results.orig" "$CSV"; }
  trap restore EXIT
  collective_build large-one-narrative "$L" \
    'printf "\nThe backbone team added sentence %d to time a rebuild after one narrative changed.\n" "$run" >> "$NARRATIVE"'

  # One CSV changed: add the run number to the value of the first results row of the same initiative.
  collective_build large-one-csv "$L" \
    'awk -F, -v OFS=, -v k="$run" '\''NR == 2 { $4 = $4 + k } { print }'\'' "$LOGS/results.orig" > "$CSV"'
  restore; trap - EXIT

  say "collective, data-heavy site"
  collective_build data-heavy-full "$BENCH/data-heavy" 'clean_site "$BENCH/data-heavy"'
else
  for l in small-full large-full large-copy large-check large-one-narrative large-one-csv data-heavy-full; do
    not_measured "$l" "no release binary"
  done
  say "cmark and Hugo over the same $NARRATIVES narratives"
  time_cmark; time_hugo
  output_size hugo-output "$BENCH/hugo/public"
fi

if [ "$SCALE" = 1 ]; then
  say "collective, linear growth: large site at 2× and 4×"
  if [ "$BUILD_OK" = 1 ]; then
    # Outputs are moved aside until the timings are over (set_aside), so each run of a k× build keeps k × the 1×
    # output on disk: 3 runs at 4× are ≈ 27 GB. Run fewer when the disk cannot hold them, and say so.
    ONE_X=$(du -sb "$BENCH/large-1x/_site" 2>/dev/null | cut -f1)
    for k in 2 4; do
      free=$(( $(df --output=avail -B1 "$BENCH" | tail -1) - 2 * 1024 * 1024 * 1024 ))
      need=$(( k * ${ONE_X:-0} * 21 / 20 ))
      fit=$(( need > 0 ? free / need : RUNS ))
      if [ "$fit" -lt 1 ]; then
        not_measured "large-${k}x-full" "not enough free disk for one ${k}× output ($(( need / 1000000000 )) GB)"
        continue
      fi
      SAVED_RUNS=$RUNS
      if [ "$fit" -lt "$RUNS" ]; then
        echo "large-${k}x: free disk holds $fit of $RUNS runs' outputs ($(( need / 1000000000 )) GB each): running $fit"
        RUNS=$fit
      fi
      collective_build "large-${k}x-full" "$BENCH/large-${k}x" 'clean_site "$site"'
      RUNS=$SAVED_RUNS
      write_probe "large-${k}x-full-write" "$BENCH/large-${k}x"
    done
  else
    not_measured large-2x-full "no release binary"; not_measured large-4x-full "no release binary"
  fi
fi

if [ "$PROFILE" = 1 ] && [ "$BUILD_OK" = 1 ] && command -v perf >/dev/null; then
  say "perf profile of a full collective build of the large site"
  P=$BENCH/large-1x; clean_site "$P"
  (cd "$P" && perf record -g -o "$LOGS/perf.data" "$BIN" build --content content --templates "$ROOT/templates" \
      --output _site > /dev/null 2>&1)
  perf report -i "$LOGS/perf.data" --stdio --no-children --sort symbol 2>/dev/null | grep -v '^#' | grep '%' \
    | head -40 > "$LOGS/perf-top.txt"
  head -25 "$LOGS/perf-top.txt"
fi

# The outputs set aside during the run (see set_aside), deleted now that nothing is timed any more. The time is
# noted: a run started within six minutes of this deletion would pay for it (see set_aside), so it waits.
rm -rf "$TRASH"
date +%s > "$BENCH/trash.deleted"

# ---------------------------------------------------------------------------------------------------------------
say "Results"
CPU=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')
RAM=$(awk '/MemTotal/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo)
SWIFT=$(swift --version 2>/dev/null | head -1)
HUGO=$(hugo version 2>/dev/null | awk '{print $2}')
CMARK=$(cmark --version 2>/dev/null | head -1)
COMMIT=$(git rev-parse --short HEAD 2>/dev/null)$(git diff --quiet 2>/dev/null || echo "+changes")
MACHINE="$(nproc) cores, $CPU, $RAM RAM; $SWIFT; $CMARK; hugo $HUGO; commit $COMMIT; $(date -u '+%Y-%m-%d %H:%M UTC'); load average before the timings $LOAD_BEFORE; $MEMORY_STATE"
python3 Benchmarks/report.py "$RESULTS" "$BENCH/results.md" "$MACHINE" "$QUICK" "$WEIGHTS" "$KINDS" "$RUNS_TSV"
echo
echo "Markdown table: $BENCH/results.md   logs: $LOGS"
