#!/usr/bin/env bash
# Every row of issue 30's table in one run, side by side: the coltiva of this tree ("after"),
# an older coltiva binary ("before", optional) and hledger on the same orders (BENCHMARKS.md,
# "Instant at any size, second pass").
#
#   bench/speed.sh                                  # after and hledger
#   BEFORE=/path/to/old/coltiva bench/speed.sh      # before, after and hledger
#   QUICK=1 bench/speed.sh                          # no 100k journal, no 200 MB file
#   ONLY="check-s100k check-huge" bench/speed.sh    # only these rows (names as in the results)
#
# Needs hyperfine and hledger (installed with apt-get when missing), GNU time and python3.
# Data goes to target/bench/ (shared with bench/run.sh); results to target/bench/speed/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/target/bench
RES=${RES:-$OUT/speed}
[ -z "${ONLY:-}" ] && rm -rf "$RES"
mkdir -p "$OUT" "$RES"
CDNOW=${CDNOW:-$ROOT/../shared/data/cdnow/CDNOW_master.txt}
RUNS=${RUNS:-10}

need() {
  command -v "$1" >/dev/null 2>&1 || { apt-get install -y "$2" >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y "$2" >/dev/null; }; }
}
need hyperfine hyperfine
need hledger hledger
[ -x /usr/bin/time ] || need /usr/bin/time time

cargo build --release --quiet
cargo build --release --quiet --example generate
# Copied: a build started while the benchmark runs must not change the binary under test.
cp "$ROOT/target/release/coltiva" "$RES/coltiva-after"
AFTER=$RES/coltiva-after
GEN=$ROOT/target/release/examples/generate
BEFORE=${BEFORE:-}
# label=binary pairs, "before" first when given.
BINS=()
[ -n "$BEFORE" ] && BINS+=("before=$BEFORE")
BINS+=("after=$AFTER")

{
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "after: $(git rev-parse --short HEAD)${BEFORE:+, before: $BEFORE}"
  echo "hyperfine: $(hyperfine --version), hledger: $(hledger --version | head -1)"
} | tee "$RES/machine.txt"

# Drops a folder's files from the page cache (posix_fadvise DONTNEED, file by file): a cold
# read of that journal without touching the rest of the machine's cache.
EVICT="python3 -c 'import os,sys
for d,_,fs in os.walk(sys.argv[1]):
  for f in fs:
    fd=os.open(os.path.join(d,f),os.O_RDONLY); os.posix_fadvise(fd,0,0,os.POSIX_FADV_DONTNEED); os.close(fd)'"

# --- data ------------------------------------------------------------------------------
IMPORT_ARGS="--type order --date-format %Y%m%d --map customer=customer_id --map at=date --map amount=dollar_value"
sed 's/\r$//; s/^ *//; s/  */,/g' "$CDNOW" >"$OUT/cdnow.csv"
awk 'NR > 1 { sub(/\r$/, ""); printf "%s-%s-%s cdnow %s\n    customers:%s    %s\n    revenue\n\n",
     substr($2,1,4), substr($2,5,2), substr($2,7,2), $1, $1, $4 }' "$CDNOW" >"$OUT/cdnow.journal"
if [ ! -d "$OUT/cdnow" ]; then
  "$AFTER" init "$OUT/cdnow" 2>/dev/null
  # shellcheck disable=SC2086
  "$AFTER" --dir "$OUT/cdnow" import "$OUT/cdnow.csv" $IMPORT_ARGS 2>/dev/null
fi
if [ ! -d "$OUT/one" ]; then
  "$AFTER" init "$OUT/one" 2>/dev/null
  "$AFTER" --dir "$OUT/one" add "Only" --id only 2>/dev/null >/dev/null
fi
if [ -z "${QUICK:-}" ]; then
  [ -d "$OUT/s100k" ] || HLEDGER="$OUT/s100k.journal" "$GEN" "$OUT/s100k" 100000 20 7
  if [ ! -d "$OUT/huge" ]; then
    # One customer file of about 200 MB in coltiva's own form (as bench/run.sh's issue #12 rows).
    "$AFTER" init "$OUT/huge" 2>/dev/null
    python3 - "$OUT/huge/customers/huge.toml" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write('schema = 1\nname = "Huge"\nkind = "external"\nsince = 2020-01-01\n')
    i = 0
    while f.tell() < 200_000_000:
        d = f"20{20 + i % 6:02d}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        if i % 3 == 2:
            f.write(f'\n[[order]]\nat = {d}\namount = {i % 997}.{i % 100:02d}\n')
        else:
            f.write(f'\n[[interaction]]\nat = {d}\nchannel = "call"\ndirection = "out"\nsummary = "call number {i} about the next order"\n')
        i += 1
PY
  fi
fi
# Files written in the last 2 seconds are not kept by the summary cache (its racy margin).
sleep 3

want() { [ -z "${ONLY:-}" ] || [[ " $ONLY " == *" $1 "* ]]; }

# hyperfine over every binary for one command line (the binary is put in front of ARGS).
bench() { # NAME RUNS ARGS... (extra commands after --also)
  local name=$1 runs=$2; shift 2
  want "$name" || return 0
  local args=(-N --warmup 2 --runs "$runs" --export-json "$RES/$name.json" --export-markdown "$RES/$name.md")
  # `check` exits 1 when it finds problems (the synthetic journals have duplicate promise ids).
  [[ $name == check-* ]] && args+=(-i)
  local also=()
  while [ $# -gt 0 ] && [ "$1" != --also ]; do also+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  for b in "${BINS[@]}"; do
    args+=(-n "${b%%=*}" "${b#*=} ${also[*]}")
  done
  while [ $# -gt 0 ]; do args+=(-n "$1" "$2"); shift 2; done
  hyperfine "${args[@]}" >/dev/null 2>&1 || echo "$name: a command failed (see $RES/$name.md)" >>"$RES/failures.txt"
}

peak() { # NAME ARGS... : GNU time, one run per binary
  local name=$1; shift
  want "$name" || return 0
  for b in "${BINS[@]}"; do
    /usr/bin/time -f "$name ${b%%=*}: peak RSS %M KB, %e s wall, %U s user, %S s system" \
      "${b#*=}" "$@" >/dev/null 2>>"$RES/memory.txt" || true
  done
}

J=$OUT/cdnow
T="--today 1998-07-01"
bench list-cdnow "$RUNS" --dir "$J" $T list --format json --also hledger "hledger -f $OUT/cdnow.journal balance"
bench report-cdnow "$RUNS" --dir "$J" $T report
bench outlook-warm "$RUNS" --dir "$J" $T outlook
# Cold rows: with the journal's files dropped from the page cache before each run.
for row in "list-cold list --format json" "outlook-cold outlook"; do
  name=${row%% *}
  want "$name" || continue
  args=(-N --runs 5 --prepare "$EVICT $J" --export-json "$RES/$name.json" --export-markdown "$RES/$name.md")
  for b in "${BINS[@]}"; do args+=(-n "${b%%=*}" "${b#*=} --dir $J $T ${row#* }"); done
  hyperfine "${args[@]}" >/dev/null 2>&1 || echo "$name failed" >>"$RES/failures.txt"
done
bench log-cdnow $((RUNS * 2)) --dir "$J" log 00001 called --again
bench log-one $((RUNS * 2)) --dir "$OUT/one" log only called --again
peak list-cdnow --dir "$J" $T list --format json

# Import of CDNOW into an `init --git` journal and into a plain one; each run into a new folder,
# outside this repository: `init --git` inside a git work tree uses that repository (the first
# run of this script committed 23,570 files into the project's own branch).
IMP=$(mktemp -d "${TMPDIR:-/tmp}/coltiva-import.XXXXXX")
if git -C "$IMP" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  echo "$IMP is inside a git work tree: set TMPDIR to a folder outside any repository" >&2; exit 1
fi
for kind in git plain; do
  want "import-$kind" || continue
  flag=""; [ $kind = git ] && flag="--git"
  args=(--runs "${IMPORT_RUNS:-2}" --export-json "$RES/import-$kind.json" --export-markdown "$RES/import-$kind.md")
  for b in "${BINS[@]}"; do
    args+=(--prepare "d=\$(mktemp -d $IMP/imp.XXXXXX) && ${b#*=} init $flag \$d/j >/dev/null 2>&1 && ln -sfn \$d/j $IMP/imp-$kind && sync"
           -n "${b%%=*}" "${b#*=} --dir $IMP/imp-$kind import $OUT/cdnow.csv $IMPORT_ARGS")
  done
  hyperfine "${args[@]}" >/dev/null 2>&1 || echo "import-$kind failed" >>"$RES/failures.txt"
done
rm -rf "$IMP"

if [ -z "${QUICK:-}" ]; then
  S=$OUT/s100k
  bench report-s100k 3 --dir "$S" --today 2026-11-23 report
  bench check-s100k 3 --dir "$S" check
  peak report-s100k --dir "$S" --today 2026-11-23 report
  peak check-s100k --dir "$S" check
  H=$OUT/huge
  peak show-huge --dir "$H" --today 2026-11-23 show huge --format json
  # check of the huge file before issue 30 needs about 9 GB: only when asked (HUGE_CHECK=1).
  if [ -n "${HUGE_CHECK:-}" ] || [ -z "$BEFORE" ]; then
    peak check-huge --dir "$H" check
  else
    BINS_SAVED=("${BINS[@]}"); BINS=("after=$AFTER")
    peak check-huge --dir "$H" check
    BINS=("${BINS_SAVED[@]}")
  fi
  ls -l "$H/customers/huge.toml" >>"$RES/memory.txt"
fi

echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$RES/machine.txt"
for f in "$RES"/*.md; do echo; echo "### $(basename "$f" .md)"; cat "$f"; done
echo; cat "$RES/memory.txt" 2>/dev/null || true
[ -f "$RES/failures.txt" ] && cat "$RES/failures.txt"
exit 0
